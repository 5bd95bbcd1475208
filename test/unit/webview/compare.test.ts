import * as assert from 'node:assert/strict';
import { compareRuns, shiftDescription, shiftMark } from '../../../src/webview/compare';
import { runInOrder } from './fixtures';

describe('compareRuns', () => {
  // Before: c1 c2 c3 c4. After: c3 c1 c2 c5 (c3 rose by 2, c1 and c2 fell by 1, c5 new, c4 dropped).
  const before = runInOrder([1, 2, 3, 4], 'before');
  const after = runInOrder([3, 1, 2, 5], 'after');
  const result = compareRuns(after, before);

  it('gives each item of the focused run its rise or fall in places', () => {
    assert.deepEqual(result.focused.get('c3'), { kind: 'moved', by: 2, otherRank: 3 });
    assert.deepEqual(result.focused.get('c1'), { kind: 'moved', by: -1, otherRank: 1 });
    assert.deepEqual(result.focused.get('c2'), { kind: 'moved', by: -1, otherRank: 2 });
  });

  it('marks items only in the focused run as new', () => {
    assert.deepEqual(result.focused.get('c5'), { kind: 'new' });
  });

  it('marks items only in the other run as dropped', () => {
    assert.deepEqual(result.other.get('c4'), { kind: 'dropped' });
    assert.equal(result.focused.has('c4'), false);
  });

  it('gives both sides of a matched pair the same shift, each pointing at the other rank', () => {
    assert.deepEqual(result.other.get('c3'), { kind: 'moved', by: 2, otherRank: 1 });
  });

  it('counts the shared candidates', () => {
    assert.equal(result.shared, 3);
  });

  it('matches by candidate id, not by position', () => {
    const same = compareRuns(runInOrder([2, 1], 'b'), runInOrder([1, 2], 'a'));
    assert.deepEqual(same.focused.get('c2'), { kind: 'moved', by: 1, otherRank: 2 });
  });

  it('finds nothing shared between runs of different candidates', () => {
    const none = compareRuns(runInOrder([1, 2], 'a'), runInOrder([3, 4], 'b'));
    assert.equal(none.shared, 0);
    assert.deepEqual([...none.focused.values()].map((s) => s.kind), ['new', 'new']);
  });
});

describe('shiftMark and shiftDescription', () => {
  it('shows a rise as an up arrow and the number of places, and says "up" to a screen reader', () => {
    assert.deepEqual(shiftMark({ kind: 'moved', by: 3, otherRank: 5 }), { icon: 'arrow-up', spoken: 'up', text: '3' });
  });

  it('shows a fall as a down arrow and the number of places, and says "down"', () => {
    assert.deepEqual(shiftMark({ kind: 'moved', by: -2, otherRank: 1 }), { icon: 'arrow-down', spoken: 'down', text: '2' });
  });

  it('shows no change as a dash, said as "same place"', () => {
    assert.deepEqual(shiftMark({ kind: 'moved', by: 0, otherRank: 4 }), { icon: 'dash', spoken: 'same place', text: '' });
  });

  it('shows new and dropped items with an icon and the word', () => {
    assert.deepEqual(shiftMark({ kind: 'new' }), { icon: 'diff-added', spoken: '', text: 'new' });
    assert.deepEqual(shiftMark({ kind: 'dropped' }), { icon: 'diff-removed', spoken: '', text: 'dropped' });
    assert.equal(shiftMark(undefined), undefined);
  });

  it('spells the shift out for a tooltip', () => {
    assert.equal(shiftDescription({ kind: 'moved', by: 3, otherRank: 5 }, 'the compared run'), 'Rank 5 in the compared run: up 3');
    assert.equal(shiftDescription({ kind: 'new' }, 'the compared run'), 'Not in the results of the compared run');
  });
});
