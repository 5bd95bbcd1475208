import * as assert from 'node:assert/strict';
import { packPromptContext, rankRuns } from '../../../src/core/prompt';
import { estimateTokens } from '../../../src/core/tokens';
import type { CandidateSource, Run, RunItem } from '../../../src/core/types';

const FILE = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
const lines = (start: number, end: number) => FILE.slice(start - 1, end).join('\n');

function item(rank: number, score: number, text: string, source: CandidateSource, index = rank - 1): RunItem {
  return { rank, score, index, candidate: { id: String(index), text, source } };
}

function run(items: RunItem[], scoreKind: Run['scoreKind'] = 'probability'): Run {
  return {
    id: 'r', query: 'where is the retry loop', provider: 'test', model: 'm', scoreKind, merge: 'score',
    startedAt: new Date(0).toISOString(), durationMs: 1, candidateCount: items.length, items,
    stats: { requests: 1, retries: 0, batches: 1 },
  };
}

const file = (path: string, startLine: number, endLine: number): CandidateSource => ({ kind: 'file', path, range: { startLine, endLine } });

describe('packPromptContext', () => {
  it('starts with the query and gives each result its source, rank and a fenced block in its language', () => {
    const { text, included } = packPromptContext(run([
      item(1, 0.9, 'export function retry() {}', file('src/retry.ts', 3, 3)),
      item(2, 0.5, 'def retry(): pass', file('lib/retry.py', 10, 10)),
    ]));
    assert.ok(text.startsWith('# Context for: where is the retry loop\n'));
    assert.match(text, /## 1\. src\/retry\.ts:3-3 \(rank 1\)\n\n```typescript\nexport function retry\(\) \{\}\n```/);
    assert.match(text, /## 2\. lib\/retry\.py:10-10 \(rank 2\)\n\n```python\ndef retry\(\): pass\n```/);
    assert.deepEqual(included, [1, 2]);
  });

  it('names selection blocks and command-line documents', () => {
    const { text } = packPromptContext(run([
      item(1, 0.9, 'Some prose.', { kind: 'selection', uri: 'file:///notes/plan.md', block: 2, range: { startLine: 5, endLine: 6 } }),
      item(2, 0.5, 'Other text.', { kind: 'input', index: 4 }),
    ]));
    assert.match(text, /## 1\. selection block 3 \(plan\.md:5-6\) \(rank 1\)\n\n```markdown\n/);
    assert.match(text, /## 2\. document 4 \(rank 2\)\n\n```\nOther text\./);
  });

  it('stays within the token budget and says which ranks it left out', () => {
    const long = 'word '.repeat(300);
    const items = [1, 2, 3, 4].map((r) => item(r, 1 / r, long, file(`f${r}.txt`, 1, 1)));
    const budget = 2 * estimateTokens(long) + 120;
    const context = packPromptContext(run(items), { budgetTokens: budget });
    assert.deepEqual(context.included, [1, 2]);
    assert.deepEqual(context.omitted, [3, 4]);
    assert.match(context.text, /_Left out for the .*-token budget: 2 results \(rank 3, 4\)\._/);
    assert.ok(context.tokens <= budget, `${context.tokens} tokens, the note included, within ${budget}`);
  });

  it('keeps room for the note of what it left out, however many results that is', () => {
    const items = Array.from({ length: 1000 }, (_, i) => item(i + 1, 1 / (i + 1), `result number ${i + 1} about retries`, file(`f${i + 1}.txt`, 1, 1)));
    for (const budget of [60, 200, 1000]) {
      const context = packPromptContext(run(items), { budgetTokens: budget });
      assert.ok(context.tokens <= budget, `${context.tokens} tokens within ${budget}`);
      assert.equal(context.included.length + context.omitted.length, 1000);
      assert.match(context.text, new RegExp(`\\(rank \\d+–1000\\)\\._\\n$`), 'the left-out ranks as one range');
    }
  });

  it('writes ranks in runs: three or more in a row as a range', () => {
    assert.equal(rankRuns([2, 4, 5, 7, 8, 9, 10, 12]), '2, 4, 5, 7–10, 12');
    assert.equal(rankRuns([3]), '3');
  });

  it('skips a result too big for what is left but still packs smaller ones after it', () => {
    const context = packPromptContext(run([
      item(1, 0.9, 'small one', file('a.txt', 1, 1)),
      item(2, 0.8, 'huge '.repeat(2000), file('b.txt', 1, 1)),
      item(3, 0.7, 'small two', file('c.txt', 1, 1)),
    ]), { budgetTokens: 200 });
    assert.deepEqual(context.included, [1, 3]);
    assert.deepEqual(context.omitted, [2]);
  });

  it('merges overlapping and adjacent chunks of one file into one block of their lines', () => {
    const context = packPromptContext(run([
      item(1, 0.9, lines(10, 20), file('src/a.ts', 10, 20)),
      item(2, 0.8, lines(18, 25), file('src/a.ts', 18, 25)),
      item(3, 0.7, lines(26, 30), file('src/a.ts', 26, 30)),
      item(4, 0.6, lines(1, 5), file('src/a.ts', 1, 5)),
    ]));
    assert.match(context.text, /## 1\. src\/a\.ts:10-30 \(ranks 1, 2, 3\)\n\n```typescript\n/);
    assert.ok(context.text.includes(`\n${lines(10, 30)}\n`), 'the merged block holds lines 10-30 once each');
    assert.match(context.text, /## 2\. src\/a\.ts:1-5 \(rank 4\)/);
  });

  it('merges a chunk that starts before the one already packed', () => {
    const context = packPromptContext(run([item(1, 0.9, lines(20, 30), file('a.md', 20, 30)), item(2, 0.8, lines(12, 22), file('a.md', 12, 22))]));
    assert.ok(context.text.includes(`\n${lines(12, 30)}\n`));
    assert.match(context.text, /a\.md:12-30 \(ranks 1, 2\)/);
  });

  it('orders by file and line when asked', () => {
    const items = [item(1, 0.9, 'b late', file('b.ts', 30, 30)), item(2, 0.8, 'a', file('a.ts', 5, 5)), item(3, 0.7, 'b early', file('b.ts', 2, 2))];
    const sources = (order: 'rank' | 'file') => [...packPromptContext(run(items), { order }).text.matchAll(/^## \d+\. (\S+)/gm)].map((m) => m[1]);
    assert.deepEqual(sources('rank'), ['b.ts:30-30', 'a.ts:5-5', 'b.ts:2-2']);
    assert.deepEqual(sources('file'), ['a.ts:5-5', 'b.ts:2-2', 'b.ts:30-30']);
  });

  it('uses a fence longer than any backtick run in the text', () => {
    const { text } = packPromptContext(run([item(1, 1, 'before\n```\nnested\n```\nafter', file('README.md', 1, 5))]));
    assert.match(text, /````markdown\nbefore\n```\nnested\n```\nafter\n````/);
  });

  it('keeps top-K, a minimum score, or chosen items', () => {
    const items = [1, 2, 3].map((r) => item(r, 1 - r / 10, `t${r}`, file(`f${r}.txt`, 1, 1)));
    assert.deepEqual(packPromptContext(run(items), { topK: 2 }).included, [1, 2]);
    assert.deepEqual(packPromptContext(run(items), { minScore: 0.8 }).included, [1, 2]);
    assert.deepEqual(packPromptContext(run(items), { itemIndices: [2] }).included, [3]);
  });

  it('ignores a score threshold for raw logits, which no threshold fits', () => {
    const items = [1, 2].map((r) => item(r, -r, `t${r}`, file(`f${r}.txt`, 1, 1)));
    assert.deepEqual(packPromptContext(run(items, 'logit'), { minScore: 0.5 }).included, [1, 2]);
  });
});
