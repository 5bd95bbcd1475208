// The built CLI's network: undici behind the environment's proxy (HTTPS_PROXY, NO_PROXY), and
// https:// through a CONNECT tunnel to a certificate signed by a company's own CA, trusted through
// NODE_EXTRA_CA_CERTS (test/fixtures/tls/). The endpoint's host name resolves nowhere: only the
// proxy (the loopback server, tunnelling into itself) can reach it.

import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, runBuiltCli, type CliResult } from '../support/cliProcess';
import { startCohereServer, type CohereServer } from '../support/cohereServer';

const KEY = 'co-FAKEKEY-network-2b7e9d41c6a0f3e8';
const TLS_DIR = path.resolve(__dirname, '../fixtures/tls');
const CA = path.join(TLS_DIR, 'ca.pem');

describe('integration: the CLI through proxies and a private CA', function () {
  this.timeout(20_000);
  let server: CohereServer;
  let dir: string;
  let docs: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the integration tests`);
    dir = mkdtempSync(path.join(tmpdir(), 'rerank-cli-network-'));
    docs = path.join(dir, 'docs.json');
    writeFileSync(docs, JSON.stringify(['retry a rate limited request', 'bake bread', 'rate limits and retries']));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  beforeEach(async () => {
    server = await startCohereServer({
      apiKey: KEY,
      tls: { cert: readFileSync(path.join(TLS_DIR, 'server-cert.pem'), 'utf8'), key: readFileSync(path.join(TLS_DIR, 'server-key.pem'), 'utf8') },
    });
  });
  afterEach(() => server.close());

  function rank(endpoint: string, env: Record<string, string>): Promise<CliResult> {
    return runBuiltCli(['-q', 'retry a request', '--docs', docs, '--endpoint', endpoint, '--max-retries', '0', '--json'], { key: KEY, env });
  }

  it('reaches https://rerank.internal.test through HTTPS_PROXY, trusting the CA of NODE_EXTRA_CA_CERTS', async () => {
    const host = `rerank.internal.test:${server.port}`;
    const result = await rank(`https://${host}`, { HTTPS_PROXY: server.url, NODE_EXTRA_CA_CERTS: CA });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(server.tunnels, [host]);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0]?.headers.host, host);
    assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
  });

  it('refuses the same certificate without the CA at once, saying where trust comes from, and sends nothing', async () => {
    const host = `rerank.internal.test:${server.port}`;
    const result = await runBuiltCli(['-q', 'retry a request', '--docs', docs, '--endpoint', `https://${host}`, '--json'], { key: KEY, env: { HTTPS_PROXY: server.url } });
    assert.equal(result.code, 5, result.stderr);
    const last = result.stderr.trimEnd().split('\n').pop() ?? '';
    assert.match(
      last,
      new RegExp(`^rerank: (batch 1/1: )?the certificate of ${host.replace(/\./g, '\\.')} is not trusted \\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\); if your network inspects TLS, add its root certificate to the system's trust store \\(VS Code reads it\\), or for the CLI name its PEM file in NODE_EXTRA_CA_CERTS$`),
    );
    assert.ok(!result.stderr.includes(KEY), 'the key leaked');
    // Retries (5 by default) would each open a tunnel: one means it gave up at once.
    assert.equal(server.tunnels.length, 1);
    assert.equal(server.requests.length, 0);
  });

  it('NO_PROXY sends a listed host direct, past HTTPS_PROXY', async () => {
    // The proxy named is a closed port: only a direct connection can succeed.
    const result = await rank(server.url, { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(server.tunnels, []);
    assert.equal(server.requests.length, 1);
  });
});
