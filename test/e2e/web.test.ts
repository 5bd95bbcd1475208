// End to end: the extension in the web worker extension host, the host VS Code for the Web
// (vscode.dev, github.dev) runs extensions in. code-server serves the same workbench and starts
// that host in the browser for an extension whose kind the user sets to "web":
// `"remote.extensionKind": { "rerank-dev.rerank": ["web"] }` (VS Code then loads the manifest's
// "browser" entry, dist/web/extension.js, in a Worker, and never its "main"). What shows that it
// ran there: the log line the web entry writes ("… in the web worker extension host"), and, for a
// remote run, requests that only a browser sends (Origin, Sec-Fetch-Mode: cors, Chromium's
// User-Agent). CORS preflights never reach the server here: with request routing on (the
// harness's fence that aborts traffic off 127.0.0.1), Playwright answers every preflight itself
// with 204 and allow-all headers (playwright-core's network manager, "isInterceptedOptionsPreflight").
// What the browser still enforces, and W3 shows, is Access-Control-Allow-Origin on the answer.

import * as assert from 'node:assert/strict';
import { startCohereServer, type CohereServer } from '../support/cohereServer';
import { useE2EEnvironment } from './environment';
import { log } from './harness';
import { waitFor, type TreeRow, type Workbench } from './workbench';

const KEY = 'co-e2e-FAKEKEY-web-3b8e90f1';
const VIEW = 'Results';
/** The user setting that makes code-server run the extension in its web worker host. */
const IN_WEB_WORKER = { 'remote.extensionKind': { 'rerank-dev.rerank': ['web'] }, 'remote.autoForwardPorts': false };
const WEB_HOST_LINE = 'Rerank runs in the web worker extension host.';

/** "Rerank: Show Log" and the Output panel's text once it shows `line`. */
async function logShows(wb: Workbench, line: string): Promise<string> {
  // The Output panel is an editor: Monaco draws spaces as no-break spaces.
  const panelText = async () => (await wb.page.locator('.part.panel').innerText().catch(() => '')).replace(/\u00a0/g, ' ');
  await wb.runCommand('Rerank: Show Log');
  // As in the harness scenario: a channel still registering is now and then not revealed at once.
  if (!(await waitFor('the Rerank log', async () => (await panelText()).includes(line), 15_000).catch(() => false))) {
    log(`"Rerank: Show Log" did not show "${line}" yet; running it again`);
    await wb.page.keyboard.press('Escape');
    await wb.runCommand('Rerank: Show Log');
    await waitFor(`the Rerank log to say "${line}"`, async () => (await panelText()).includes(line));
  }
  return panelText();
}

/** The newest run's row and its result rows, once its label is `query` and it has `count` results (any count when undefined). */
async function newestRun(wb: Workbench, query: string, count?: number): Promise<{ run: TreeRow; items: TreeRow[] }> {
  await wb.openViewContainer('Rerank');
  try {
    return await waitFor(`the results tree to show the run for "${query}"`, async () => {
      const rows = await wb.treeRows(VIEW);
      const runIndex = rows.findIndex((r) => r.level === 1);
      const run = rows[runIndex];
      if (run?.label !== query) return undefined;
      const items = rows.slice(runIndex + 1).filter((r) => r.level === 2);
      return items.length > 0 && (count === undefined || items.length === count) ? { run, items } : undefined;
    }, 30_000, 200);
  } catch (err) {
    throw new Error(`${(err as Error).message}; notifications: ${JSON.stringify(await wb.toastHistory())}`);
  }
}

