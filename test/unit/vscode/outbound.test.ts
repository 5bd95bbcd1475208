import * as assert from 'node:assert/strict';
import type { Candidate, Run } from '../../../src/core/types';
import { guardOutbound, guardedRun } from '../../../src/vscode/outbound';
import { fakeSecrets } from '../../support/fakeSecrets';

const { githubToken, stripeKey } = fakeSecrets(17);

const block = (i: number, text: string): Candidate => ({ id: `b${i}`, text, source: { kind: 'selection', uri: 'file:///w/notes.txt', block: i, range: { startLine: i + 1, endLine: i + 1 } } });
const BLOCKS = [block(0, 'retry a rate limited request'), block(1, `export GITHUB_TOKEN=${githubToken}`), block(2, 'bake bread')];

describe('guardOutbound (what a remote ranker sees)', () => {
  it('redacts a selection block in place and says "1 likely secret redacted before sending"', () => {
    const out = guardOutbound('retry', false, BLOCKS, 'redact');
    assert.equal(out.candidates.length, 3);
    assert.equal(out.candidates[1]?.text, 'export GITHUB_TOKEN=[redacted github-token]');
    assert.deepEqual(out.candidates[1]?.source, BLOCKS[1]?.source, 'provenance kept');
    assert.equal(out.candidates[0], BLOCKS[0], 'clean candidates pass as they are');
    assert.equal(out.notice, '1 likely secret redacted before sending');
  });

  it("leaves the block out under 'omit'", () => {
    const out = guardOutbound('retry', false, BLOCKS, 'omit');
    assert.deepEqual(
      out.candidates.map((c) => c.id),
      ['b0', 'b2'],
    );
    assert.equal(out.notice, '1 passage with likely secrets left out before sending');
  });

  it('fails clearly when every passage was left out', () => {
    assert.throws(() => guardOutbound('retry', false, [BLOCKS[1] as Candidate], 'omit'), /every passage held a likely secret/);
  });

  it('redacts a query taken from text (a selection, a model), and keeps one the user typed', () => {
    const query = `where is ${stripeKey} used`;
    assert.equal(guardOutbound(query, true, [BLOCKS[0] as Candidate], 'omit').query, 'where is [redacted stripe-key] used');
    assert.equal(guardOutbound(query, true, [BLOCKS[0] as Candidate], 'omit').notice, '1 likely secret redacted before sending');
    assert.equal(guardOutbound(query, false, [BLOCKS[0] as Candidate], 'redact').query, query);
  });
});

describe('guardedRun (what a prompt gets)', () => {
  const run: Run = {
    id: 'r',
    query: `config with ${stripeKey}`,
    provider: 'local',
    model: 'bm25',
    scoreKind: 'normalized-bm25',
    merge: 'score',
    startedAt: '2026-01-01T00:00:00Z',
    durationMs: 1,
    candidateCount: 3,
    items: BLOCKS.map((candidate, index) => ({ rank: index + 1, score: 1 - index / 10, index, candidate })),
    stats: { requests: 0, retries: 0, batches: 1 },
  };

  it('redacts the items and the query of an offline run, leaving the run itself as it was', () => {
    const guarded = guardedRun(run, 'redact');
    assert.ok(!JSON.stringify(guarded).includes(githubToken));
    assert.ok(!JSON.stringify(guarded).includes(stripeKey));
    assert.equal(guarded.items.length, 3);
    assert.ok(run.items[1]?.candidate.text.includes(githubToken), 'the stored run keeps the user text');
  });

  it("leaves an item out under 'omit', keeping the others' ranks", () => {
    const guarded = guardedRun(run, 'omit');
    assert.deepEqual(
      guarded.items.map((i) => i.rank),
      [1, 3],
    );
  });
});
