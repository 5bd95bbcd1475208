// postJson through each real transport against a loopback server with fault modes: the same cases
// for the CLI's undici and for the fetch the extension host gives (Node's global fetch here; VS Code
// adds its proxies and certificates to the same API). Redirects, streaming caps, proxies and
// certificates: http-network.test.ts.

import * as assert from 'node:assert/strict';
import { RerankError } from '../../src/core/errors';
import type { RetryInfo } from '../../src/core/types';
import { MAX_RESPONSE_BYTES, postJson } from '../../src/providers/http';
import { rejection } from '../support/rejection';
import { fault, startCohereServer } from '../support/cohereServer';
import { BODY, HEADERS, TRANSPORTS, loopbackPerTest } from '../support/transports';

for (const transportCase of TRANSPORTS) {
describe(`integration: postJson over ${transportCase.name}`, function () {
  const loop = loopbackPerTest(transportCase);

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
    const res = await postJson(loop.url, BODY, HEADERS, loop.opts());
    assert.equal(res.status, 200);
    assert.equal(res.attempts, 1);
    const body = res.body as { results: { index: number; relevance_score: number }[] };
    assert.deepEqual(
      body.results.map((r) => r.index),
      [0, 1],
    );
    assert.equal(loop.server.requests.length, 1);
    const req = loop.server.requests[0];
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, '/v2/rerank');
    assert.equal(req?.headers['content-type'], 'application/json');
    assert.equal(req?.headers.authorization, HEADERS.authorization);
    assert.equal(req?.raw, BODY);
  });

  describe('429', () => {
    it('honours Retry-After: 0 instead of its own backoff, and reports the retry', async () => {
      loop.server.script(fault.rateLimit(0));
      const { retries, onRetry } = collect();
      // Were Retry-After ignored, this backoff would wait 2 s and report delayMs 2000.
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts({ backoff: { baseMs: 4_000, capMs: 4_000 }, random: () => 0.5 }), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(loop.server.requests.length, 2);
      assert.deepEqual(retries, [{ attempt: 1, maxRetries: 5, delayMs: 0, status: 429, reason: 'rate limited' }]);
    });

    it('waits the Retry-After seconds (1 s) before the next attempt', async () => {
      // The wait is recorded and held open here; the HTTP-date test below proves the default one is a real timer.
      loop.server.script(fault.rateLimit(1));
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
      const result = postJson(loop.url, BODY, HEADERS, loop.opts(), { onRetry, sleep }).finally(() => (settled = true));
      await sleeping;
      await new Promise((resolve) => setTimeout(resolve, 50)); // room for a second request, were the wait not awaited
      assert.deepEqual(slept, [1_000]);
      assert.equal(retries[0]?.delayMs, 1_000);
      assert.equal(loop.server.requests.length, 1, 'a second request went out during the wait');
      assert.equal(settled, false);
      wake();
      const res = await result;
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(loop.server.requests.length, 2);
    });

    it('honours Retry-After given as an HTTP date', async () => {
      const date = new Date(Date.UTC(2030, 0, 1, 12, 0, 0)).toUTCString(); // "Tue, 01 Jan 2030 12:00:00 GMT"
      // The client's clock says it is 300 ms before that date: the wait must be exactly 300 ms.
      const clock = Date.parse(date) - 300;
      loop.server.script(fault.rateLimit(date));
      const { retries, onRetry } = collect();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts({ now: () => clock }), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.delayMs, 300);
      assert.equal(loop.server.requests[0]?.headers.authorization, HEADERS.authorization);
      const [first, second] = loop.server.requests;
      assert.ok(first && second && second.at - first.at >= 280, 'the client waited the date out');
    });

    it('backs off exponentially with jitter when there is no Retry-After', async () => {
      loop.server.script(fault.rateLimit(), fault.rateLimit(), fault.rateLimit());
      const { retries, onRetry } = collect();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts({ backoff: { baseMs: 4, capMs: 10 }, random: () => 0.5 }), { onRetry });
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
      loop.server.script(fault.rateLimit(0), fault.rateLimit(0), fault.rateLimit(0));
      const { retries, onRetry } = collect();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts({ maxRetries: 2 }), { onRetry });
      assert.equal(res.status, 429);
      assert.equal(res.attempts, 3);
      assert.equal(loop.server.requests.length, 3);
      assert.equal(retries.length, 2);
      assert.match(String((res.body as { message?: unknown }).message), /Trial key/);
    });
  });

  describe('retryable failures', () => {
    for (const status of [500, 502, 503, 504, 408]) {
      it(`retries ${status} and then succeeds`, async () => {
        loop.server.script(fault.status(status));
        const { retries, onRetry } = collect();
        const res = await postJson(loop.url, BODY, HEADERS, loop.opts(), { onRetry });
        assert.equal(res.status, 200);
        assert.equal(res.attempts, 2);
        assert.equal(loop.server.requests.length, 2);
        assert.equal(retries.length, 1);
        assert.equal(retries[0]?.status, status);
        assert.equal(retries[0]?.reason, status === 408 ? 'request timeout' : `server error ${status}`);
        assert.ok((retries[0]?.delayMs ?? -1) >= 0 && (retries[0]?.delayMs ?? 99) < 5);
      });
    }

    it('retries a connection reset', async () => {
      loop.server.script(fault.reset());
      const { retries, onRetry } = collect();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts(), { onRetry });
      assert.equal(res.status, 200);
      assert.equal(res.attempts, 2);
      assert.equal(loop.server.requests.length, 2);
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.status, undefined);
      assert.match(retries[0]?.reason ?? '', /^network error/);
    });

    it('fails with kind network once resets use up the retries', async () => {
      loop.server.script(fault.reset(), fault.reset());
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts({ maxRetries: 1 })));
      assert.equal(err.kind, 'network');
      assert.match(err.message, /network error/);
      assert.match(err.message, /after 2 attempts/);
      assert.equal(loop.server.requests.length, 2);
    });

    it('fails with kind network on a refused connection to this machine at once, naming the endpoint, without a retry', async () => {
      const closed = await startCohereServer();
      const port = closed.port;
      await closed.close();
      const { retries, onRetry } = collect();
      const err = await rejection(postJson(`http://127.0.0.1:${port}/v2/rerank`, BODY, HEADERS, loop.opts({ maxRetries: 3 }), { onRetry }));
      assert.equal(err.kind, 'network');
      assert.equal(err.message, `nothing answers at http://127.0.0.1:${port} (connection refused). Is the server running?`);
      assert.equal(retries.length, 0, 'a server that is not running is not asked again');
    });

    it('times out slow headers per attempt and retries', async () => {
      loop.server.script(fault.slowHeaders(60_000));
      const { retries, onRetry } = collect();
      const started = Date.now();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts({ timeoutMs: 200 }), { onRetry });
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
      loop.server.script(fault.stallBody());
      const { retries, onRetry } = collect();
      const started = Date.now();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts({ timeoutMs: 200 }), { onRetry });
      const elapsed = Date.now() - started;
      assert.equal(res.status, 200);
      assert.equal((res.body as { id?: string }).id, 'rerank-1', 'the answer is the second, complete one');
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.reason, 'no complete answer within 0.2 s');
      // Not before the 0.2 s timeout; the body itself never ends.
      assert.ok(elapsed >= 190 && elapsed < 10_000, `took ${elapsed} ms`);
    });

    it('fails with kind timeout when every attempt stalls', async () => {
      loop.server.script(fault.stallBody(), fault.slowHeaders(60_000));
      const started = Date.now();
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts({ timeoutMs: 200, maxRetries: 1 })));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /no complete answer within 0\.2 s \(after 2 attempts\)/);
      assert.equal(loop.server.requests.length, 2);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 10_000, `took ${elapsed} ms; the second answer would take 60 s`);
    });
  });

  describe('never retried', () => {
    for (const status of [400, 401, 402, 403, 404, 422, 498, 501]) {
      it(`${status} is returned after exactly one request`, async () => {
        loop.server.script(fault.status(status, `scripted ${status}`), fault.status(status));
        const { retries, onRetry } = collect();
        const res = await postJson(loop.url, BODY, HEADERS, loop.opts(), { onRetry });
        assert.equal(res.status, status);
        assert.equal(res.attempts, 1);
        assert.deepEqual(res.body, { message: `scripted ${status}` });
        assert.equal(loop.server.requests.length, 1);
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
        const err = await rejection(postJson(loop.url, BODY, { authorization: `Bearer ${key}` }, loop.opts({ secrets: [key] }), { onRetry }));
        assert.equal(err.kind, 'bad-input');
        assert.match(err.message, /the API key contains characters that cannot be sent in an HTTP header; paste it again/);
        assert.ok(!err.message.includes('co-FAKE'), 'the key is in the message');
        assert.equal(retries.length, 0);
        assert.equal(loop.server.requests.length, 0);
      });
    }
  });

  describe('reply bounds', () => {
    it('refuses 1 MB of nested arrays by its depth before parsing it, naming the endpoint', async () => {
      loop.server.script(fault.raw(200, '['.repeat(1024 * 1024)));
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts()));
      assert.equal(err.kind, 'bad-response');
      assert.equal(err.message, `the reply from 127.0.0.1:${loop.server.port}/v2/rerank nests deeper than 64 levels, which no rerank reply does; check the endpoint`);
      assert.equal(loop.server.requests.length, 1);
    });

    it('refuses a reply larger than the cap, naming the endpoint', async () => {
      loop.server.script(fault.raw(200, JSON.stringify({ results: [], pad: 'x'.repeat(MAX_RESPONSE_BYTES) })));
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts()));
      assert.equal(err.kind, 'bad-response');
      assert.match(err.message, new RegExp(`^the reply from 127\\.0\\.0\\.1:${loop.server.port}/v2/rerank is larger than 16 MB`));
    });
  });

  describe('cancellation and deadline', () => {
    it('an AbortSignal cancels a request in flight at once', async () => {
      // Headers and timeout both 60 s away: only the abort can end this sooner.
      loop.server.script(fault.slowHeaders(60_000));
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts({ timeoutMs: 60_000 }), { signal: controller.signal }));
      const elapsed = Date.now() - started;
      assert.equal(err.kind, 'cancelled');
      assert.ok(elapsed < 10_000, `cancelled after ${elapsed} ms`);
      assert.equal(loop.server.requests.length, 1);
    });

    it('an AbortSignal cancels a backoff wait at once', async () => {
      loop.server.script(fault.rateLimit(60));
      const controller = new AbortController();
      const { retries } = collect();
      const started = Date.now();
      const err = await rejection(
        postJson(loop.url, BODY, HEADERS, loop.opts(), {
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
      assert.equal(loop.server.requests.length, 1);
    });

    it('an already aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts(), { signal: controller.signal }));
      assert.equal(err.kind, 'cancelled');
      assert.equal(loop.server.requests.length, 0);
    });

    it("a signal aborted for the run's deadline ends an attempt with that reason, not as a cancel", async () => {
      loop.server.script(fault.slowHeaders(60_000), fault.slowHeaders(60_000));
      const controller = new AbortController();
      setTimeout(() => controller.abort(new RerankError('timeout', "the run's deadline of 0.3 s passed")), 300);
      const err = await rejection(postJson(loop.url, BODY, HEADERS, loop.opts({ timeoutMs: 60_000 }), { signal: controller.signal }));
      assert.equal(err.kind, 'timeout');
      assert.equal(err.message, "the run's deadline of 0.3 s passed");
      assert.equal(loop.server.requests.length, 1);
    });

    it('does not wait a Retry-After that would pass the deadline', async () => {
      loop.server.script(fault.rateLimit(60));
      const { retries, onRetry } = collect();
      const { slept, sleep } = recordSleep();
      const started = Date.now();
      const res = await postJson(loop.url, BODY, HEADERS, loop.opts(), { deadline: Date.now() + 10_000, onRetry, sleep });
      assert.equal(res.status, 429);
      assert.equal(res.attempts, 1);
      assert.equal(retries.length, 0);
      assert.deepEqual(slept, [], 'it waited (part of) a Retry-After that passes the deadline');
      // And no wait outside the injected sleep either: waiting up to the deadline would take 10 s.
      assert.ok(Date.now() - started < 5_000, `gave up after ${Date.now() - started} ms`);
    });
  });

});
}