describe('end to end: the extension in the web worker extension host (VS Code for the Web)', function () {
  const e2e = useE2EEnvironment(this, {
    server: { apiKey: KEY, cors: true },
    report: (env) => {
      const browserOut = [...new Set(env.blocked)];
      log(`traffic off 127.0.0.1: browser ${browserOut.length ? `blocked ${browserOut.join(', ')}` : 'none'}`);
    },
  });
  let closedServer: CohereServer | undefined;

  afterEach(async function () {
    await closedServer?.close();
    closedServer = undefined;
  });

  it('W1: offline (BM25): a selection and the workspace (through workspace.fs) ranked, the tree, the panel and prompt context', async function () {
    const e = e2e.env;
    const session = await e2e.openSession('w1-web-offline', { ...IN_WEB_WORKER, 'rerank.provider': 'local' });
    const wb = session.workbench;
    const before = e.server.requests.length + e.server.preflights.length;

    const logText = await logShows(wb, WEB_HOST_LINE);
    assert.doesNotMatch(logText, /runs in the node extension host/, 'the Node entry did not run too');

    await wb.rerankSelectionOf('notes.txt', 'bread flour starter');
    const selection = await newestRun(wb, 'bread flour starter', 3);
    assert.match(selection.run.description, /^local · /);
    assert.equal(selection.items[0]?.label, '1 · 1.000 · notes.txt:3-3', 'BM25 puts the bread paragraph first');

    // The workspace folder is a vscode-remote: URI here: the worker reads it through workspace.fs.
    const query = 'exponential backoff with jitter for a retryable request';
    await wb.runCommand('Rerank: Rerank Workspace Files…');
    await wb.answerInput(query, 'against');
    const workspace = await newestRun(wb, query);
    const top = workspace.items[0];
    assert.match(top?.label ?? '', /^1 · \d\.\d{3} · retries\.md:\d+-\d+$/, `the top row is the retries doc: ${top?.label}`);

    await wb.runCommand('Rerank: Copy Prompt Context');
    const where = /· (retries\.md:\d+-\d+)$/.exec(top?.label ?? '')?.[1] ?? 'retries.md';
    const clip = await waitFor('the clipboard to hold the prompt context', async () => {
      const text = await wb.page.evaluate(() => navigator.clipboard.readText()).catch(() => '');
      return text.includes(where) ? text : undefined;
    });
    assert.match(clip, /Exponential backoff with jitter/);

    await wb.runCommand('Rerank: Open Results Panel');
    const frame = await wb.webviewFrame({ hasSelector: '.ranking-body [role="row"]' });
    const firstSource = await frame.locator('.ranking-body [role="row"]').first().locator('.source-name').innerText();
    assert.equal(firstSource, where, 'the panel shows the workspace run');
    assert.equal(e.server.requests.length + e.server.preflights.length, before, 'nothing was sent to the endpoint');
    await wb.screenshot('w1-web-offline');
  });

  it('W2: remote: the endpoint answers CORS, the run is ranked by the server, the request sent by the browser', async function () {
    const e = e2e.env;
    const session = await e2e.openSession('w2-web-remote', IN_WEB_WORKER);
    const wb = session.workbench;
    await logShows(wb, WEB_HOST_LINE);
    const host = new URL(e.server.url).host;
    await wb.setApiKey(KEY, host);
    const before = e.server.requests.length;

    const query = 'how does a client handle rate limits';
    await wb.rerankSelectionOf('notes.txt', query);
    const { run } = await newestRun(wb, query, 3);
    assert.match(run.description, /^cohere · /);

    const sent = e.server.requests.slice(before);
    assert.equal(sent.length, 1, 'one rerank request');
    assert.equal(sent[0]?.headers.authorization, `Bearer ${KEY}`);
    // Only a browser sends these (Node's fetch sends no Origin and no Sec-Fetch-*): the request
    // left from the workbench's page, in Chromium, as a CORS request.
    assert.match(String(sent[0]?.headers.origin), /^http:\/\/127\.0\.0\.1:\d+$/, 'the request came from a page, not from Node');
    assert.equal(sent[0]?.headers['sec-fetch-mode'], 'cors');
    assert.match(String(sent[0]?.headers['user-agent']), /Chrome\//);
    await wb.screenshot('w2-web-remote');
  });

  it('W3: remote: an endpoint that does not answer CORS: the browser withholds its answer and the run fails with a network error', async function () {
    closedServer = await startCohereServer({ apiKey: KEY });
    // No retries: the first failure is the run's answer.
    const session = await e2e.openSession('w3-web-no-cors', { ...IN_WEB_WORKER, 'rerank.endpoint': closedServer.url, 'rerank.maxRetries': 0 });
    const wb = session.workbench;
    await logShows(wb, WEB_HOST_LINE);
    await wb.setApiKey(KEY, new URL(closedServer.url).host);
    await wb.rerankSelectionOf('notes.txt', 'how does a client handle rate limits');
    const toast = await wb.waitForNotification(/network error: Failed to fetch/, 30_000);
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    log(`W3: ${message}`);
    assert.doesNotMatch(message, new RegExp(KEY), 'the key is not in the message');
    // The server answered 200 (Playwright let the POST through by answering its preflight), but
    // without Access-Control-Allow-Origin the browser hands the answer to nobody: the run failed.
    // A real endpoint without CORS fails the real preflight, and the POST is never sent.
    const received = closedServer.requests;
    assert.deepEqual(received.map((r) => [r.method, r.headers['sec-fetch-mode']]), [['POST', 'cors']]);
    await wb.openViewContainer('Rerank');
    assert.equal((await wb.treeRows(VIEW)).filter((r) => r.level === 2).length, 0, 'no results');
    await wb.screenshot('w3-web-no-cors');
  });
});
