// A workspace run that reaches a resource bound, in the real extension host: it warns with what it
// left out and offers "Exclude <folder>", "Raise the Limit" and "Show Skipped"; excluding the
// heaviest folder writes it to the workspace's rerank.workspace.exclude, after the defaults, and
// the next run reads the files it had left out. Offline ranker: no network.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { observed } from '../host/observe';
import { answeringMessages } from '../host/messages';
import { answerNextBox } from '../host/userInput';
import { configurationChange, setUserSettings, workspaceFolder } from '../host/workbench';

const QUERY = 'zebra crossing answer';
const WARNINGS = { kind: 'showWarningMessage' } as const;

describe('workspace runs at a resource bound: the warning and its actions', function () {
  this.timeout(60_000);
  const heavy = () => vscode.Uri.joinPath(workspaceFolder(), 'aa-heavy');
  const answer = () => vscode.Uri.joinPath(workspaceFolder(), 'zz-last', 'answer.md');
  const rankWorkspace = () => answerNextBox(QUERY, 'rerank.rerankWorkspace');

  before(async () => {
    // 1.5 MB of text read before anything else: a bound of 1 MB is reached inside it.
    const block = new TextEncoder().encode('filler words of no interest\n'.repeat(18_000));
    for (let i = 0; i < 3; i++) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(heavy(), `part${i}.txt`), block);
    await vscode.workspace.fs.writeFile(answer(), new TextEncoder().encode('# Answer\n\nThe zebra crossing answer is here.\n'));
    await setUserSettings({ 'rerank.provider': 'local', 'rerank.workspace.maxReadMegabytes': 1 });
  });

  after(async () => {
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.workspace.maxReadMegabytes': undefined });
    await vscode.workspace.getConfiguration('rerank').update('workspace.exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(heavy(), { recursive: true });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'zz-last'), { recursive: true });
  });

  it('names what it left out and offers the three actions; "Exclude aa-heavy" adds it after the defaults', async () => {
    const excluded = configurationChange('rerank.workspace.exclude');
    const warned = await answeringMessages(WARNINGS, ({ items }) => items.find((i) => i.startsWith('Exclude ')), rankWorkspace);
    const limit = warned.find((w) => w.message.startsWith('Rerank read 1 MB of text, its limit'));
    assert.ok(limit, JSON.stringify(warned));
    assert.match(limit.message, /: \d+ files? left out \(in [^)]*\) were not ranked\.$/);
    assert.deepEqual(limit.items, ['Exclude aa-heavy', 'Raise the Limit', 'Show Skipped']);
    assert.ok(observed.log.some((line) => /left out by the limit: \d+ files in zz-last/.test(line)), 'the log lists the folders left out');
    await excluded;
    const exclude = vscode.workspace.getConfiguration('rerank').inspect<string[]>('workspace.exclude');
    assert.deepEqual(exclude?.workspaceValue, [...(exclude?.defaultValue ?? []), '/aa-heavy']);
    assert.ok(exclude?.defaultValue?.includes('package-lock.json'), 'the defaults are the setting\'s default');
  });

  it('the next run reads the files it had left out, with no warning', async () => {
    const logged = observed.log.length;
    const warned = await answeringMessages(WARNINGS, () => undefined, rankWorkspace);
    assert.deepEqual(warned.filter((w) => w.message.includes('its limit')), []);
    assert.ok(!observed.log.slice(logged).some((line) => line.includes('left out by the limit')));
  });
});
