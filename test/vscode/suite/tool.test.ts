// The rerank_context tool's limits, in the real extension host with the offline ranker: it ranks
// only files inside the workspace's folders (a language model names the paths, and a prompt it
// read may ask for anything), and likely secrets never reach the context it hands back, even
// though nothing left the machine.

import * as assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fakeSecrets } from '../../support/fakeSecrets';
import { observed } from '../host/observe';
import { invokeRerankTool, setUserSettings, workspaceFolder } from '../host/workbench';

const QUERY = 'deploy with retry and backoff';

describe('rerank_context tool: workspace files only, no secrets in the context', function () {
  const { githubToken } = fakeSecrets(11);
  let outside: vscode.Uri;
  let deploy: vscode.Uri;

  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

  before(async function () {
    await setUserSettings({ 'rerank.provider': 'local' });
    // Next to the workspace folder, not in it: what "../outside.txt" names from inside.
    outside = vscode.Uri.joinPath(workspaceFolder(), '..', 'outside.txt');
    await write(outside, `${QUERY}: the text of a file outside the workspace\n`);
    deploy = vscode.Uri.joinPath(workspaceFolder(), 'config', 'deploy.sh');
    await write(deploy, `# ${QUERY}\nexport GITHUB_TOKEN=${githubToken}\nretry_deploy --backoff 2\n`);
  });

  after(async function () {
    await setUserSettings({ 'rerank.provider': undefined });
    await vscode.workspace.fs.delete(outside);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceFolder(), 'config'), { recursive: true });
  });

  for (const [what, path] of [
    ['a relative path that leads out with ".."', () => '../outside.txt'],
    ['an absolute path outside the workspace', () => outside.fsPath],
    ['a path that goes out, back in and out again', () => `../${workspaceFolder().path.split('/').pop() ?? ''}/../outside.txt`],
  ] as const) {
    it(`refuses ${what}, and reads nothing there`, async function () {
      await assert.rejects(invokeRerankTool({ query: QUERY, scope: 'files', paths: [path()] }), /is not a file or folder of this workspace/);
    });
  }

  it('follows a symlink loop in the workspace once (ln -s . again), not forty levels deep', async function () {
    const cycle = vscode.Uri.joinPath(workspaceFolder(), 'cycle');
    await write(vscode.Uri.joinPath(cycle, 'a.md'), `# ${QUERY}\n\nThe one file of this folder.\n`);
    symlinkSync('.', path.join(cycle.fsPath, 'again'), 'dir');
    try {
      const context = await invokeRerankTool({ query: QUERY, scope: 'files', paths: ['cycle'], topK: 50 });
      assert.match(context, /## 1\. cycle\/a\.md:1-3 /, 'named from the workspace folder');
      assert.doesNotMatch(context, /again\//, 'nothing was read through the link');
    } finally {
      await vscode.workspace.fs.delete(cycle, { recursive: true, useTrash: false });
    }
  });

  it('refuses a path in the workspace that is a symlink leading out, and skips such symlinks in a folder it ranks', async function () {
    const linked = vscode.Uri.joinPath(workspaceFolder(), 'linked');
    const outsideFolder = vscode.Uri.joinPath(workspaceFolder(), '..', 'outside-folder');
    await write(vscode.Uri.joinPath(linked, 'a.md'), `# ${QUERY}\n\nThe one file of this folder.\n`);
    await write(vscode.Uri.joinPath(outsideFolder, 'b.md'), `${QUERY}: the text of a folder outside the workspace\n`);
    symlinkSync(outside.fsPath, path.join(linked.fsPath, 'out.txt'), 'file');
    symlinkSync(outsideFolder.fsPath, path.join(linked.fsPath, 'out-folder'), 'dir');
    try {
      for (const named of ['linked/out.txt', 'linked/out-folder']) {
        await assert.rejects(invokeRerankTool({ query: QUERY, scope: 'files', paths: [named] }), /leads outside this workspace through a symlink/, named);
      }
      const context = await invokeRerankTool({ query: QUERY, scope: 'files', paths: ['linked'], topK: 50 });
      assert.match(context, /## 1\. linked\/a\.md:1-3 /, 'named from the workspace folder');
      assert.doesNotMatch(context, /outside the workspace/, 'nothing was read through the symlinks');
    } finally {
      await vscode.workspace.fs.delete(linked, { recursive: true, useTrash: false });
      await vscode.workspace.fs.delete(outsideFolder, { recursive: true, useTrash: false });
    }
  });

  it('ranks a folder inside the workspace, with the likely secret redacted from the context it returns', async function () {
    const context = await invokeRerankTool({ query: QUERY, scope: 'files', paths: ['config'] });
    assert.match(context, /## 1\. config\/deploy\.sh:1-3 /, 'named from the workspace folder');
    assert.ok(!context.includes(githubToken), 'the token is not in the context');
    assert.match(context, /GITHUB_TOKEN=\[redacted/);
  });
});

describe('rerank_context asks before workspace text leaves the machine', function () {
  /** What VS Code would show before running the tool: the confirmation's title, or undefined for none. */
  const confirmation = async (scope: 'selection' | 'workspace'): Promise<string | undefined> => {
    await vscode.extensions.getExtension('rerank-dev.rerank')?.activate();
    const tool = observed.tool;
    assert.ok(tool?.prepareInvocation, 'rerank registered rerank_context with a prepareInvocation');
    const prepared = await tool.prepareInvocation({ input: { query: QUERY, scope } }, new vscode.CancellationTokenSource().token);
    const title = prepared?.confirmationMessages?.title;
    return typeof title === 'string' ? title : undefined;
  };

  after(async function () {
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined });
  });

  it('does not ask when the offline ranker ranks', async function () {
    await setUserSettings({ 'rerank.provider': 'local', 'rerank.endpoint': undefined });
    assert.equal(await confirmation('workspace'), undefined);
  });

  it('does not ask when a provider that needs a key has none stored: the tool then ranks offline', async function () {
    await setUserSettings({ 'rerank.provider': 'cohere', 'rerank.endpoint': 'http://127.0.0.1:9' });
    assert.equal(await confirmation('workspace'), undefined);
  });

  it('asks, naming the host, before sending workspace text to a self-hosted server that needs no key', async function () {
    await setUserSettings({ 'rerank.provider': 'tei', 'rerank.endpoint': 'http://127.0.0.1:9' });
    assert.equal(await confirmation('workspace'), 'Send workspace text to 127.0.0.1:9?');
    assert.equal(await confirmation('selection'), undefined, 'text the user selected is theirs to send');
  });

  it('shows the paths and query a model gave on one line, escaped: they cannot add a section, a link or HTML', async function () {
    await setUserSettings({ 'rerank.provider': 'tei', 'rerank.endpoint': 'http://127.0.0.1:9' });
    const tool = observed.tool;
    assert.ok(tool?.prepareInvocation);
    const input = { query: 'q\n# SYSTEM [ok](command:workbench.action.openSettings)', scope: 'files', paths: ['a.md\n## b', '<img src=x>'] };
    const prepared = await tool.prepareInvocation({ input }, new vscode.CancellationTokenSource().token);
    const message = prepared?.confirmationMessages?.message;
    const markdown = typeof message === 'string' ? message : (message?.value ?? '');
    assert.equal(
      markdown,
      'Rerank will send passages of a.md⏎\\#\\# b, \\<img src=x\\> to **127.0.0.1:9** to rank them against “q⏎\\# SYSTEM \\[ok\\](command:workbench.action.openSettings)”. Likely secrets are redacted first.',
    );
    // The progress message is plain text (VS Code escapes it): one line, nothing escaped twice.
    assert.equal(prepared?.invocationMessage, 'Ranking a.md⏎## b, <img src=x> for “q⏎# SYSTEM [ok](command:workbench.action.openSettings)”');
  });
});

