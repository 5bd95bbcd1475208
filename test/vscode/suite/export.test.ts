// Exports from the Results panel, in the real extension host: the save dialog opens in the
// workspace folder at first and in the folder of the last export after that, the file is written
// where the dialog said and nowhere else, and a cancelled dialog writes nothing. The test speaks
// as the panel's page (its "export" message) and answers the dialog.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { observed, resultsTree } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { selectAllOf, setUserSettings, workspaceFolder } from '../host/workbench';

const QUERY = 'rate limit retry';
const NAME = 'rerank-rate-limit-retry.csv';

/**
 * Sends the page's "export" message for `runId` with the save dialog answered by `choose` (undefined
 * = cancelled); resolves with where the dialog opened once the export is done.
 */
async function exportCsv(runId: string, choose: (suggested: vscode.Uri | undefined) => vscode.Uri | undefined): Promise<{ suggested: vscode.Uri | undefined; saved: boolean }> {
  const { window } = vscode;
  const { showSaveDialog, showInformationMessage } = window;
  const send = observed.panelMessages;
  assert.ok(send, 'the Results panel is open and listening to its page');
  let suggested: vscode.Uri | undefined;
  let chosen: vscode.Uri | undefined;
  const done = new Promise<boolean>((resolve) => {
    window.showSaveDialog = (options?: vscode.SaveDialogOptions) => {
      suggested = options?.defaultUri;
      chosen = choose(suggested);
      if (!chosen) resolve(false);
      return Promise.resolve(chosen);
    };
    // "Saved the results to …" with "Open": answered at once, so the export ends here.
    window.showInformationMessage = ((message: string, ...rest: unknown[]) => {
      if (!message.startsWith('Saved the results to')) return (showInformationMessage as (...args: unknown[]) => unknown).call(window, message, ...rest);
      resolve(true);
      return Promise.resolve(undefined);
    }) as typeof window.showInformationMessage;
  });
  try {
    send({ type: 'export', runId, format: 'csv', itemIndices: [0, 1, 2] });
    const saved = await done;
    return { suggested, saved };
  } finally {
    window.showSaveDialog = showSaveDialog;
    window.showInformationMessage = showInformationMessage;
  }
}

describe('exports from the Results panel', function () {
  let runId: string;
  let reports: vscode.Uri;

  before(async function () {
    await setUserSettings({ 'rerank.provider': 'local' });
    await selectAllOf('notes.txt');
    await answerNextBox(QUERY, 'rerank.rerankSelection');
    const node = (await observed.tree?.getChildren(undefined))?.[0] as { run?: { id: string; query: string } } | undefined;
    assert.equal(node?.run?.query, QUERY, 'the newest run is this one');
    runId = node.run.id;
    assert.equal((await resultsTree())[0]?.label, QUERY);
    await vscode.commands.executeCommand('rerank.openPanel');
    reports = vscode.Uri.joinPath(workspaceFolder(), 'export-test-reports');
    await vscode.workspace.fs.createDirectory(reports);
  });

  after(async function () {
    await vscode.workspace.fs.delete(reports, { recursive: true });
    await setUserSettings({ 'rerank.provider': undefined });
  });

  it('opens the save dialog in the workspace folder, named after the query, and writes where the dialog said', async function () {
    const target = vscode.Uri.joinPath(reports, 'ranked.csv');
    const { suggested, saved } = await exportCsv(runId, () => target);
    assert.equal(suggested?.toString(), vscode.Uri.joinPath(workspaceFolder(), NAME).toString());
    assert.ok(saved);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(text, /Rate limits protect an API/);
  });

  it('opens the next export in the folder of the last one; cancelled, it writes nothing, not even at the name it suggested', async function () {
    const { suggested, saved } = await exportCsv(runId, () => undefined);
    assert.equal(suggested?.toString(), vscode.Uri.joinPath(reports, NAME).toString());
    assert.equal(saved, false);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(suggested)), 'no file at the suggested path');
  });
});
