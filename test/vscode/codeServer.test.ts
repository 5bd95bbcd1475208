// `npm test`'s extension-host layer (and `npm run test:vscode` where VS Code cannot be
// downloaded): the test/vscode suite runs inside code-server's extension host (codeServer.ts),
// and every test it ran becomes a test here, under the same describe titles, so the spec output
// and the "N passed, N failed" count show each one. Skipped with one "skipped: why" line where
// the machine cannot run code-server and Chromium; RERANK_E2E=1 turns that into a failure.

import * as assert from 'node:assert/strict';
import Mocha from 'mocha';
import { log, skipLayer, whyCannotRun } from '../e2e/harness';
import { MissingPrerequisite } from '../e2e/install';
import { runSuiteInCodeServer, type CodeServerRun } from './codeServer';
import type { HostTestResult } from './results';

const LAYER = 'extension-host (code-server)';

/** One test here for a test the suite ran there, under suites named as the suite's describes. */
function mirror(root: Mocha.Suite, result: HostTestResult): void {
  const titles = result.titlePath.slice(0, -1);
  let suite = root;
  for (const title of titles) suite = suite.suites.find((s) => s.title === title) ?? Mocha.Suite.create(suite, title);
  const test = new Mocha.Test(result.titlePath[result.titlePath.length - 1] ?? '?', function (this: Mocha.Context) {
    if (result.state === 'pending') this.skip();
    if (result.state !== 'failed') return;
    // The extension host's message and stack, shown once: this side's stack says nothing.
    const error = new Error(`failed in the extension host: ${result.error ?? 'no message'}`);
    error.stack = error.message;
    throw error;
  });
  suite.addTest(test);
}

describe('extension host: the test/vscode suite inside code-server', function () {
  this.timeout(10 * 60_000); // a clean machine installs code-server first (about 1.5 minutes)
  let run: CodeServerRun | undefined;

  before(async function () {
    const why = whyCannotRun();
    if (why) return skipLayer(this, LAYER, why);
    try {
      run = await runSuiteInCodeServer();
    } catch (err) {
      if (err instanceof MissingPrerequisite) return skipLayer(this, LAYER, err.message);
      throw err;
    }
    if (run.results) log(`the suite ran in VS Code ${run.results.vscodeVersion} (${run.results.appHost}): ${run.results.tests.length} tests`);
    log(`traffic off 127.0.0.1: ${run.offLoopback.length ? run.offLoopback.join(', ') : 'none'}`);
    const suite = this.test?.parent;
    if (suite) for (const result of run.results?.tests ?? []) mirror(suite, result);
  });

  it('runs in the extension host and reports every test back', function () {
    const r = run as CodeServerRun;
    assert.ok(r.results, `the suite wrote no results (extension host exit code ${r.exitCode}):\n${r.output}`);
    assert.ok(r.results.tests.length > 0, 'the suite ran no test');
    const failed = r.results.tests.some((t) => t.state === 'failed');
    assert.equal(r.exitCode, failed ? 1 : 0, 'the exit code agrees with the results');
  });
});
