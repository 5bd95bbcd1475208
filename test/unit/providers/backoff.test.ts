import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { MockAgent } from 'undici';
import { DEFAULT_BACKOFF, RETRYABLE_STATUSES, backoffDelay, parseRetryAfter } from '../../../src/providers/backoff';
import { httpOptions, postJson, sleep, type JsonResponse } from '../../../src/providers/http';
import { undiciTransport } from '../../../src/providers/undiciTransport';
import type { RetryInfo } from '../../../src/core/types';

describe('retry policy', () => {
  it('retries exactly 408, 429, 500, 502, 503 and 504', () => {
    assert.deepEqual([...RETRYABLE_STATUSES].sort(), [408, 429, 500, 502, 503, 504]);
  });

  describe('parseRetryAfter', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    it('reads delta-seconds', () => {
      assert.equal(parseRetryAfter('4', now), 4000);
      assert.equal(parseRetryAfter(' 0 ', now), 0);
      assert.equal(parseRetryAfter('1.5', now), 1500);
    });
    it('reads an HTTP date', () => {
      assert.equal(parseRetryAfter('Thu, 26 Nov 2026 12:00:07 GMT', now), 7000);
    });
    it('treats a date in the past as no wait', () => {
      assert.equal(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now), 0);
    });
    it('ignores what it cannot read', () => {
      assert.equal(parseRetryAfter(undefined, now), undefined);
      assert.equal(parseRetryAfter('soon', now), undefined);
      assert.equal(parseRetryAfter('-3', now), undefined);
    });
  });

  describe('backoffDelay (full jitter)', () => {
    it('doubles the ceiling from 1 s and caps it at 30 s', () => {
      const ceiling = (retry: number) => backoffDelay(retry, DEFAULT_BACKOFF, () => 0.999999) + 1;
      assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 10].map(ceiling), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    });
    it('draws uniformly below the ceiling', () => {
      assert.equal(backoffDelay(2, DEFAULT_BACKOFF, () => 0), 0);
      assert.equal(backoffDelay(2, DEFAULT_BACKOFF, () => 0.5), 2000);
    });
  });
});

// The waits between retries, on sinon's fake clock: no test sleeps for real. The wire itself is
// undici's MockAgent here (a part of undici); the real HTTP stack is exercised in test/integration.
describe('postJson waits (fake timers)', () => {
  let clock: sinon.SinonFakeTimers;
  let agent: MockAgent;
  const origin = 'http://127.0.0.1:9';

  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.parse('2026-11-26T12:00:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(async () => {
    clock.restore();
    await agent.close();
  });

  function reply(status: number, headers: Record<string, string> = {}, times = 1): void {
    agent.get(origin).intercept({ path: '/v2/rerank', method: 'POST' }).reply(status, { message: 'x' }, { headers }).times(times);
  }

  it('waits exactly Retry-After seconds before the next attempt', async () => {
    reply(429, { 'retry-after': '4' });
    reply(200);
    const retries: RetryInfo[] = [];
    let settled = false;
    const call = postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent) }), { onRetry: (r) => retries.push(r) }).finally(() => (settled = true));
    await clock.tickAsync(3_999);
    assert.equal(settled, false);
    assert.deepEqual(retries, [{ attempt: 1, maxRetries: 5, delayMs: 4000, status: 429, reason: 'rate limited' }]);
    await clock.tickAsync(1);
    const response = await call;
    assert.equal(response.status, 200);
    assert.equal(response.attempts, 2);
  });

  it('reads Retry-After as an HTTP date', async () => {
    reply(503, { 'retry-after': new Date(Date.now() + 9_000).toUTCString() });
    reply(200);
    const retries: RetryInfo[] = [];
    const call = postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent) }), { onRetry: (r) => retries.push(r) });
    await clock.tickAsync(9_000);
    assert.equal((await call).status, 200);
    assert.equal(retries[0]?.delayMs, 9000);
  });

  it('backs off exponentially with jitter when there is no Retry-After', async () => {
    reply(500, {}, 3);
    reply(200);
    const delays: number[] = [];
    const call = postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent), random: () => 0.5 }), { onRetry: (r) => delays.push(r.delayMs) });
    await clock.tickAsync(500 + 1000 + 2000);
    assert.equal((await call).attempts, 4);
    assert.deepEqual(delays, [500, 1000, 2000]);
  });

  it('gives up after maxRetries and returns the last answer', async () => {
    reply(429, { 'retry-after': '1' }, 3);
    const call = postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent), maxRetries: 2 }));
    await clock.tickAsync(2_000);
    const response = await call;
    assert.equal(response.status, 429);
    assert.equal(response.attempts, 3);
  });

  it("does not wait past the run's deadline", async () => {
    reply(429, { 'retry-after': '120' });
    const retries: RetryInfo[] = [];
    const response = await postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent) }), { deadline: Date.now() + 60_000, onRetry: (r) => retries.push(r) });
    assert.equal(response.status, 429);
    assert.equal(retries.length, 0);
  });

  it('never retries 400, 401, 402, 403, 404, 422, 498 or 501', async () => {
    for (const status of [400, 401, 402, 403, 404, 422, 498, 501]) {
      reply(status);
      const response = await postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent) }));
      assert.equal(response.status, status);
      assert.equal(response.attempts, 1, `status ${status}`);
    }
  });

  it('cancels a backoff wait at once', async () => {
    reply(429, { 'retry-after': '30' });
    const controller = new AbortController();
    const call = postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent) }), { signal: controller.signal, onRetry: () => controller.abort() });
    await assert.rejects(call, (err: Error & { kind?: string }) => err.kind === 'cancelled');
  });

  // Node (and sinon's clock, which copies it) fires a timer of more than 2^31-1 ms after 1 ms.
  describe('times longer than a timer can hold', () => {
    const TOO_LONG = 2 ** 31 + 10_000;

    /** The status answered, or the error's message: a failure shows in the assertion, not as a rejection. */
    function statusOrError(call: Promise<JsonResponse>): Promise<number | string> {
      return call.then(
        (response) => response.status,
        (err: Error) => err.message,
      );
    }

    it('a per-attempt timeout over 2^31-1 ms still waits for a slow answer', async () => {
      agent.get(origin).intercept({ path: '/v2/rerank', method: 'POST' }).reply(200, { results: [] }).delay(10_000);
      const outcome = statusOrError(postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent), timeoutMs: TOO_LONG, maxRetries: 0 }), { deadline: Date.now() + TOO_LONG }));
      await clock.tickAsync(10_000);
      assert.equal(await outcome, 200);
    });

    it('a deadline over 2^31-1 ms does not turn a Retry-After of 35 days into a retry at once', async () => {
      reply(429, { 'retry-after': String(35 * 24 * 3600) });
      reply(200);
      const retries: RetryInfo[] = [];
      const outcome = statusOrError(postJson(`${origin}/v2/rerank`, '{}', {}, httpOptions({ transport: undiciTransport(agent) }), { deadline: Date.now() + 2 ** 33, onRetry: (r) => retries.push(r) }));
      await clock.tickAsync(10);
      assert.equal(await outcome, 429);
      assert.equal(retries.length, 0);
    });
  });

  it('sleep resolves after its time and rejects at once on abort', async () => {
    let done = false;
    const s = sleep(1000).then(() => (done = true));
    await clock.tickAsync(999);
    assert.equal(done, false);
    await clock.tickAsync(1);
    await s;
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, /cancelled/);
  });
});
