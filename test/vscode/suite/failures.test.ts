// A failed run with a way out, in the real extension host: "Set API Key" chosen from a 401 stores
// the key and runs the same query on the same blocks again; a self-hosted server that is not
// running is named in plain words, with "Use Offline Ranker" (the same run, offline) and "Open
// Endpoint Setting" besides "Show Log". A Cohere-shaped server on 127.0.0.1 stands in for the
// user's endpoint; a port it has closed stands in for a server that is not running.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { startCohereServer, type CohereServer } from '../../support/cohereServer';
import { answeringMessages } from '../host/messages';
import { resultsTree } from '../host/observe';
import { answerNextBox, answerNextInputBox, type OpenedBox } from '../host/userInput';
import { selectAllOf, setUserSettings } from '../host/workbench';

const KEY = `test-key-${randomBytes(12).toString('hex')}`;
const WRONG_KEY = `wrong-key-${randomBytes(12).toString('hex')}`;
const QUERY = 'rate limit retry';
const ERRORS = { kind: 'showErrorMessage' } as const;

/** "Rerank Selection Against Query" on notes.txt (3 blocks), QUERY typed into its box. */
const rankSelection = () => answerNextBox(QUERY, 'rerank.rerankSelection');
const newestRun = async () => (await resultsTree())[0];

describe('a failed run offers a way out', function () {
  let server: CohereServer;

  before(async function () {
    server = await startCohereServer({ apiKey: KEY });
    await selectAllOf('notes.txt');
  });

  after(async function () {
    await server?.close();
  });

  describe('a rejected key', function () {
    before(async function () {
      await setUserSettings({ 'rerank.provider': 'cohere', 'rerank.endpoint': server.url });
      await answerNextBox(WRONG_KEY, 'rerank.setApiKey');
    });

    after(async function () {
      await vscode.commands.executeCommand('rerank.clearApiKey');
      await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined });
    });

    it('"Set API Key" from the 401 stores the key and runs the same query on the same blocks again', async function () {
      const sent = server.requests.length;
      let box: Promise<OpenedBox> | undefined;
      const shown = await answeringMessages(ERRORS, (asked) => {
        box = answerNextInputBox(KEY);
        return asked.items[0];
      }, rankSelection);

      assert.equal(shown.length, 1, 'one error: the run after the key was stored succeeded');
      assert.match(shown[0]?.message ?? '', new RegExp(`^Rerank: 127\\.0\\.0\\.1:${server.port} rejected the API key \\(401\\)`));
      assert.deepEqual(shown[0]?.items, ['Set API Key']);
      assert.deepEqual(await box, { kind: 'input box', password: true, title: `Rerank: API key for cohere (127.0.0.1:${server.port})` });

      const requests = server.requests.slice(sent);
      assert.equal(requests.length, 2, 'the failed request and the run again');
      assert.equal(requests[0]?.headers.authorization, `Bearer ${WRONG_KEY}`, 'the first run carried the wrong key');
      assert.equal(requests[1]?.headers.authorization, `Bearer ${KEY}`, 'the run again carried the key just stored');
      assert.deepEqual(requests[1]?.body?.query, QUERY);
      assert.deepEqual(requests[1]?.body?.documents, requests[0]?.body?.documents, 'the same blocks');

      const newest = await newestRun();
      assert.equal(newest?.label, QUERY);
      assert.match(newest?.description ?? '', /^cohere · rerank-v3\.5 · 3 results · /);
    });

    it('"Set API Key" with its box dismissed leaves the run failed, without running it again', async function () {
      await answerNextBox(WRONG_KEY, 'rerank.setApiKey');
      const sent = server.requests.length;
      const before = (await resultsTree()).length;
      const { window } = vscode;
      const showInputBox = window.showInputBox;
      const shown = await answeringMessages(ERRORS, (asked) => {
        // The key box, dismissed (Escape).
        window.showInputBox = () => {
          window.showInputBox = showInputBox;
          return Promise.resolve(undefined);
        };
        return asked.items[0];
      }, rankSelection).finally(() => (window.showInputBox = showInputBox));
      assert.deepEqual(shown.map((s) => s.items), [['Set API Key']]);
      assert.equal(server.requests.length - sent, 1, 'one request, not sent again');
      assert.equal((await resultsTree()).length, before, 'no run added');
    });
  });

  describe('a self-hosted server that is not running', function () {
    let closedUrl: string;

    before(async function () {
      const closed = await startCohereServer();
      closedUrl = closed.url;
      await closed.close();
      await setUserSettings({ 'rerank.provider': 'vllm', 'rerank.endpoint': closedUrl });
    });

    after(async function () {
      await setUserSettings({ 'rerank.provider': undefined, 'rerank.endpoint': undefined });
    });

    it('is named in plain words, and "Use Offline Ranker" runs the same query on the same blocks offline', async function () {
      const shown = await answeringMessages(ERRORS, (asked) => (asked.items.includes('Use Offline Ranker') ? 'Use Offline Ranker' : undefined), rankSelection);
      assert.equal(shown.length, 1, 'one error: the offline run succeeded');
      assert.equal(shown[0]?.message, `Rerank: nothing answers at ${new URL(closedUrl).origin} (connection refused). Is the server running?`);
      assert.deepEqual(shown[0]?.items, ['Use Offline Ranker', 'Open Endpoint Setting', 'Show Log']);

      const newest = await newestRun();
      assert.equal(newest?.label, QUERY);
      assert.match(newest?.description ?? '', /^local · bm25 · 3 results · /);
      assert.equal(vscode.workspace.getConfiguration('rerank').get('provider'), 'vllm', 'the provider setting is unchanged: only this run went offline');
    });

    it('"Open Endpoint Setting" opens the settings at rerank.endpoint', async function () {
      const { commands } = vscode;
      const executeCommand = commands.executeCommand;
      const opened: unknown[][] = [];
      // The extension shares this object: its call to open the settings is seen here (and not forwarded).
      commands.executeCommand = (<T>(command: string, ...rest: unknown[]) => {
        if (command === 'workbench.action.openSettings') {
          opened.push(rest);
          return Promise.resolve(undefined as T);
        }
        return executeCommand.call(commands, command, ...rest) as Thenable<T>;
      }) as typeof commands.executeCommand;
      try {
        await answeringMessages(ERRORS, () => 'Open Endpoint Setting', rankSelection);
      } finally {
        commands.executeCommand = executeCommand;
      }
      assert.deepEqual(opened, [['rerank.endpoint']]);
    });
  });
});
