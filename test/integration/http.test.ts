// postJson through each real transport against a loopback server with fault modes: the same cases
// for the CLI's undici and for the fetch the extension host gives (Node's global fetch here; VS Code
// adds its proxies and certificates to the same API).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import { RerankError } from '../../src/core/errors';
import type { RetryInfo } from '../../src/core/types';
import { fetchTransport } from '../../src/providers/fetchTransport';
import { MAX_RESPONSE_BYTES, httpOptions, postJson, type HttpOptions, type Transport } from '../../src/providers/http';
import { createDispatcher, undiciTransport } from '../../src/providers/undiciTransport';
import { rejection } from '../support/rejection';
import { fault, startCohereServer, type CohereServer } from '../support/cohereServer';

const BODY = JSON.stringify({ model: 'rerank-v3.5', query: 'retry a request', documents: ['retry the request', 'bake bread'] });
const HEADERS = { authorization: 'Bearer test-key-http-0001' };

interface OpenTransport {
  transport: Transport;
  close(): Promise<void>;
}

interface TransportCase {
  name: string;
  /** Connects directly. */
  direct(): OpenTransport;
  /** Through the HTTP proxy at `proxy`, as its face is configured for one. */
  viaProxy(proxy: string): OpenTransport;
}

const TRANSPORTS: readonly TransportCase[] = [
  {
    name: 'undici (the CLI)',
    direct: () => {
      const dispatcher = createDispatcher();
      return { transport: undiciTransport(dispatcher), close: () => dispatcher.destroy() };
    },
    viaProxy: (proxy) => {
      const dispatcher = createDispatcher({ env: { HTTPS_PROXY: proxy, HTTP_PROXY: proxy } });
      return { transport: undiciTransport(dispatcher), close: () => dispatcher.destroy() };
    },
  },
  {
    name: 'fetch (the extension host)',
    direct: () => ({ transport: fetchTransport(), close: () => Promise.resolve() }),
    // What VS Code does to the host's fetch when a proxy is configured, done here with undici's fetch.
    viaProxy: (proxy) => {
      const dispatcher = new ProxyAgent(proxy);
      const proxied: typeof fetch = (input, init) => undiciFetch(input as URL, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
      return { transport: fetchTransport(proxied), close: () => dispatcher.destroy() };
    },
  },
];

/** A proxy that takes connections and never answers: a connect that never completes. */
async function startSilentProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

for (const transportCase of TRANSPORTS) {
describe(`integration: postJson over ${transportCase.name}`, function () {
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

  /** Small, fast defaults: a tiny backoff so no test waits for real unless it says so. */
  function opts(partial: Partial<HttpOptions> = {}): HttpOptions {
    return httpOptions({ transport: open.transport, backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 2_000, ...partial });
  }

  function collect(): { retries: RetryInfo[]; onRetry: (info: RetryInfo) => void } {
    const retries: RetryInfo[] = [];
    return { retries, onRetry: (info) => retries.push(info) };
  }

  /** A wait between attempts that records what postJson asked for and ends at once. */
  function recordSleep(): { slept: number[]; sleep: (ms: number) => Promise<void> } {
    const slept: number[] = [];
    return {
      slept,
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    };
  }

  it('posts JSON with the given headers and returns the parsed answer', async () => {
    const res = await postJson(url, BODY, HEADERS, opts());
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 1);
    const body = res.body as { results: { index: number; relevance_score: number }[] };
    assert.deepEqual(
      body.results.map((r) => r.index),
      [0, 1],
    );
    assert.equal(server.requests.length, 1);
    const req = server.requests[0];
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, '/v2/rerank');
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.equal(req?.headers.authorization, HEADERS.authorization);
    assert.equal(req?.raw, BODY);
  });

  describe('429', () => {
    it('honours Retry-After: 0 instead of its own backoff, and reports the retry', async () => {
      server.script(fault.rateLimit(0));
      const { retries, onRetry } = collect();
      // Were Retry-After ignored, this backoff would wait 2 s and report delayMs 2000.
      const res = await postJson(url, BODY, HEADERS, opts({ backoff: { baseMs: 4_000, capMs: 4_000 }, random: () => 0.5 }), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(retries, [{ attempt: 1, maxRetries: 5, delayMs: 0, status: 429, reason: 'rate limited' }]);
    });

    it('waits the Retry-After seconds (1 s) before the next attempt', async () => {
      // The wait is recorded and held open here; the HTTP-date test below proves the default one is a real timer.
      server.script(fault.rateLimit(1));
      const { retries, onRetry } = collect();
      const slept: number[] = [];
      let wake = (): void => undefined;
      let asleep = (): void => undefined;
      const sleeping = new Promise<void>((resolve) => (asleep = resolve));
      const sleep = (ms: number): Promise<void> => {
        slept.push(ms);
        asleep();
        return new Promise<void>((resolve) => (wake = resolve));
      };
      let settled = false;
      const result = postJson(url, BODY, HEADERS, opts(), { onRetry, sleep }).finally(() => (settled = true));
      await sleeping;
      await new Promise((resolve) => setTimeout(resolve, 50)); // room for a second request, were the wait not awaited
      assert.deepEqual(slept, [1_000]);
      assert.equal(retries[0]?.delayMs, 1_000);
      assert.equal(server.requests.length, 1, 'a second request went out during the wait');
      assert.equal(settled, false);
      wake();
      const res = await result;
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(server.requests.length, 2);
    });

    it('honours Retry-After given as an HTTP date', async () => {
      const date = new Date(Date.UTC(2030, 0, 1, 12, 0, 0)).toUTCString(); // "Tue, 01 Jan 2030 12:00:00 GMT"
      // The client's clock says it is 300 ms before that date: the wait must be exactly 300 ms.
      const clock = Date.parse(date) - 300;
      server.script(fault.rateLimit(date));
      const { retries, onRetry } = collect();
      const res = await postJson(url, BODY, HEADERS, opts({ now: () => clock }), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.delayMs, 300);
      assert.equal(server.requests[0]?.headers.authorization, HEADERS.authorization);
      const [first, second] = server.requests;
      assert.ok(first && second && second.at - first.at >= 280, 'the client waited the date out');
    });

    it('backs off exponentially with jitter when there is no Retry-After', async () => {
      server.script(fault.rateLimit(), fault.rateLimit(), fault.rateLimit());
      const { retries, onRetry } = collect();
      const res = await postJson(url, BODY, HEADERS, opts({ backoff: { baseMs: 4, capMs: 10 }, random: () => 0.5 }), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 4);
      // floor(0.5 * min(cap, base * 2^n)) for n = 0, 1, 2
      assert.deepEqual(
        retries.map((r) => r.delayMs),
        [2, 4, 5],
      );
      assert.deepEqual(
        retries.map((r) => r.attempt),
        [1, 2, 3],
      );
      assert.ok(retries.every((r) => r.status === 429 && r.reason === 'rate limited'));
    });

    it('returns the last 429 once the retries are spent', async () => {
      server.script(fault.rateLimit(0), fault.rateLimit(0), fault.rateLimit(0));
      const { retries, onRetry } = collect();
      const res = await postJson(url, BODY, HEADERS, opts({ maxRetries: 2 }), { onRetry });
      assert.equal(res.status, 429);
      assert.equal(res.attempts, 3);
      assert.equal(server.requests.length, 3);
      assert.equal(retries.length, 2);
      assert.match(String((res.body as { message?: unknown }).message), /Trial key/);
    });
  });

  describe('retryable failures', () => {
    for (const status of [500, 502, 503, 504, 408]) {
      it(`retries ${status} and then succeeds`, async () => {
        server.script(fault.status(status));
        const { retries, onRetry } = collect();
        const res = await postJson(url, BODY, HEADERS, opts(), { onRetry });
        assert.equal(res.status, 200);
        assert.equal(res.attempts, 2);
        assert.equal(server.requests.length, 2);
        assert.equal(retries.length, 1);
        assert.equal(retries[0]?.status, status);
        assert.equal(retries[0]?.reason, status === 408 ? 'request timeout' : `server error ${status}`);
        assert.ok((retries[0]?.delayMs ?? -1) >= 0 && (retries[0]?.delayMs ?? 99) < 5);
      });
    }

    it('retries a connection reset', async () => {
      server.script(fault.reset());
      const { retries, onRetry } = collect();
      const res = await postJson(url, BODY, HEADERS, opts(), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(server.requests.length, 2);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.status, undefined);
      assert.match(retries[0]?.reason ?? '', /^network error/);
    });

    it('fails with kind network once resets use up the retries', async () => {
      server.script(fault.reset(), fault.reset());
      const err = await rejection(postJson(url, BODY, HEADERS, opts({ maxRetries: 1 })));
      assert.equal(err.kind, 'network');
      assert.match(err.message, /network error/);
      assert.match(err.message, /after 2 attempts/);
      assert.equal(server.requests.length, 2);
    });

    it('fails with kind network on a refused connection', async () => {
      const closed = await startCohereServer();
      const port = closed.port;
      await closed.close();
      const { retries, onRetry } = collect();
      const err = await rejection(postJson(`http://127.0.0.1:${port}/v2/rerank`, BODY, HEADERS, opts({ maxRetries: 1 }), { onRetry }));
      assert.equal(err.kind, 'network');
      assert.match(err.message, /ECONNREFUSED/);
      assert.equal(retries.length, 1);
    });

    it('times out slow headers per attempt and retries', async () => {
      server.script(fault.slowHeaders(60_000));
      const { retries, onRetry } = collect();
      const started = Date.now();
      const res = await postJson(url, BODY, HEADERS, opts({ timeoutMs: 200 }), { onRetry });
      const elapsed = Date.now() - started;
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.status, undefined);
      assert.equal(retries[0]?.reason, 'no complete answer within 0.2 s');
      // Not before the 0.2 s timeout, and far sooner than the 60 s the headers would take.
      assert.ok(elapsed >= 190 && elapsed < 10_000, `took ${elapsed} ms`);
    });

    it('times out a stalled body per attempt and retries', async () => {
      server.script(fault.stallBody());
      const { retries, onRetry } = collect();
      const started = Date.now();
      const res = await postJson(url, BODY, HEADERS, opts({ timeoutMs: 200 }), { onRetry });
      const elapsed = Date.now() - started;
      assert.equal(res.status, 200);
      assert.equal((res.body as { id?: string }).id, 'rerank-1', 'the answer is the second, complete one');
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.reason, 'no complete answer within 0.2 s');
      // Not before the 0.2 s timeout; the body itself never ends.
      assert.ok(elapsed >= 190 && elapsed < 10_000, `took ${elapsed} ms`);
    });

    it('fails with kind timeout when every attempt stalls', async () => {
      server.script(fault.stallBody(), fault.slowHeaders(60_000));
      const started = Date.now();
      const err = await rejection(postJson(url, BODY, HEADERS, opts({ timeoutMs: 200, maxRetries: 1 })));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /no complete answer within 0\.2 s \(after 2 attempts\)/);
      assert.equal(server.requests.length, 2);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 10_000, `took ${elapsed} ms; the second answer would take 60 s`);
    });
  });

  describe('never retried', () => {
    for (const status of [400, 401, 402, 403, 404, 422, 498, 501]) {
      it(`${status} is returned after exactly one request`, async () => {
        server.script(fault.status(status, `scripted ${status}`), fault.status(status));
        const { retries, onRetry } = collect();
        const res = await postJson(url, BODY, HEADERS, opts(), { onRetry });
        assert.equal(res.status, status);
        assert.equal(res.attempts, 1);
        assert.deepEqual(res.body, { message: `scripted ${status}` });
        assert.equal(server.requests.length, 1);
        assert.equal(retries.length, 0);
      });
    }
  });

  describe('a key that cannot go in a header', () => {
    // U+2026 "…" (a key pasted from a rich-text page) and a control character: no transport sends them.
    for (const [name, key] of [
      ['an ellipsis', 'co-FAKE-http-key\u2026'],
      ['a control character', 'co-FAKE-http-\u0007key'],
    ] as const) {
      it(`fails once as bad input, naming the problem and not the key (${name})`, async () => {
        const { retries, onRetry } = collect();
        const err = await rejection(postJson(url, BODY, { authorization: `Bearer ${key}` }, opts({ secrets: [key] }), { onRetry }));
        assert.equal(err.kind, 'bad-input');
        assert.match(err.message, /the API key contains characters that cannot be sent in an HTTP header; paste it again/);
        assert.ok(!err.message.includes('co-FAKE'), 'the key is in the message');
        assert.equal(retries.length, 0);
        assert.equal(server.requests.length, 0);
      });
    }
  });

  describe('reply bounds', () => {
    it('refuses 1 MB of nested arrays by its depth before parsing it, naming the endpoint', async () => {
      server.script(fault.raw(200, '['.repeat(1024 * 1024)));
      const err = await rejection(postJson(url, BODY, HEADERS, opts()));
      assert.equal(err.kind, 'bad-response');
      assert.equal(err.message, `the reply from 127.0.0.1:${server.port}/v2/rerank nests deeper than 64 levels, which no rerank reply does; check the endpoint`);
      assert.equal(server.requests.length, 1);
    });

    it('refuses a reply larger than the cap, naming the endpoint', async () => {
      server.script(fault.raw(200, JSON.stringify({ results: [], pad: 'x'.repeat(MAX_RESPONSE_BYTES) })));
      const err = await rejection(postJson(url, BODY, HEADERS, opts()));
      assert.equal(err.kind, 'bad-response');
      assert.match(err.message, new RegExp(`^the reply from 127\\.0\\.0\\.1:${server.port}/v2/rerank is larger than 16 MB`));
    });
  });

  describe('cancellation and deadline', () => {
    it('an AbortSignal cancels a request in flight at once', async () => {
      // Headers and timeout both 60 s away: only the abort can end this sooner.
      server.script(fault.slowHeaders(60_000));
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      const err = await rejection(postJson(url, BODY, HEADERS, opts({ timeoutMs: 60_000 }), { signal: controller.signal }));
      const elapsed = Date.now() - started;
      assert.equal(err.kind, 'cancelled');
      assert.ok(elapsed < 10_000, `cancelled after ${elapsed} ms`);
      assert.equal(server.requests.length, 1);
    });

    it('an AbortSignal cancels a backoff wait at once', async () => {
      server.script(fault.rateLimit(60));
      const controller = new AbortController();
      const { retries } = collect();
      const started = Date.now();
      const err = await rejection(
        postJson(url, BODY, HEADERS, opts(), {
          signal: controller.signal,
          onRetry: (info) => {
            retries.push(info);
            setTimeout(() => controller.abort(), 30);
          },
        }),
      );
      const elapsed = Date.now() - started;
      assert.equal(err.kind, 'cancelled');
      assert.equal(retries[0]?.delayMs, 60_000);
      assert.ok(elapsed < 10_000, `cancelled after ${elapsed} ms of a 60 s wait`);
      assert.equal(server.requests.length, 1);
    });

    it('an already aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await rejection(postJson(url, BODY, HEADERS, opts(), { signal: controller.signal }));
      assert.equal(err.kind, 'cancelled');
      assert.equal(server.requests.length, 0);
    });

    it("a signal aborted for the run's deadline ends an attempt with that reason, not as a cancel", async () => {
      server.script(fault.slowHeaders(60_000), fault.slowHeaders(60_000));
      const controller = new AbortController();
      setTimeout(() => controller.abort(new RerankError('timeout', "the run's deadline of 0.3 s passed")), 300);
      const err = await rejection(postJson(url, BODY, HEADERS, opts({ timeoutMs: 60_000 }), { signal: controller.signal }));
      assert.equal(err.kind, 'timeout');
      assert.equal(err.message, "the run's deadline of 0.3 s passed");
      assert.equal(server.requests.length, 1);
    });

    it('does not wait a Retry-After that would pass the deadline', async () => {
      server.script(fault.rateLimit(60));
      const { retries, onRetry } = collect();
      const { slept, sleep } = recordSleep();
      const started = Date.now();
      const res = await postJson(url, BODY, HEADERS, opts(), { deadline: Date.now() + 10_000, onRetry, sleep });
      assert.equal(res.status, 429);
      assert.equal(res.attempts, 1);
      assert.equal(retries.length, 0);
      assert.deepEqual(slept, [], 'it waited (part of) a Retry-After that passes the deadline');
      // And no wait outside the injected sleep either: waiting up to the deadline would take 10 s.
      assert.ok(Date.now() - started < 5_000, `gave up after ${Date.now() - started} ms`);
    });
  });

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
});
