// Network behaviour every transport shares (the CLI's undici and the extension host's fetch), on
// a loopback server: redirects refused and never followed, a body cut off at the cap while it
// streams, a host name only a proxy can reach, a connect through a silent proxy timed out, an
// untrusted certificate refused at once. The loopback server is the proxy too: it tunnels each
// CONNECT back into itself.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { httpOptions, postJson, type HttpOptions } from '../../src/providers/http';
import { createDispatcher, undiciTransport } from '../../src/providers/undiciTransport';
import { rejection } from '../support/rejection';
import { fault, startCohereServer, type CohereServer } from '../support/cohereServer';
import { TRANSPORTS, startSilentProxy, type OpenTransport } from '../support/transports';

const BODY = JSON.stringify({ model: 'rerank-v3.5', query: 'retry a request', documents: ['retry the request', 'bake bread'] });
const HEADERS = { authorization: 'Bearer test-key-http-0001' };

for (const transportCase of TRANSPORTS) {
describe(`integration: the network over ${transportCase.name}`, function () {
  let server: CohereServer;
  let open: OpenTransport;
  let url: string;

  beforeEach(async () => {
    server = await startCohereServer();
    open = transportCase.direct();
    url = `${server.url}/v2/rerank`;
  });

  afterEach(async () => {
    await server.close();
    await open.close();
  });

  function opts(partial: Partial<HttpOptions> = {}): HttpOptions {
    return httpOptions({ transport: open.transport, backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 2_000, ...partial });
  }

  describe('redirects', () => {
    for (const status of [301, 302, 303, 307, 308]) {
      it(`a ${status} is an error naming where it points, and nothing follows it there`, async () => {
        const elsewhere = await startCohereServer();
        try {
          server.script(fault.redirect(status, `${elsewhere.url}/v2/rerank`));
          const err = await rejection(postJson(url, BODY, HEADERS, opts()));
          assert.equal(err.kind, 'unexpected-status');
          assert.equal(
            err.message,
            `127.0.0.1:${server.port} redirected the request (${status}) to ${elsewhere.url}; redirects are not followed, so the key stays with its endpoint: set the endpoint to the API's own URL`,
          );
          assert.equal(server.requests.length, 1, 'retried');
          assert.equal(elsewhere.requests.length, 0, 'the redirect was followed');
        } finally {
          await elsewhere.close();
        }
      });
    }

    it('a relative Location is named by the origin it resolves to', async () => {
      server.script(fault.redirect(307, '/v3/rerank'));
      const err = await rejection(postJson(url, BODY, HEADERS, opts()));
      assert.match(err.message, new RegExp(`redirected the request \\(307\\) to http://127\\.0\\.0\\.1:${server.port};`));
      assert.equal(server.requests.length, 1);
    });
  });

  it('a body that never ends is cut off at the cap as it streams, long before the timeout', async () => {
    server.script(fault.endlessBody());
    const started = Date.now();
    const err = await rejection(postJson(url, BODY, HEADERS, opts({ timeoutMs: 60_000 })));
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /is larger than 16 MB/);
    assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
    assert.equal(server.requests.length, 1);
  });

  describe('through a proxy', () => {
    let proxied: OpenTransport | undefined;
    afterEach(async () => {
      await proxied?.close();
      proxied = undefined;
    });

    it('reaches a host name that resolves nowhere, with the key only in the request for its origin', async () => {
      // The loopback server is the proxy too: it tunnels the CONNECT back into itself.
      proxied = transportCase.viaProxy(server.url);
      const target = `http://rerank.internal.test:${server.port}/v2/rerank`;
      const res = await postJson(target, BODY, HEADERS, opts({ transport: proxied.transport, maxRetries: 0 }));
      assert.equal(res.status, 200);
      assert.equal(server.requests.length, 1);
      const [req] = server.requests;
      assert.equal(req?.headers.host, `rerank.internal.test:${server.port}`);
      assert.equal(req?.headers.authorization, HEADERS.authorization);
      assert.deepEqual(server.tunnels, [`rerank.internal.test:${server.port}`]);
    });

    it('refuses a certificate no trusted CA signed, at once, saying where trust comes from', async () => {
      const tlsDir = path.resolve(__dirname, '../fixtures/tls');
      const secure = await startCohereServer({ tls: { cert: readFileSync(path.join(tlsDir, 'server-cert.pem'), 'utf8'), key: readFileSync(path.join(tlsDir, 'server-key.pem'), 'utf8') } });
      try {
        proxied = transportCase.viaProxy(secure.url);
        const host = `rerank.internal.test:${secure.port}`;
        const err = await rejection(postJson(`https://${host}/v2/rerank`, BODY, HEADERS, opts({ transport: proxied.transport, maxRetries: 3 })));
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
        const err = await rejection(postJson(`http://rerank.internal.test:${server.port}/v2/rerank`, BODY, HEADERS, opts({ transport: proxied.transport, timeoutMs: 200, maxRetries: 0 })));
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
  it('NO_PROXY sends a request to a listed host directly, past HTTPS_PROXY', async () => {
    const server = await startCohereServer();
    const dispatcher = createDispatcher({ env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' } });
    try {
      const res = await postJson(`${server.url}/v2/rerank`, BODY, HEADERS, httpOptions({ transport: undiciTransport(dispatcher), maxRetries: 0 }));
      assert.equal(res.status, 200);
      assert.equal(server.requests.length, 1);
    } finally {
      await dispatcher.destroy();
      await server.close();
    }
  });

  for (const noProxy of [undefined, 'internal.example.test']) {
    it(`sends a request for this machine directly, past HTTPS_PROXY${noProxy ? `, with NO_PROXY ${noProxy}` : ' and without NO_PROXY'}`, async () => {
      // The loopback server is the proxy too, and records every CONNECT it is asked for.
      const server = await startCohereServer();
      const dispatcher = createDispatcher({ env: { HTTPS_PROXY: server.url, HTTP_PROXY: server.url, ...(noProxy ? { NO_PROXY: noProxy } : {}) } });
      try {
        for (const host of ['127.0.0.1', 'localhost']) {
          const res = await postJson(`http://${host}:${server.port}/v2/rerank`, BODY, HEADERS, httpOptions({ transport: undiciTransport(dispatcher), maxRetries: 0 }));
          assert.equal(res.status, 200, host);
        }
        assert.deepEqual(server.tunnels, [], 'asked the proxy for');
        assert.equal(server.requests.length, 2);
      } finally {
        await dispatcher.destroy();
        await server.close();
      }
    });
  }

  it('NO_PROXY * sends every request directly', async () => {
    const server = await startCohereServer();
    const dispatcher = createDispatcher({ env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '*' } });
    try {
      const res = await postJson(`${server.url}/v2/rerank`, BODY, HEADERS, httpOptions({ transport: undiciTransport(dispatcher), maxRetries: 0 }));
      assert.equal(res.status, 200);
    } finally {
      await dispatcher.destroy();
      await server.close();
    }
  });
});
