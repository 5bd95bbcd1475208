// The workspace index in the real extension host: "Rebuild Workspace Index" builds it and says what
// it holds, a file changed or deleted since the last run is ranked as it is now, "Delete Workspace
// Index" removes it (the next run builds it again), and rerank.workspace.index turns it off.
// Offline ranker: no network.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { observed, resultsTree } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { setUserSettings, workspaceFolder } from '../host/workbench';

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
    assert.ok((await topRows('wombat burrows'))[0]?.includes('indexed/animals.md'));
    await write(animals(), '# Animals\n\nThe quokka smiles at visitors.\n');
    const rows = await topRows('quokka visitors');
    assert.ok(rows[0]?.includes('indexed/animals.md'), JSON.stringify(rows));
  });

  it('no longer ranks a deleted file', async () => {
    await write(vscode.Uri.joinPath(folder(), 'gone.md'), 'The narwhal tusk spirals.\n');
    assert.ok((await topRows('narwhal tusk'))[0]?.includes('indexed/gone.md'));
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), 'gone.md'));
    const rows = await topRows('narwhal tusk');
    assert.ok(!rows.some((row) => row.includes('gone.md')), JSON.stringify(rows));
  });

  it('"Delete Workspace Index" removes it, and the next run builds it again', async () => {
    const messages = await informed(() => vscode.commands.executeCommand('rerank.deleteWorkspaceIndex'));
    assert.ok(messages.some((m) => m.startsWith('Rerank: the workspace index is deleted.')), JSON.stringify(messages));
    const from = observed.log.length;
    await topRows('quokka');
    assert.ok(builtSince(from), 'the run after the deletion built the index');
  });

  it('is not used with rerank.workspace.index off', async () => {
    await informed(() => vscode.commands.executeCommand('rerank.deleteWorkspaceIndex'));
    await setUserSettings({ 'rerank.workspace.index': false });
    let from = observed.log.length;
    assert.ok((await topRows('quokka'))[0]?.includes('indexed/animals.md'));
    assert.equal(builtSince(from), false);
    await setUserSettings({ 'rerank.workspace.index': undefined });
    from = observed.log.length;
    await topRows('quokka');
    assert.ok(builtSince(from), 'on again: the run builds it');
  });
});
