// The cap on billed requests, in the real extension host: a run that would send more requests
// than the user's rerank.maxRequestsPerRun asks first in a modal, sends nothing on Cancel, sends
// them all on "Send N Requests", and a workspace's settings cannot raise the cap. A Cohere-shaped
// server on 127.0.0.1 stands in for the user's endpoint.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startCohereServer, type CohereServer } from '../../support/cohereServer';
import { answeringMessages } from '../host/messages';
import { answerNextBox } from '../host/userInput';
import { selectAllOf, setUserSettings, writeWorkspaceSettings } from '../host/workbench';

const KEY = `test-key-${randomBytes(12).toString('hex')}`;
const QUERY = 'rate limit retry';
const MODAL_WARNINGS = { kind: 'showWarningMessage', modalOnly: true } as const;

describe('requests per run: a run above rerank.maxRequestsPerRun asks first', function () {
  let server: CohereServer;
  /** "Rerank Selection Against Query" on notes.txt: 3 blocks, one per request with rerank.batchSize 1. */
  const rankSelection = () => answerNextBox(QUERY, 'rerank.rerankSelection');

  before(async function () {
    server = await startCohereServer({ apiKey: KEY });
    await setUserSettings({ 'rerank.provider': 'cohere', 'rerank.endpoint': server.url, 'rerank.batchSize': 1, 'rerank.maxRequestsPerRun': 2 });
    await answerNextBox(KEY, 'rerank.setApiKey');
    await selectAllOf('notes.txt');
  });

  after(async function () {
    await vscode.commands.executeCommand('rerank.clearApiKey');
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined, 'rerank.batchSize': undefined, 'rerank.maxRequestsPerRun': undefined });
    await server?.close();
  });

  it('Cancel sends nothing', async function () {
    const sent = server.requests.length;
    const asked = await answeringMessages(MODAL_WARNINGS, () => undefined, rankSelection);
    assert.equal(asked.length, 1, 'asked once');
    assert.match(asked[0]?.message ?? '', /^Rerank: this run would send 3 requests to cohere, more than rerank\.maxRequestsPerRun \(2\)\.$/);
    assert.deepEqual(asked[0]?.items, ['Send 3 Requests']);
    assert.equal(server.requests.length, sent, 'no request after Cancel');
  });

  it('"Send 3 Requests" sends them', async function () {
    const sent = server.requests.length;
    const asked = await answeringMessages(MODAL_WARNINGS, ({ items }) => items[0], rankSelection);
    assert.equal(asked.length, 1);
    assert.equal(server.requests.length - sent, 3);
  });

  it("a workspace's settings cannot raise the cap", async function () {
    // rerank.topK is a setting a workspace may change: its change event says the file was read.
    await writeWorkspaceSettings({ 'rerank.maxRequestsPerRun': 1000, 'rerank.topK': 2 }, 'rerank.topK');
    try {
      const sent = server.requests.length;
      const asked = await answeringMessages(MODAL_WARNINGS, () => undefined, rankSelection);
      assert.equal(asked.length, 1, 'still asked: the cap is the user setting of 2');
      assert.equal(server.requests.length, sent);
    } finally {
      await writeWorkspaceSettings(undefined, 'rerank.topK');
    }
  });

  it('at or under the cap asks nothing', async function () {
    await setUserSettings({ 'rerank.maxRequestsPerRun': 3 });
    try {
      const sent = server.requests.length;
      const asked = await answeringMessages(MODAL_WARNINGS, () => undefined, rankSelection);
      assert.equal(asked.length, 0);
      assert.equal(server.requests.length - sent, 3);
    } finally {
      await setUserSettings({ 'rerank.maxRequestsPerRun': 2 });
    }
  });
});
