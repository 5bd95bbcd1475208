import * as assert from 'node:assert/strict';
import { buildRanking } from '../../../src/webview/ranking';
import { item, run } from './fixtures';

describe('buildRanking', () => {
  const r = run([item(1, 0.9, 'zulu retry'), item(2, 0.8, 'alpha retry'), item(3, 0.7, 'mike'), item(4, 0.1, 'bravo retry')]);

  it('filters, then keeps the top K by rank, then sorts for display', () => {
    const view = buildRanking(r, { filter: { text: 'retry' }, topK: 2, sortKey: 'text', sortDirection: 'asc' });
    // The two best matches (ranks 1 and 2), in text order; not the first two texts A to Z.
    assert.deepEqual(view.rows.map((x) => x.rank), [2, 1]);
    assert.equal(view.matching, 3);
  });

  it('measures score bars against the whole run, not the filtered rows', () => {
    const view = buildRanking(r, { filter: { text: 'mike' }, sortKey: 'rank', sortDirection: 'asc' });
    assert.deepEqual(view.range, { min: 0.1, max: 0.9 });
  });

  it('says which threshold the run uses', () => {
    assert.equal(buildRanking(run([], 'logit'), { filter: { text: '' }, sortKey: 'rank', sortDirection: 'asc' }).mode, 'rank');
  });
});
