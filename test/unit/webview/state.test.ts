import * as assert from 'node:assert/strict';
import { PAGE_ROWS, defaultPanelState, readPanelState, toggleExpanded } from '../../../src/webview/state';

describe('readPanelState', () => {
  it('starts from defaults when nothing was saved', () => {
    assert.deepEqual(readPanelState(undefined), defaultPanelState());
    assert.equal(readPanelState(null).shown, PAGE_ROWS);
  });

  it('reads back a state it saved', () => {
    const saved = { runId: 'r1', compareRunId: 'r2', filterText: 'retry', minScore: 0.3, maxRank: 5, topK: 20, sortKey: 'score', sortDirection: 'desc', expanded: ['c1'], shown: 1000 };
    assert.deepEqual(readPanelState(JSON.parse(JSON.stringify(saved))), saved);
  });

  it('replaces each damaged field by its default and keeps the rest', () => {
    const state = readPanelState({ runId: 5, filterText: 'ok', minScore: 'high', topK: -3, sortKey: 'colour', sortDirection: 'sideways', expanded: ['c1', 7], shown: 0 });
    assert.equal(state.runId, undefined);
    assert.equal(state.filterText, 'ok');
    assert.equal(state.minScore, undefined);
    assert.equal(state.topK, undefined);
    assert.equal(state.sortKey, 'rank');
    assert.equal(state.sortDirection, 'asc');
    assert.deepEqual(state.expanded, ['c1']);
    assert.equal(state.shown, PAGE_ROWS);
  });
});

describe('toggleExpanded', () => {
  it('adds a row that was collapsed and removes one that was expanded', () => {
    assert.deepEqual(toggleExpanded(['a'], 'b'), ['a', 'b']);
    assert.deepEqual(toggleExpanded(['a', 'b'], 'a'), ['b']);
  });

  it('keeps only the most recent 500 rows', () => {
    const many = Array.from({ length: 500 }, (_, i) => `c${i}`);
    const next = toggleExpanded(many, 'new');
    assert.equal(next.length, 500);
    assert.equal(next[0], 'c1');
    assert.equal(next.at(-1), 'new');
  });
});
