import * as assert from 'node:assert/strict';
import { runChars, withinBudget } from '../../../src/vscode/historyBudget';
import { item, run } from '../webview/fixtures';

/** A run whose text is `chars` characters (its query "how to retry" included). */
const sized = (id: string, chars: number) => run([item(1, 0.9, 'x'.repeat(chars - 'how to retry'.length))], 'probability', id);

describe('history budget', () => {
  it('counts the query and every item text', () => {
    assert.equal(runChars(sized('a', 100)), 100);
  });

  it('keeps the newest runs that fit together, in order, and leaves out what does not', () => {
    const runs = [sized('new', 40), sized('mid', 40), sized('big', 50), sized('old', 20)];
    assert.deepEqual(withinBudget(runs, 100, false).map((r) => r.id), ['new', 'mid', 'old'], 'an older, smaller run still fits');
    assert.deepEqual(withinBudget(runs, 1000, false).map((r) => r.id), ['new', 'mid', 'big', 'old']);
  });

  it('keeps the newest run even when it alone is over, only when asked to', () => {
    const runs = [sized('huge', 500), sized('small', 20)];
    assert.deepEqual(withinBudget(runs, 100, true).map((r) => r.id), ['huge'], 'nothing else fits beside it');
    assert.deepEqual(withinBudget(runs, 100, false).map((r) => r.id), ['small'], 'a run over the budget is not stored');
  });
});
