// End to end: the extension's requests go through VS Code's own network stack. The endpoint is a
// host name that resolves nowhere (rerank.internal.test), so only a proxy can answer it: the
// loopback Cohere-shaped server, which also tunnels CONNECT back into itself and records each
// tunnel. The proxy is named by the `http.proxy` setting, then by HTTPS_PROXY in code-server's
// environment; `http.noProxy` sends the request direct (where the name resolves nowhere); https://
// through the tunnel meets a certificate of a test CA that only NODE_EXTRA_CA_CERTS names, which
// VS Code's fetch does not read. The key travels only in requests for the endpoint's own origin.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startCohereServer, type RecordedRequest } from '../support/cohereServer';
import { useE2EEnvironment } from './environment';
import { log, seconds } from './harness';
import { waitFor, type Workbench } from './workbench';

const KEY = 'co-e2e-FAKEKEY-proxy-51c0e7d2';
const UNRESOLVABLE = 'rerank.internal.test';
const QUERY = 'how does a client handle rate limits';

/** Starts a rerank of the three paragraphs of notes.txt. */
async function startRerank(wb: Workbench): Promise<void> {
  await wb.openFile('notes.txt');
  await wb.selectAllInEditor();
  await waitFor('the editor to report a selection', async () => /selected/.test(await wb.editorSelectionStatus()));
  await wb.runCommand('Rerank: Rerank Selection Against Query');
  await wb.answerInput(QUERY, 'against');
}

/** Reranks the three paragraphs of notes.txt and waits for the tree to show them; a failure names the toasts seen. */
async function rerankNotes(wb: Workbench): Promise<void> {
  await startRerank(wb);
  await wb.openViewContainer('Rerank');
  try {
    await waitFor('the results tree to show the three paragraphs', async () => (await wb.treeRows('Results')).filter((r) => r.level === 2).length === 3, 30_000, 200);
  } catch (err) {
    throw new Error(`${(err as Error).message}; notifications: ${JSON.stringify(await wb.toastHistory())}`);
  }
}

/** Every request that carried the key went to `origin`'s host (the Host header), and at least one did. */
function assertKeyOnlyFor(requests: readonly RecordedRequest[], host: string): void {
  const withKey = requests.filter((r) => r.headers.authorization === `Bearer ${KEY}`);
  assert.ok(withKey.length >= 1, 'no request carried the key');
  assert.deepEqual([...new Set(withKey.map((r) => r.headers.host))], [host], 'the key went to another host');
}

