// "Rerank Selection Against Query" with the offline ranker (BM25), end to end inside the extension
// host: the query box, the run in the Results tree, prompt context on the clipboard, removing a run.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resultsTree, type TreeRow } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { selectAllOf, setUserSettings } from '../host/workbench';

/** Only the third paragraph of notes.txt shares words with it ("rate", "retry"). */
const QUERY = 'rate limit retry';

describe('Rerank Selection Against Query, offline (BM25)', function () {
  let newest: TreeRow | undefined;

  before(async function () {
    await setUserSettings({ 'rerank.provider': 'local' });
    await selectAllOf('notes.txt');
  });

  after(async function () {
    await setUserSettings({ 'rerank.provider': undefined });
  });

  it('asks for the query in a quick pick and shows the run at the top of the Results tree, best block first', async function () {
    const before = await resultsTree();
    const { box } = await answerNextBox(QUERY, 'rerank.rerankSelection');
    assert.equal(box.kind, 'quick pick');
    assert.equal(box.title, 'Rerank 3 blocks (paragraphs) against…');

    const rows = await resultsTree();
    assert.equal(rows.length, before.length + 1, 'one more run in the tree');
    newest = rows[0];
    assert.equal(newest?.label, QUERY);
    assert.match(newest?.description ?? '', /^local · bm25 · 3 results · /);
    const items = newest?.children ?? [];
    // Rank and score first, then the document and lines each block came from. The best BM25
    // score is 1 (scores are relative to the best); the others share no word.
    assert.deepEqual(
      items.map((i) => i.label),
      ['1 · 1.000 · notes.txt:5-5', '2 · 0.000 · notes.txt:1-1', '3 · 0.000 · notes.txt:3-3'],
    );
    assert.deepEqual(
      items.map((i) => i.description),
      [
        'Rate limits protect an API: a client that gets a 429 answer waits for Retry-Aft…',
        'The lighthouse keeper writes down every passing ship and the weather at dawn.',
        'Sourdough bread needs a starter, flour, water, salt and a long slow rise overni…',
      ],
    );
  });

  it('"Copy Prompt Context" puts the newest run on the clipboard, best block first, with where each came from', async function () {
    assert.ok(newest, 'the run of the previous test');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('rerank.copyPromptContext');
    const text = await vscode.env.clipboard.readText();
    assert.match(text, new RegExp(`^# Context for: ${QUERY}\n`));
    const order = ['Rate limits protect an API', 'The lighthouse keeper', 'Sourdough bread'].map((t) => text.indexOf(t));
    assert.ok(order.every((at) => at > 0), 'every block is in the context');
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'best first');
    assert.match(text, /## 1\. selection block 3 \(notes\.txt:5-5\) \(rank 1\)/);
  });

  it('"Remove Run" takes the newest run out of the Results tree', async function () {
    const before = await resultsTree();
    assert.equal(before[0]?.label, QUERY);
    await vscode.commands.executeCommand('rerank.removeRun');
    const after = await resultsTree();
    assert.equal(after.length, before.length - 1);
    assert.deepEqual(
      after.map((r) => r.label),
      before.slice(1).map((r) => r.label),
    );
  });

  it('a Markdown page under one heading ranks as its paragraphs: the query box says how many and how cut', async function () {
    // docs/publishing.md: one heading, six paragraphs, a code fence with a blank line and a "#"
    // inside, and a list with a blank line between items.
    await selectAllOf('docs/publishing.md');
    const { box } = await answerNextBox('preview server port', 'rerank.rerankSelection');
    assert.equal(box.title, 'Rerank 7 blocks (paragraphs) against…');
    const run = (await resultsTree())[0];
    assert.equal(run?.label, 'preview server port');
    const where = (run?.children ?? []).map((row) => /· (publishing\.md:\d+-\d+)$/.exec(row.label)?.[1]).sort();
    assert.deepEqual(where, ['publishing.md:1-4', 'publishing.md:17-18', 'publishing.md:20-25', 'publishing.md:27-28', 'publishing.md:30-31', 'publishing.md:6-7', 'publishing.md:9-15']);
    // The paragraph about the preview leads; its code stays with it, titled by its first line.
    const best = run?.children[0];
    assert.match(best?.label ?? '', /^1 · 1\.000 · publishing\.md:(6-7|9-15)$/);
    // The hover, as Markdown renders it (its source escapes "." and "-"): rank, score, path and lines.
    const hover = (best?.tooltip ?? '').replace(/\\(.)/g, '$1');
    assert.match(hover, /^\*\*#1\*\* · score 1\.000 · docs\/publishing\.md, lines (6-7|9-15)\n\n/);
    const fence = run?.children.find((row) => row.label.endsWith('publishing.md:9-15'));
    assert.equal(fence?.description, 'To start the preview, run:');
  });
});
