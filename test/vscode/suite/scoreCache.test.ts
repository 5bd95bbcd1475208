// The score cache in the real extension host: with rerank.scoreCache.enabled a repeated run sends
// nothing and its log line says what came from the cache; "Rerank: Clear Score Cache" and the
// setting turned off each make the next run send every passage again. A Cohere-shaped server on
// 127.0.0.1 stands in for the user's endpoint and counts what it receives.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startCohereServer, type CohereServer } from '../../support/cohereServer';
import { observed } from '../host/observe';
import { answerNextBox } from '../host/userInput';
import { selectAllOf, setUserSettings } from '../host/workbench';

const KEY = `test-key-${randomBytes(12).toString('hex')}`;
const QUERY = 'retry budget for the cache';

describe('the score cache: a repeated run sends only what it has not scored', function () {
  let server: CohereServer;
  /** "Rerank Selection Against Query" on notes.txt: 3 blocks, one per request with rerank.batchSize 1. */
  const rankSelection = () => answerNextBox(QUERY, 'rerank.rerankSelection');
  /** Documents the server received since `from` requests. */
  const documentsSince = (from: number) => server.requests.slice(from).flatMap((r) => r.body?.documents as string[]);

  before(async function () {
    server = await startCohereServer({ apiKey: KEY });
    await setUserSettings({ 'rerank.provider': 'cohere', 'rerank.endpoint': server.url, 'rerank.batchSize': 1, 'rerank.scoreCache.enabled': true });
    await answerNextBox(KEY, 'rerank.setApiKey');
    await vscode.commands.executeCommand('rerank.clearScoreCache');
    await selectAllOf('notes.txt');
  });

  after(async function () {
    await vscode.commands.executeCommand('rerank.clearScoreCache');
    await vscode.commands.executeCommand('rerank.clearApiKey');
    await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined, 'rerank.batchSize': undefined, 'rerank.scoreCache.enabled': undefined });
    await server?.close();
  });

  it('a second identical run sends no request, and the log says what came from the cache', async function () {
    const sent = server.requests.length;
    await rankSelection();
    assert.equal(documentsSince(sent).length, 3);
    const again = server.requests.length;
    await rankSelection();
    assert.equal(server.requests.length, again, 'nothing sent the second time');
    assert.match(observed.log.filter((l) => l.includes(QUERY)).pop() ?? '', /3 passages from the score cache, 3 requests saved/);
  });

  it('"Rerank: Clear Score Cache" makes the next run send every passage again', async function () {
    await vscode.commands.executeCommand('rerank.clearScoreCache');
    const sent = server.requests.length;
    await rankSelection();
    assert.equal(documentsSince(sent).length, 3);
  });

  it('with rerank.scoreCache.enabled off, every run sends every passage', async function () {
    await setUserSettings({ 'rerank.scoreCache.enabled': false });
    try {
      const sent = server.requests.length;
      await rankSelection();
      assert.equal(documentsSince(sent).length, 3);
    } finally {
      await setUserSettings({ 'rerank.scoreCache.enabled': true });
    }
  });
});
