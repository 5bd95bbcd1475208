// The workspace index in the real extension host: "Rebuild Workspace Index" builds it and says what
// it holds, a file changed or deleted since the last run is ranked as it is now, "Delete Workspace
// Index" removes it (the next run builds it again), and rerank.workspace.index turns it off.
// Offline ranker: no network.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { observed, resultsTree } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { invokeRerankTool, setUserSettings, workspaceFolder } from '../host/workbench';

/** The information messages shown while `body` runs (the extension shares this API object). */
async function informed(body: () => Thenable<unknown>): Promise<string[]> {
  const original = vscode.window.showInformationMessage;
  const messages: string[] = [];
  vscode.window.showInformationMessage = ((message: string) => {
    messages.push(message);
    return Promise.resolve(undefined);
  }) as typeof vscode.window.showInformationMessage;
  try {
    await body();
  } finally {
    vscode.window.showInformationMessage = original;
  }
  return messages;
}

describe('the workspace index', function () {
  this.timeout(60_000);
  const folder = () => vscode.Uri.joinPath(workspaceFolder(), 'indexed');
  const animals = () => vscode.Uri.joinPath(folder(), 'animals.md');
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const topRows = async (query: string) => {
    await answerNextBox(query, 'rerank.rerankWorkspace');
    return ((await resultsTree())[0]?.children ?? []).map((row) => row.label);
  };
  const builtSince = (from: number) => observed.log.slice(from).some((line) => line.includes('workspace index: built for'));
  const logSince = (from: number) => observed.log.slice(from).join('\n');
  /** A result row of `name` (rows show a file's name and lines; its folder is the description). */
  const isRowOf = (row: string | undefined, name: string) => row?.includes(` · ${name}:`) === true;

  before(async () => {
    await write(animals(), '# Animals\n\nThe wombat digs long burrows.\n');
    await setUserSettings({ 'rerank.provider': 'local' });
  });
  after(async () => {
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.workspace.index': undefined });
    await vscode.workspace.fs.delete(folder(), { recursive: true });
  });

  it('"Rebuild Workspace Index" builds it and says how many passages it holds', async () => {
    const messages = await informed(() => vscode.commands.executeCommand('rerank.rebuildWorkspaceIndex'));
    assert.ok(messages.some((m) => /^Rerank: the workspace index holds \d+ passages from \d+ files\.$/.test(m)), JSON.stringify(messages));
  });

  it('ranks a file changed since the last run by its new text', async () => {
    const before = await topRows('wombat burrows');
    assert.ok(isRowOf(before[0], 'animals.md'), JSON.stringify(before));
    await write(animals(), '# Animals\n\nThe quokka smiles at visitors.\n');
    const rows = await topRows('quokka visitors');
    assert.ok(isRowOf(rows[0], 'animals.md'), JSON.stringify(rows));
  });

  it('no longer ranks a deleted file', async () => {
    await write(vscode.Uri.joinPath(folder(), 'gone.md'), 'The narwhal tusk spirals.\n');
    const before = await topRows('narwhal tusk');
    assert.ok(isRowOf(before[0], 'gone.md'), JSON.stringify(before));
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), 'gone.md'));
    const rows = await topRows('narwhal tusk');
    assert.ok(!rows.some((row) => isRowOf(row, 'gone.md')), JSON.stringify(rows));
  });

  it('"Delete Workspace Index" removes it, and the next run builds it again', async () => {
    const messages = await informed(() => vscode.commands.executeCommand('rerank.deleteWorkspaceIndex'));
    assert.ok(messages.some((m) => m.startsWith('Rerank: the workspace index is deleted.')), JSON.stringify(messages));
    const from = observed.log.length;
    await topRows('quokka');
    assert.ok(builtSince(from), `the run after the deletion built the index; the log:\n${logSince(from)}`);
  });

  it('serves the rerank_context tool too: after a deletion its workspace run builds the index, and the next command run reuses it', async () => {
    await informed(() => vscode.commands.executeCommand('rerank.deleteWorkspaceIndex'));
    let from = observed.log.length;
    const context = await invokeRerankTool({ query: 'quokka visitors', scope: 'workspace' });
    assert.ok(context.includes('quokka'), context);
    assert.ok(builtSince(from), `the tool's run built the index; the log:\n${logSince(from)}`);
    from = observed.log.length;
    await topRows('quokka');
    assert.equal(builtSince(from), false, `the command's run found the index the tool built; the log:\n${logSince(from)}`);
  });

  it('is not used with rerank.workspace.index off', async () => {
    await informed(() => vscode.commands.executeCommand('rerank.deleteWorkspaceIndex'));
    await setUserSettings({ 'rerank.workspace.index': false });
    let from = observed.log.length;
    const rows = await topRows('quokka');
    assert.ok(isRowOf(rows[0], 'animals.md'), JSON.stringify(rows));
    assert.equal(builtSince(from), false, logSince(from));
    await setUserSettings({ 'rerank.workspace.index': undefined });
    from = observed.log.length;
    await topRows('quokka');
    assert.ok(builtSince(from), `on again: the run builds it; the log:\n${logSince(from)}`);
  });
});
