// Likely secrets through every door of the extension, in the real extension host: a Cohere-shaped
// server on 127.0.0.1 records what each door sends, and a planted token must never be in it; the
// user is told what was redacted; prompt context from an offline run holds no secret either.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { fakeSecrets } from '../../support/fakeSecrets';
import { startCohereServer, type CohereServer } from '../../support/cohereServer';
import { observed } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { selectAllOf, setUserSettings, workspaceFolder } from '../host/workbench';

const KEY = `test-key-${randomBytes(12).toString('hex')}`;
const QUERY = 'deploy with retry and backoff';
const { githubToken, stripeKey } = fakeSecrets(29);
const DEPLOY = `# ${QUERY}\nexport GITHUB_TOKEN=${githubToken}\nretry_deploy --backoff 2\n`;

/** The rerank_context tool called as VS Code calls it once the user has confirmed (the confirmation is tool.test.ts's). */
async function callTool(input: { query: string; scope: 'selection' | 'workspace' | 'files'; paths?: string[] }): Promise<string> {
  const tool = observed.tool;
  assert.ok(tool, 'rerank registered rerank_context');
  const result = await tool.invoke({ input, toolInvocationToken: undefined } as vscode.LanguageModelToolInvocationOptions<object>, new vscode.CancellationTokenSource().token);
  return (result?.content ?? []).map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

describe('likely secrets never leave through any door', function () {
  let server: CohereServer;
  let folder: vscode.Uri;
  let sent = 0;

  /** What the server received since the last call: at least one request, none holding the token. */
  const receivedWithoutSecret = (): string => {
    const requests = server.requests.slice(sent);
    sent = server.requests.length;
    assert.ok(requests.length > 0, 'the run went to the loopback server');
    const raw = requests.map((r) => r.raw).join('\n');
    assert.ok(!raw.includes(githubToken), 'the GitHub token reached the server');
    assert.ok(!raw.includes(stripeKey), 'the Stripe key reached the server');
    return raw;
  };

  before(async function () {
    server = await startCohereServer({ apiKey: KEY });
    await setUserSettings({ 'rerank.provider': 'cohere', 'rerank.endpoint': server.url });
    await answerNextBox(KEY, 'rerank.setApiKey');
    folder = vscode.Uri.joinPath(workspaceFolder(), 'secrets');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'deploy.sh'), new TextEncoder().encode(DEPLOY));
  });

  after(async function () {
    await vscode.commands.executeCommand('rerank.clearApiKey');
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined, 'rerank.workspace.secrets': undefined });
    await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    await server?.close();
  });

  beforeEach(() => {
    sent = server.requests.length;
  });

  it('Rerank Selection: the token is redacted before sending, and the user is told', async function () {
    await selectAllOf('secrets/deploy.sh');
    const logged = observed.log.length;
    await answerNextBox(QUERY, 'rerank.rerankSelection');
    assert.match(receivedWithoutSecret(), /GITHUB_TOKEN=\[redacted github-token\]/);
    assert.ok(observed.log.slice(logged).includes('info: run: 1 likely secret redacted before sending'), 'the user is told');
  });

  it('Rerank Selection honours rerank.workspace.secrets = omit: the block is not sent at all', async function () {
    await setUserSettings({ 'rerank.workspace.secrets': 'omit', 'rerank.selection.split': 'line' });
    try {
      await selectAllOf('secrets/deploy.sh');
      await answerNextBox(QUERY, 'rerank.rerankSelection');
      assert.doesNotMatch(receivedWithoutSecret(), /GITHUB_TOKEN/);
    } finally {
      await setUserSettings({ 'rerank.workspace.secrets': undefined, 'rerank.selection.split': undefined });
    }
  });

  it('Rerank These Files (explorer): the token is redacted before sending', async function () {
    const file = vscode.Uri.joinPath(folder, 'deploy.sh');
    await answerNextBox(QUERY, 'rerank.rerankFiles', file, [file]);
    assert.match(receivedWithoutSecret(), /GITHUB_TOKEN=\[redacted github-token\]/);
  });

  it('Find Related to Selection: a query taken from the selection is redacted too', async function () {
    await selectAllOf('secrets/deploy.sh');
    await vscode.commands.executeCommand('rerank.findRelated');
    const query = server.requests[server.requests.length - 1]?.body?.query;
    receivedWithoutSecret();
    assert.match(String(query), /GITHUB_TOKEN=\[redacted github-token\]/);
  });

  for (const scope of ['selection', 'workspace', 'files'] as const) {
    it(`rerank_context, scope ${scope}: neither the passages nor a model's query carry a secret`, async function () {
      await selectAllOf('secrets/deploy.sh');
      const context = await callTool({ query: `${QUERY} ${stripeKey}`, scope, ...(scope === 'files' ? { paths: ['secrets'] } : {}) });
      receivedWithoutSecret();
      assert.ok(!context.includes(githubToken) && !context.includes(stripeKey), 'no secret in the context handed to the model');
    });
  }

  it('@rerank: the workspace passages sent hold no secret', async function () {
    const handler = observed.chatHandler;
    assert.ok(handler, 'rerank registered @rerank');
    let markdown = '';
    const stream = { markdown: (v: string | vscode.MarkdownString) => void (markdown += typeof v === 'string' ? v : v.value), progress: () => undefined, reference: () => undefined } as unknown as vscode.ChatResponseStream;
    await handler({ prompt: QUERY, command: undefined, references: [], toolReferences: [] } as unknown as vscode.ChatRequest, { history: [] }, stream, new vscode.CancellationTokenSource().token);
    receivedWithoutSecret();
    assert.ok(!markdown.includes(githubToken));
  });

  it('Copy Prompt Context of an offline selection run holds no secret', async function () {
    await setUserSettings({ 'rerank.provider': 'local' });
    try {
      await selectAllOf('secrets/deploy.sh');
      await answerNextBox(QUERY, 'rerank.rerankSelection');
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('rerank.copyPromptContext');
      const text = await vscode.env.clipboard.readText();
      assert.match(text, /GITHUB_TOKEN=\[redacted github-token\]/);
      assert.ok(!text.includes(githubToken), 'the token is not in the prompt context');
    } finally {
      await setUserSettings({ 'rerank.provider': 'cohere' });
    }
  });
});
