// Network behaviour every transport shares (the CLI's undici and the extension host's fetch), on
// a loopback server: redirects refused and never followed, a body cut off at the cap while it
// streams, a host name only a proxy can reach, a connect through a silent proxy timed out, an
// untrusted certificate refused at once. The loopback server is the proxy too: it tunnels each
// CONNECT back into itself.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { httpOptions, postJson } from '../../src/providers/http';
import { createDispatcher, undiciTransport } from '../../src/providers/undiciTransport';
import { rejection } from '../support/rejection';
import { fault, startCohereServer, type CohereServer } from '../support/cohereServer';
import { BODY, HEADERS, TRANSPORTS, loopbackPerTest, startSilentProxy, type OpenTransport } from '../support/transports';

for (const transportCase of TRANSPORTS) {
describe(`integration: the network over ${transportCase.name}`, function () {
  const loop = loopbackPerTest(transportCase);

  describe('redirects', () => {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`a ${status} is an error naming where it points, and nothing follows it there`, async () => {
        const elsewhere = await startCohereServer();
        try {
          loop.server.script(fault.redirect(status, `${elsewhere.url}/v2/rerank`));
          const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts()));
          assert.equal(err.kind, 'unexpected-status');
          assert.equal(
            err.message,
            `127.0.0.1:${loop.server.port} redirected the request (${status}) to ${elsewhere.url}; redirects are not followed, so the key stays with its endpoint: set the endpoint to the API's own URL`,
          );
          assert.equal(loop.server.requests.length, 1, 'retried');
          assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
        } finally {
          await elsewhere.close();
        }
      });
    }

    it('a relative Location is named by the origin it resolves to', async () => {
      loop.server.script(fault.redirect(307, '/v3/rerank'));
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts()));
      assert.match(err.message, new RegExp(`redirected the request \\(307\\) to http://127\\.0\\.0\\.1:${loop.server.port};`));
      assert.equal(loop.server.requests.length, 1);
    });
  });

  it('a body that never ends is cut off at the cap as it streams, long before the timeout', async () => {
    loop.server.script(fault.endlessBody());
    const started = Date.now();
    const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts({ timeoutMs: 60_000 })));
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /is larger than 16 MB/);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    assert.equal(loop.server.requests.length, 1);
  });

  describe('through a proxy', () => {
    let proxied: OpenTransport | undefined;
    afterEach(async () => {
      await proxied?.close();
      proxied = undefined;
    });

    it('reaches a host name that resolves nowhere, with the key only in the request for its origin', async () => {
      // The loopback server is the proxy too: it tunnels the CONNECT back into itself.
      proxied = transportCase.viaProxy(loop.server.url);
      const target = `http://rerank.internal.test:${loop.server.port}/v2/rerank`;
      const res = await postJson(target, BODY, HEADERS, loop.opts({ transport: proxied.transport, maxRetries: 0 }));
      assert.equal(res.status, 200);
      assert.equal(loop.server.requests.length, 1);
      const [req] = loop.server.requests;
      assert.equal(req?.headers.host, `rerank.internal.test:${loop.server.port}`);
      assert.equal(req?.headers.authorization, HEADERS.authorization);
      assert.deepEqual(loop.server.tunnels, [`rerank.internal.test:${loop.server.port}`]);
    });

    it('refuses a certificate no trusted CA signed, at once, saying where trust comes from', async () => {
      const tlsDir = path.resolve(__dirname, '../fixtures/tls');
      const secure = await startCohereServer({ tls: { cert: readFileSync(path.join(tlsDir, 'server-cert.pem'), 'utf8'), key: readFileSync(path.join(tlsDir, 'server-key.pem'), 'utf8') } });
      try {
        proxied = transportCase.viaProxy(secure.url);
        const host = `rerank.internal.test:${secure.port}`;
        const err = await rejection(postJson(`https://${host}/v2/rerank`, BODY, HEADERS, loop.opts({ transport: proxied.transport, maxRetries: 3 })));
        assert.equal(err.kind, 'network');
        assert.equal(
          err.message,
          `the certificate of ${host} is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE); if your network inspects TLS, add its root certificate to the system's trust store (VS Code reads it), or for the CLI name its PEM file in NODE_EXTRA_CA_CERTS`,
        );
        assert.deepEqual(secure.tunnels, [host], 'retried');
        assert.equal(secure.requests.length, 0);
      } finally {
        await secure.close();
      }
    });

    it('times out a proxy that never completes the connection', async () => {
      const silent = await startSilentProxy();
      try {
        proxied = transportCase.viaProxy(silent.url);
        const started = Date.now();
        const err = await rejection(postJson(`http://rerank.internal.test:${loop.server.port}/v2/rerank`, BODY, HEADERS, loop.opts({ transport: proxied.transport, timeoutMs: 200, maxRetries: 0 })));
        assert.equal(err.kind, 'timeout');
        assert.equal(err.message, 'no complete answer within 0.2 s');
        assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
      } finally {
        await silent.close();
      }
    });
  });
});
}

describe('integration: the CLI transport and the environment', () => {
  /** A closed port: only a request sent directly can succeed. */
  const NOWHERE = 'http://127.0.0.1:9';

  /** Runs `test` with a loopback server and a CLI dispatcher made from the environment `env(server)`; closes both after it. */
  async function withEnvDispatcher(env: (server: CohereServer) => NodeJS.ProcessEnv, test: (server: CohereServer, post: (url: string) => Promise<{ status: number }>) => Promise<void>): Promise<void> {
    const server = await startCohereServer();
    const dispatcher = createDispatcher({ env: env(server) });
    try {
      await test(server, (url) => postJson(url, BODY, HEADERS, httpOptions({ transport: undiciTransport(dispatcher), maxRetries: 0 })));
    } finally {
      await dispatcher.destroy();
      await server.close();
    }
  }

  it('NO_PROXY sends a request to a listed host directly, past HTTPS_PROXY', () =>
    withEnvDispatcher(
      () => ({ HTTPS_PROXY: NOWHERE, HTTP_PROXY: NOWHERE, NO_PROXY: '127.0.0.1' }),
      async (server, post) => {
        assert.equal((await post(`${server.url}/v2/rerank`)).status, 200);
        assert.equal(server.requests.length, 1);
      },
    ));

  for (const noProxy of [undefined, 'internal.example.test']) {
    it(`sends a request for this machine directly, past HTTPS_PROXY${noProxy ? `, with NO_PROXY ${noProxy}` : ' and without NO_PROXY'}`, () =>
      withEnvDispatcher(
        // The loopback server is the proxy too, and records every CONNECT it is asked for.
        (server) => ({ HTTPS_PROXY: server.url, HTTP_PROXY: server.url, ...(noProxy ? { NO_PROXY: noProxy } : {}) }),
        async (server, post) => {
          for (const host of ['127.0.0.1', 'localhost']) assert.equal((await post(`http://${host}:${server.port}/v2/rerank`)).status, 200, host);
          assert.deepEqual(server.tunnels, [], 'asked the proxy for');
          assert.equal(server.requests.length, 2);
        },
      ));
  }

  it('NO_PROXY * sends every request directly', () =>
    withEnvDispatcher(
      () => ({ HTTPS_PROXY: NOWHERE, HTTP_PROXY: NOWHERE, NO_PROXY: '*' }),
      async (server, post) => assert.equal((await post(`${server.url}/v2/rerank`)).status, 200),
    ));
});
