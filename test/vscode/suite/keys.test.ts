// API keys in the real extension host: "Set API Key" stores what is typed into its password box in
// SecretStorage, runs send it only to the endpoint origin it was stored for (never to one a
// workspace names), "Clear API Key" deletes it, and it never reaches an error or the log. Two
// Cohere-shaped servers on 127.0.0.1 stand in for the user's endpoint and a workspace's.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { fault, startCohereServer, type CohereServer } from '../../support/cohereServer';
import { observed, resultsTree } from '../host/observe';
import { answerNextBox, type OpenedBox } from '../host/userInput';
import { invokeRerankTool, selectAllOf, setUserSettings, writeWorkspaceSettings } from '../host/workbench';

// A fake key, new every run, so a leak of it anywhere is unambiguous. Assertions compare it and
// never print it.
const KEY = `test-key-${randomBytes(12).toString('hex')}`;
const QUERY = 'rate limit retry';

const carriesKey = (request: { headers: { authorization?: string } }) => request.headers.authorization === `Bearer ${KEY}`;

describe('API keys: SecretStorage, bound to the endpoint origin, never logged', function () {
  let user: CohereServer;
  let elsewhere: CohereServer;

  /** "Rerank: Set API Key", with KEY typed into the box it opens. */
  const setKey = async (): Promise<OpenedBox> => (await answerNextBox(KEY, 'rerank.setApiKey')).box;
  const newestRun = async () => (await resultsTree())[0];

  before(async function () {
    user = await startCohereServer({ apiKey: KEY });
    elsewhere = await startCohereServer();
    await setUserSettings({ 'rerank.provider': 'cohere', 'rerank.endpoint': user.url });
    await selectAllOf('notes.txt');
  });

  after(async function () {
    await vscode.commands.executeCommand('rerank.clearApiKey');
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined });
    await Promise.all([user?.close(), elsewhere?.close()]);
  });

  it('"Set API Key" asks in a password box and stores the key; a run sends it to the endpoint it was stored for', async function () {
    const box = await setKey();
    assert.deepEqual(box, { kind: 'input box', password: true, title: `Rerank: API key for cohere (127.0.0.1:${user.port})` });

    const sent = user.requests.length;
    const context = await invokeRerankTool({ query: QUERY, scope: 'selection' });
    const requests = user.requests.slice(sent);
    assert.equal(requests.length, 1, 'one request to the user endpoint');
    assert.ok(requests.every(carriesKey), 'the request carried the stored key');
    assert.match((await newestRun())?.description ?? '', /^cohere · rerank-v3\.5 · 3 results · /);
    assert.match(context, /## 1\. selection block 3 \(notes\.txt:5-5\)/);
  });

  it('a workspace cannot send the key elsewhere: rerank.endpoint in .vscode/settings.json is ignored', async function () {
    await setKey();
    const sent = user.requests.length;
    // rerank.topK is a setting a workspace may change: its change event says the file was read.
    await writeWorkspaceSettings({ 'rerank.endpoint': elsewhere.url, 'rerank.topK': 2 }, 'rerank.topK');
    try {
      await invokeRerankTool({ query: QUERY, scope: 'selection' });
    } finally {
      await writeWorkspaceSettings(undefined, 'rerank.topK');
    }
    assert.equal(elsewhere.requests.length, 0, 'the endpoint the workspace named received nothing');
    const requests = user.requests.slice(sent);
    assert.equal(requests.length, 1, 'the run went to the user endpoint');
    assert.ok(requests.every(carriesKey), 'with the key stored for it');
    assert.equal(requests[0]?.body?.top_n, 2, "the workspace's own settings did apply");
  });

  it('"Clear API Key" deletes the stored key: the next run ranks offline and sends nothing', async function () {
    await setKey();
    await vscode.commands.executeCommand('rerank.clearApiKey');
    const sent = user.requests.length;
    // The tool never asks for a key: without one it ranks with BM25.
    await invokeRerankTool({ query: QUERY, scope: 'selection' });
    assert.equal(user.requests.length, sent, 'no request without a key');
    assert.match((await newestRun())?.description ?? '', /^local · bm25 · 3 results · /);
  });

  it('a server error that echoes the key back is reported with the key redacted', async function () {
    await setKey();
    user.script(fault.echoAuth(400));
    let message: string | undefined;
    try {
      await invokeRerankTool({ query: QUERY, scope: 'selection' });
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    assert.ok(message !== undefined, 'the tool failed');
    assert.ok(!message.includes(KEY), 'the error message does not hold the key');
    // The tool's error is one escaped Markdown line: the brackets come escaped.
    assert.match(message, /you sent Authorization: Bearer \\\[redacted\\\]/);
    assert.ok(
      observed.log.some((line) => line.startsWith('error: tool: ') && line.includes('[redacted]')),
      'the failure is in the log, redacted',
    );
  });

  it('nothing written to the "Rerank" log contains the key', function () {
    const host = `127.0.0.1:${user.port}`;
    // The log saw the key's whole life: stored, used, cleared, echoed by the server.
    assert.ok(observed.log.some((line) => line.includes(`API key stored for cohere at ${host}`)));
    assert.ok(observed.log.some((line) => line.includes(`ranker: cohere at ${host} (key from secret storage)`)));
    assert.ok(observed.log.some((line) => line.includes(`API key cleared for cohere at ${host}`)));
    const leaks = observed.log.filter((line) => line.includes(KEY)).length;
    assert.equal(leaks, 0, `${leaks} of ${observed.log.length} log lines contain the key`);
  });
});