describe('end to end: requests through VS Code’s network stack (proxies)', function () {
  const e2e = useE2EEnvironment(this, {
    server: { apiKey: KEY },
    report: (env) => log(`code-server traffic refused by the trap: ${[...new Set(env.proxy.attempts)].join(', ') || 'none'}`),
  });

  /** Settings for an endpoint at `endpoint`: VS Code's proxy support on, the key allowed over http:// to a name. */
  function proxySettings(endpoint: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { 'rerank.endpoint': endpoint, 'rerank.allowInsecureHttp': true, 'http.proxySupport': 'override', ...extra };
  }

  async function runThroughProxy(name: string, settings: Record<string, unknown>, processEnv: NodeJS.ProcessEnv): Promise<void> {
    const e = e2e.env;
    const host = `${UNRESOLVABLE}:${e.server.port}`;
    const started = Date.now();
    const session = await e2e.openSession(name, proxySettings(`http://${host}`, settings), processEnv);
    const wb = session.workbench;
    await wb.setApiKey(KEY, host);
    const requestsBefore = e.server.requests.length;
    const tunnelsBefore = e.server.tunnels.length;
    await rerankNotes(wb);
    await wb.screenshot(name);
    assert.ok(e.server.tunnels.slice(tunnelsBefore).includes(host), `the proxy tunnelled ${JSON.stringify(e.server.tunnels.slice(tunnelsBefore))}`);
    assertKeyOnlyFor(e.server.requests.slice(requestsBefore), host);
    log(`${name}: ${seconds(Date.now() - started)}`);
  }

  it('N1: a host name only a proxy can reach, the proxy named by http.proxy', async function () {
    // HTTPS_PROXY still names the trap: only the setting can lead to the right proxy.
    await runThroughProxy('n1-http-proxy-setting', { 'http.proxy': e2e.env.server.url }, {});
  });

  it("N2: the same host name, the proxy named by HTTPS_PROXY in VS Code's environment", async function () {
    const { url } = e2e.env.server;
    await runThroughProxy('n2-https-proxy-env', {}, { HTTPS_PROXY: url, https_proxy: url });
  });

  it('N3: http.noProxy sends the request direct: for a name that resolves nowhere, the run fails and the proxy sees nothing', async function () {
    // N1 is the control: the same settings without http.noProxy reach the server through the proxy.
    // (A loopback endpoint cannot show this: VS Code's fetch never proxies 127.0.0.1, noProxy or not.)
    const e = e2e.env;
    const host = `${UNRESOLVABLE}:${e.server.port}`;
    const session = await e2e.openSession('n3-no-proxy', proxySettings(`http://${host}`, { 'http.proxy': e.server.url, 'http.noProxy': [UNRESOLVABLE], 'rerank.maxRetries': 0 }));
    const wb = session.workbench;
    await wb.setApiKey(KEY, host);
    const requestsBefore = e.server.requests.length;
    const tunnelsBefore = e.server.tunnels.length;
    await startRerank(wb);
    const toast = await wb.waitForNotification(/Rerank: .*network error/, 30_000);
    log(`n3-no-proxy: ${(await toast.innerText()).split('\n')[0] ?? ''}`);
    await wb.screenshot('n3-no-proxy');
    assert.deepEqual(e.server.tunnels.slice(tunnelsBefore), [], 'the request went through the proxy');
    assert.equal(e.server.requests.length, requestsBefore);
  });

  it('N4: https:// through a CONNECT tunnel to a certificate of a CA only NODE_EXTRA_CA_CERTS names: refused at once, naming the trust store, nothing sent', async function () {
    // Seen in code-server 4.139.1: the extension host's fetch does not take NODE_EXTRA_CA_CERTS
    // (its certificates are Node's and the OS store's, http.systemCertificates), so a private CA
    // must be in the OS store, which a test may not change. Should VS Code start reading the
    // variable, this fails: the run would then succeed, and this test should say so instead.
    const tlsDir = path.resolve(__dirname, '../fixtures/tls');
    const secure = await startCohereServer({ apiKey: KEY, tls: { cert: readFileSync(path.join(tlsDir, 'server-cert.pem'), 'utf8'), key: readFileSync(path.join(tlsDir, 'server-key.pem'), 'utf8') } });
    try {
      const host = `${UNRESOLVABLE}:${secure.port}`;
      const session = await e2e.openSession('n4-https-tunnel', proxySettings(`https://${host}`, { 'http.proxy': secure.url }), { NODE_EXTRA_CA_CERTS: path.join(tlsDir, 'ca.pem') });
      const wb = session.workbench;
      await wb.setApiKey(KEY, host);
      await startRerank(wb);
      // maxRetries stays at its default (5): a certificate failure is not retried, so this comes at once.
      const toast = await wb.waitForNotification(new RegExp(`Rerank: .*the certificate of ${host.replace(/\./g, '\\.')} is not trusted \\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\)`), 15_000);
      log(`n4-https-tunnel: ${(await toast.innerText()).split('\n').find((line) => line.includes('certificate')) ?? ''}`);
      await wb.screenshot('n4-https-tunnel');
      assert.deepEqual([...new Set(secure.tunnels)], [host], 'the request went through the proxy');
      assert.equal(secure.requests.length, 0, 'a request was sent over the untrusted connection');
    } finally {
      await secure.close();
    }
  });
});
