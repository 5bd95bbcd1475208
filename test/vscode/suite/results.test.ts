// What the results say and what the commands tell the user, in the real extension host: "Find
// Related to Selection" leaves out the selection's own passages, "Rerank Selection" with nothing
// selected says what to select (information, not an error), and "Switch Provider" marks the
// current provider, describes each and offers the chosen one's models.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resultsTree } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { setUserSettings, workspaceFolder } from '../host/workbench';

/** Replaces one function of vscode.window for the length of `body` (the extension shares this object). */
async function replacing<K extends 'showQuickPick' | 'showInformationMessage' | 'showErrorMessage'>(name: K, stand: unknown, body: () => Thenable<unknown>): Promise<void> {
  const original = vscode.window[name];
  (vscode.window as unknown as Record<string, unknown>)[name] = stand;
  try {
    await body();
  } finally {
    (vscode.window as unknown as Record<string, unknown>)[name] = original;
  }
}

describe('results and messages', function () {
  before(async function () {
    await setUserSettings({ 'rerank.provider': 'local' });
  });

  after(async function () {
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.model': undefined });
  });

  it('"Find Related to Selection" leaves out the passages that overlap the selection', async function () {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), 'docs', 'retries.md'));
    const editor = await vscode.window.showTextDocument(document);
    // Lines 5-7: the paragraph on exponential backoff, whose own chunk would rank first.
    editor.selection = new vscode.Selection(4, 0, 6, document.lineAt(6).text.length);
    await vscode.commands.executeCommand('rerank.findRelated');
    const newest = (await resultsTree())[0];
    assert.ok(newest && newest.children.length > 0, 'a run with results');
    assert.ok(newest.label.startsWith('When a request fails'), `the newest run is this one, its query the selection: ${newest.label}`);
    for (const row of newest.children) {
      const lines = /· retries\.md:(\d+)-(\d+)$/.exec(row.label);
      if (!lines) continue;
      const [start, end] = [Number(lines[1]), Number(lines[2])];
      assert.ok(end < 5 || start > 7, `a result overlaps the selection: ${row.label}`);
    }
  });

  it('workspace rows read "rank · score · file:start-end", titled by a heading or declaration, the path and lines in the hover', async function () {
    const query = 'upload worker photos skipped for a page';
    await answerNextBox(query, 'rerank.rerankWorkspace');
    const run = (await resultsTree())[0];
    assert.equal(run?.label, query);
    const rows = run?.children ?? [];
    assert.ok(rows.length >= 3, `several results: ${rows.length}`);
    const worker: string[] = [];
    for (const row of rows) {
      const where = /^\d+ · \d\.\d{3} · ([^\s/]+):(\d+-\d+)$/.exec(row.label);
      assert.ok(where, `rank, score, then the file name and lines: ${row.label}`);
      // A title a reader recognises, never the first line of a chunk that starts mid-code.
      assert.match(row.description, /[A-Za-z]{3}/, `${row.label} is titled: ${row.description}`);
      assert.doesNotMatch(row.description, /^\s*(\}\);?|\}|\{|\/\*\*)/, `${row.label} is titled by punctuation: ${row.description}`);
      const hover = row.tooltip.replace(/\\(.)/g, '$1');
      assert.ok(hover.includes(`${where[1]}, lines ${where[2]}`), `the hover names the path and lines: ${hover}`);
      if (where[1] === 'worker.ts') {
        assert.ok(hover.includes(`src/worker.ts, lines ${where[2]}`), `the hover has the whole path: ${hover}`);
        worker.push(where[2] as string);
      }
    }
    assert.ok(worker.length >= 2 && worker.some((lines) => !lines.startsWith('1-')), `src/worker.ts ranks in several chunks, not only its first: ${worker.join(', ')}`);
  });

  it('"Rerank These Files" on a subfolder names its files from the workspace folder, not from the subfolder', async function () {
    const docs = vscode.Uri.joinPath(workspaceFolder(), 'docs');
    const query = 'preview server for a notebook';
    await answerNextBox(query, 'rerank.rerankFiles', docs, [docs]);
    const run = (await resultsTree())[0];
    assert.equal(run?.label, query);
    const paths = (run?.children ?? []).map((row) => row.tooltip.replace(/\\(.)/g, '$1').split('\n\n')[0]?.split(' · ')[2] ?? '');
    assert.ok(paths.length >= 3, `a result for each doc: ${paths.join(' | ')}`);
    for (const where of paths) assert.match(where, /^docs\/[a-z]+\.md, lines \d+-\d+$/);
  });

  it('rerank.minScore leaves the results below it out of the tree and of prompt context, and says how many', async function () {
    await setUserSettings({ 'rerank.minScore': 0.5 });
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), 'notes.txt'));
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 0, document.lineCount - 1, document.lineAt(document.lineCount - 1).text.length);
      await answerNextBox('rate limit retry', 'rerank.rerankSelection');
      const newest = (await resultsTree())[0];
      assert.match(newest?.description ?? '', /^local · bm25 · 1 result, 2 below 0\.5 · /);
      assert.deepEqual(newest?.children.map((row) => row.label), ['1 · 1.000 · notes.txt:5-5']);
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('rerank.copyPromptContext');
      const text = await vscode.env.clipboard.readText();
      assert.ok(text.includes('Rate limits protect an API'), text);
      assert.ok(!text.includes('Sourdough') && !text.includes('lighthouse'), 'the blocks below the cut-off are not in the context');
    } finally {
      await setUserSettings({ 'rerank.minScore': undefined });
    }
  });

  it('an API version that contradicts the provider stops the run with an error naming both settings', async function () {
    await setUserSettings({ 'rerank.provider': 'cohere-v1', 'rerank.apiVersion': 'v2' });
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), 'notes.txt'));
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 0, 0, document.lineAt(0).text.length);
      const errors: unknown[][] = [];
      await replacing('showErrorMessage', async (...args: unknown[]) => void errors.push(args), () => answerNextBox('rate limit retry', 'rerank.rerankSelection'));
      assert.equal(errors.length, 1);
      assert.equal(errors[0]?.[0], "Rerank: rerank.apiVersion v2 contradicts rerank.provider cohere-v1 (Cohere's v1 API): use rerank.provider cohere for v2, or leave rerank.apiVersion out");
    } finally {
      await setUserSettings({ 'rerank.provider': 'local', 'rerank.apiVersion': undefined });
    }
  });

  it('"Rerank Selection Against Query" with nothing selected says what to select, as information', async function () {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), 'notes.txt'));
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const infos: unknown[][] = [];
    const errors: unknown[][] = [];
    await replacing('showInformationMessage', async (...args: unknown[]) => void infos.push(args), () =>
      replacing('showErrorMessage', async (...args: unknown[]) => void errors.push(args), () => vscode.commands.executeCommand('rerank.rerankSelection')),
    );
    assert.deepEqual(errors, [], 'no error');
    assert.equal(infos.length, 1);
    assert.match(String(infos[0]?.[0]), /^Rerank: select the text to rank first/);
    assert.equal(infos[0]?.length, 1, 'no button: nothing to open or set');
  });

  it('"Switch Provider" marks the current provider, describes each, and offers the models of the one chosen', async function () {
    const lists: vscode.QuickPickItem[][] = [];
    const answers = ['cohere', 'rerank-v4.0-fast'];
    const pick = async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      const list = [...(await items)];
      lists.push(list);
      const wanted = answers.shift();
      return list.find((item) => item.label === wanted);
    };
    await replacing('showQuickPick', pick, () => vscode.commands.executeCommand('rerank.switchProvider'));

    const [providers, models] = lists;
    assert.ok(providers && models, 'a provider list, then a model list');
    assert.deepEqual(providers.filter((p) => /current/.test(p.description ?? '')).map((p) => p.label), ['local']);
    assert.ok(providers.every((p) => (p.detail ?? '').length > 0), 'every provider is described');
    assert.match(providers.find((p) => p.label === 'cohere')?.detail ?? '', /needs a Cohere API key/);
    assert.deepEqual(models.map((m) => m.label).slice(0, 4), ['rerank-v4.0-pro', 'rerank-v4.0-fast', 'rerank-v3.5', 'rerank-multilingual-v3.0']);
    assert.match(models.at(-1)?.label ?? '', /Another model/);
    const config = vscode.workspace.getConfiguration('rerank');
    assert.equal(config.get('provider'), 'cohere');
    assert.equal(config.get('model'), 'rerank-v4.0-fast');
  });
});
