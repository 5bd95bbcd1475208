// Mocha's spec reporter, plus a line of counts appended to $RERANK_TEST_COUNTS, so `npm test`
// can total every layer into one "N passed, N failed" line.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.RERANK_TEST_COUNTS;
      if (!file) return;
      const { passes, failures, pending } = runner.stats;
      fs.appendFileSync(file, `${JSON.stringify({ passes, failures, pending })}\n`);
    });
  }
}

module.exports = CountReporter;
