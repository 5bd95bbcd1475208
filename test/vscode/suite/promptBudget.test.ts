// Prompt context within a small rerank.prompt.budgetTokens, in the real extension host: "Copy
// Prompt Context" on a workspace run keeps the best results whole, in rank order from rank 1 with
// no gap, and ends with a note naming the ranks it left out. Offline ranker: no network.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resultsTree } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { setUserSettings } from '../host/workbench';

const QUERY = 'retry request backoff upload';
const BUDGET = 300;

/** "3–10" or "3, 4" or "3" as the numbers it names. */
function expandRanks(listed: string): number[] {
  return listed.split(', ').flatMap((part) => {
    const [from, to] = part.split('–').map(Number);
    return to === undefined ? [from as number] : Array.from({ length: to - (from as number) + 1 }, (_, i) => (from as number) + i);
  });
}

describe('prompt context within a small token budget', function () {
  before(async function () {
    await setUserSettings({ 'rerank.provider': 'local', 'rerank.prompt.budgetTokens': BUDGET });
  });

  after(async function () {
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.prompt.budgetTokens': undefined });
  });

  it('"Copy Prompt Context" keeps ranks 1, 2, … in order with no gap and names the ranks it left out', async function () {
    await answerNextBox(QUERY, 'rerank.rerankWorkspace');
    const run = (await resultsTree())[0];
    assert.equal(run?.label, QUERY);
    const results = run.children.length;

    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('rerank.copyPromptContext');
    const text = await vscode.env.clipboard.readText();

    // Each section's heading ends with the rank (or ranks) it holds: "## 2. notes.txt:1-5 (rank 2)".
    const sections = [...text.matchAll(/^## \d+\. .* \(ranks? ([\d, ]+)\)$/gm)].map((m) => (m[1] as string).split(', ').map(Number));
    const kept = sections.flat();
    assert.ok(kept.length >= 1, `the best result fits in ${BUDGET} tokens: ${text}`);
    assert.deepEqual(
      sections.map((ranks) => Math.min(...ranks)),
      [...sections.map((ranks) => Math.min(...ranks))].sort((a, b) => a - b),
      'sections in rank order',
    );
    assert.deepEqual([...kept].sort((a, b) => a - b), Array.from({ length: kept.length }, (_, i) => i + 1), 'ranks from 1 with no gap');

    const note = new RegExp(`^_Ranks? ([\\d, –]+) left out: over the ${BUDGET}-token budget\\._$`, 'm').exec(text);
    assert.ok(note, `a note says what was left out: ${text}`);
    const omitted = expandRanks(note[1] as string);
    assert.ok(omitted.length >= 1, 'the budget leaves some out');
    assert.deepEqual(omitted, Array.from({ length: results - kept.length }, (_, i) => kept.length + i + 1), `every rank after the last kept one, of ${results} results`);
    assert.ok(text.trimEnd().endsWith(note[0]), 'the note closes the context');
  });
});
