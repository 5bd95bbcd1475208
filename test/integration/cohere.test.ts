// CohereRanker and the engine's rerank() against a loopback Cohere-shaped server, through undici.

import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { rerank } from '../../src/core/engine';
import type { ErrorKind } from '../../src/core/errors';
import type { Candidate, RerankProgress, RetryInfo } from '../../src/core/types';
import { CohereRanker, type CohereOptions } from '../support/cohereRanker';
import { httpOptions, type HttpOptions } from '../../src/providers/http';
import { createDispatcher, undiciTransport } from '../../src/providers/undiciTransport';
import { rejection } from '../support/rejection';
import { fault, startCohereServer, wordOverlapScorer, type CohereServer, type Fault } from '../support/cohereServer';

const KEY = 'co-FAKE-test-key-9f8e7d6c5b4a';
const QUERY = 'how to retry a rate limited request';
const DOCS = [
  'bake bread at home', // 0: no overlap
  'retry a request when rate limited', // 1: 5/7
  'how to retry', // 2: 3/7
  'a request', // 3: 2/7
];

describe('integration: CohereRanker against a Cohere-shaped server', function () {
  let server: CohereServer;
  let dispatcher: Dispatcher;

  beforeEach(async () => {
    server = await startCohereServer({ apiKey: KEY });
    dispatcher = createDispatcher();
  });

  afterEach(async () => {
    await server.close();
    await dispatcher.destroy();
  });

  function http(partial: Partial<HttpOptions> = {}): HttpOptions {
    return httpOptions({ transport: undiciTransport(dispatcher), backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 2_000, ...partial });
  }

  function ranker(options: Partial<CohereOptions> = {}): CohereRanker {
    return new CohereRanker({ apiKey: KEY, endpoint: server.url, http: http(), ...options });
  }

  describe('the wire', () => {
    it('v2 (default): POST /v2/rerank with model, query, documents, top_n and the Bearer key', async () => {
      const r = ranker({ maxTokensPerDoc: 512 });
      assert.equal(r.provider, 'cohere');
      assert.equal(r.model, 'rerank-v3.5');
      const res = await r.rank(QUERY, DOCS, { topN: 3 });
      assert.equal(server.requests.length, 1);
      const req = server.requests[0];
      assert.equal(req?.path, '/v2/rerank');
      assert.equal(req?.headers.authorization, `Bearer ${KEY}`);
      assert.equal(req?.headers['content-type'], 'application/json');
      assert.deepEqual(req?.body, { model: 'rerank-v3.5', query: QUERY, documents: DOCS, top_n: 3, max_tokens_per_doc: 512 });
      assert.deepEqual(
        res.results.map((x) => x.index),
        [1, 2, 3],
      );
      assert.deepEqual(
        res.results.map((x) => x.score),
        [5 / 7, 3 / 7, 2 / 7],
      );
      assert.equal(res.requests, 1);
      assert.equal(res.retries, 0);
      assert.equal(res.billedUnits, 1);
    });

    it('v2 without topN or max tokens sends neither field', async () => {
      const res = await ranker({ model: 'rerank-english-v3.0' }).rank(QUERY, DOCS, {});
      assert.deepEqual(server.requests[0]?.body, { model: 'rerank-english-v3.0', query: QUERY, documents: DOCS });
      assert.equal(res.results.length, 4);
      assert.equal(res.results[3]?.index, 0);
    });

    it('v1: POST /v1/rerank with return_documents false and no max_tokens_per_doc', async () => {
      const r = ranker({ apiVersion: 'v1', maxTokensPerDoc: 512 });
      assert.equal(r.provider, 'cohere-v1');
      const res = await r.rank(QUERY, DOCS, { topN: 2 });
      const req = server.requests[0];
      assert.equal(req?.path, '/v1/rerank');
      assert.equal(req?.headers.authorization, `Bearer ${KEY}`);
      assert.deepEqual(req?.body, { model: 'rerank-v3.5', query: QUERY, documents: DOCS, top_n: 2, return_documents: false });
      assert.deepEqual(
        res.results.map((x) => x.index),
        [1, 2],
      );
    });

    it('a base URL with a path gets /v2/rerank appended', async () => {
      await ranker({ endpoint: `${server.url}/gateway/cohere/` }).rank(QUERY, DOCS, { topN: 1 });
      assert.equal(server.requests[0]?.path, '/gateway/cohere/v2/rerank');
    });

    it('a full URL ending in /rerank is used as given, whatever the version', async () => {
      await ranker({ endpoint: `${server.url}/my/gateway/rerank` }).rank(QUERY, DOCS, { topN: 1 });
      await ranker({ endpoint: `${server.url}/my/gateway/rerank`, apiVersion: 'v1' }).rank(QUERY, DOCS, { topN: 1 });
      await ranker({ endpoint: `${server.url}/v1/rerank` }).rank(QUERY, DOCS, { topN: 1 });
      assert.deepEqual(
        server.requests.map((r) => r.path),
        ['/my/gateway/rerank', '/my/gateway/rerank', '/v1/rerank'],
      );
      assert.equal(server.requests[1]?.body?.return_documents, false);
    });

    it('counts retries in requests and retries', async () => {
      server.script(fault.rateLimit(0), fault.status(503));
      const seen: RetryInfo[] = [];
      const res = await ranker().rank(QUERY, DOCS, { topN: 2, onRetry: (i) => seen.push(i) });
      assert.equal(res.requests, 3);
      assert.equal(res.retries, 2);
      assert.deepEqual(
        seen.map((s) => s.status),
        [429, 503],
      );
      assert.deepEqual(
        res.results.map((x) => x.index),
        [1, 2],
      );
    });

    it('a cancelled signal rejects with kind cancelled', async () => {
      // Headers and timeout both 60 s away: only the abort can end this sooner.
      server.script(fault.slowHeaders(60_000));
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const started = Date.now();
      const err = await rejection(ranker({ http: http({ timeoutMs: 60_000 }) }).rank(QUERY, DOCS, { signal: controller.signal }));
      assert.equal(err.kind, 'cancelled');
      const elapsed = Date.now() - started;
      assert.ok(elapsed < 10_000, `cancelled after ${elapsed} ms`);
    });
  });

  describe('errors by status', () => {
    const cases: { status: number; kind: ErrorKind; text: RegExp }[] = [
      { status: 400, kind: 'rejected', text: /rejected the request \(400\): scripted message/ },
      { status: 401, kind: 'auth', text: /rejected the API key \(401\): scripted message/ },
      { status: 402, kind: 'billing', text: /billing reasons \(402\): scripted message/ },
      { status: 403, kind: 'auth', text: /not authorized to rerank .* \(403\): scripted message/ },
      { status: 404, kind: 'rejected', text: /rejected the request \(404\): scripted message/ },
      { status: 422, kind: 'rejected', text: /rejected the request \(422\): scripted message/ },
      { status: 498, kind: 'blocked', text: /blocked the content of the request \(498\): scripted message/ },
      { status: 501, kind: 'server', text: /failed with 501 after 1 attempt: scripted message/ },
      // Statuses no rerank API documents: not "rejected" (which says the API refused this request).
      { status: 405, kind: 'unexpected-status', text: /answered with an unexpected status 405: scripted message\. Check that the endpoint and provider/ },
      { status: 409, kind: 'unexpected-status', text: /unexpected status 409: scripted message/ },
      { status: 415, kind: 'unexpected-status', text: /unexpected status 415: scripted message/ },
      { status: 499, kind: 'unexpected-status', text: /unexpected status 499: scripted message/ },
    ];
    for (const c of cases) {
      it(`${c.status} -> ${c.kind}, with the API's message, after one request`, async () => {
        server.script(fault.status(c.status, 'scripted message'));
        const err = await rejection(ranker().rank(QUERY, DOCS, { topN: 2 }));
        assert.equal(err.kind, c.kind);
        assert.equal(err.status, c.status);
        assert.match(err.message, c.text);
        assert.ok(err.message.includes(`127.0.0.1:${server.port}`), err.message);
        assert.equal(server.requests.length, 1);
      });
    }

    it('a wrong key gets the real 401 from the server', async () => {
      const err = await rejection(ranker({ apiKey: 'co-some-other-key-000' }).rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'auth');
      assert.equal(err.status, 401);
      assert.match(err.message, /invalid api token/);
      assert.equal(server.requests[0]?.headers.authorization, 'Bearer co-some-other-key-000');
    });

    it('429 after every retry -> rate-limited', async () => {
      server.script(fault.rateLimit(0), fault.rateLimit(0), fault.rateLimit(0));
      const err = await rejection(ranker({ http: http({ maxRetries: 2 }) }).rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'rate-limited');
      assert.equal(err.status, 429);
      assert.match(err.message, /after 3 attempts/);
      assert.equal(server.requests.length, 3);
    });

    it('408 after every retry -> timeout', async () => {
      server.script(fault.status(408, 'request took too long'), fault.status(408, 'request took too long'));
      const err = await rejection(ranker({ http: http({ maxRetries: 1 }) }).rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'timeout');
      assert.equal(err.status, 408);
      assert.match(err.message, /timed out waiting for the request \(408\) after 2 attempts: request took too long/);
      assert.equal(server.requests.length, 2);
    });

    it('5xx after every retry -> server', async () => {
      server.script(fault.status(502), fault.status(503), fault.status(500));
      const err = await rejection(ranker({ http: http({ maxRetries: 2 }) }).rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'server');
      assert.equal(err.status, 500);
      assert.match(err.message, /failed with 500 after 3 attempts/);
      assert.equal(server.requests.length, 3);
    });

    it('timeout after every retry -> timeout', async () => {
      server.script(fault.slowHeaders(2_000), fault.stallBody());
      const err = await rejection(ranker({ http: http({ maxRetries: 1, timeoutMs: 200 }) }).rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'timeout');
      assert.equal(server.requests.length, 2);
    });

    it('connection resets after every retry -> network', async () => {
      server.script(fault.reset(), fault.reset());
      const err = await rejection(ranker({ http: http({ maxRetries: 1 }) }).rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'network');
      assert.equal(server.requests.length, 2);
    });
  });

  describe('response validation', () => {
    const cases: { name: string; fault: Fault; text: RegExp }[] = [
      { name: 'malformed JSON', fault: fault.malformedJson(), text: /not a JSON object/ },
      { name: 'an out-of-range index', fault: fault.outOfRangeIndex(), text: /results\[0\]\.index is 9, expected an integer in 0\.\.3/ },
      { name: 'a duplicate index', fault: fault.duplicateIndex(), text: /index 0 appears more than once/ },
      { name: 'a non-finite score', fault: fault.nonFiniteScore(), text: /results\[0\]\.relevance_score is .*, expected a finite number/ },
      { name: 'no results', fault: fault.raw(200, '{"id":"x","meta":{}}'), text: /"results" is missing or not an array/ },
      { name: 'results not an array', fault: fault.raw(200, '{"results":{"0":{"index":0}}}'), text: /"results" is missing or not an array/ },
      { name: 'a bare array', fault: fault.raw(200, '[{"index":0,"relevance_score":0.5}]'), text: /"results" is missing or not an array/ },
      { name: 'a fractional index', fault: fault.raw(200, '{"results":[{"index":1.5,"relevance_score":0.5}]}'), text: /results\[0\]\.index is 1\.5/ },
      { name: 'a negative index', fault: fault.raw(200, '{"results":[{"index":-1,"relevance_score":0.5}]}'), text: /results\[0\]\.index is -1/ },
      { name: 'a string score', fault: fault.raw(200, '{"results":[{"index":0,"relevance_score":"0.5"}]}'), text: /relevance_score is "0\.5"/ },
      { name: 'an empty body', fault: fault.raw(200, ''), text: /not a JSON object/ },
    ];
    for (const c of cases) {
      it(`${c.name} -> bad-response, not retried`, async () => {
        server.script(c.fault);
        const err = await rejection(ranker().rank(QUERY, DOCS, { topN: 2 }));
        assert.equal(err.kind, 'bad-response');
        assert.match(err.message, /^bad response: /);
        assert.match(err.message, c.text);
        assert.equal(server.requests.length, 1);
      });
    }
  });

  it('a non-finite score is named as the number the server sent (Infinity), not "null"', async () => {
    server.script(fault.nonFiniteScore());
    const err = await rejection(ranker().rank(QUERY, DOCS, {}));
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /results\[0\]\.relevance_score is Infinity, expected a finite number/);
  });

  describe('the key never appears in an error', () => {
    const statuses = [400, 401, 403, 404, 422, 429, 498, 500];
    for (const status of statuses) {
      it(`when a ${status} echoes the Authorization header`, async () => {
        server.script(...Array.from({ length: 3 }, () => fault.echoAuth(status)));
        const err = await rejection(ranker({ http: http({ maxRetries: 1 }) }).rank(QUERY, DOCS, {}));
        // The server did echo it: otherwise this test would prove nothing.
        assert.equal(server.requests[0]?.headers.authorization, `Bearer ${KEY}`);
        assert.ok(!err.message.includes(KEY), err.message);
        assert.ok(!String(err.stack).includes(KEY), 'the stack holds the key');
        assert.match(err.message, /you sent Authorization: Bearer \[redacted\]/);
        assert.equal(err.status, status);
      });
    }

    it('when a non-JSON error body echoes the key', async () => {
      server.script(fault.raw(400, `<html>bad token ${KEY} for this route</html>`));
      const err = await rejection(ranker().rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'rejected');
      assert.ok(!err.message.includes(KEY), err.message);
      assert.match(err.message, /bad token \[redacted\] for this route/);
    });

    for (const [name, status, at, text] of [
      ['a non-JSON body', 400, 180, (pad: string) => `${pad}Bearer ${KEY} was refused`],
      ['a JSON message', 422, 490, (pad: string) => JSON.stringify({ message: `${pad}${KEY} was refused` })],
    ] as const) {
      it(`when ${name} echoes the key across the length the message is cut to`, async () => {
        server.script(fault.raw(status, text('.'.repeat(at))));
        const err = await rejection(ranker().rank(QUERY, DOCS, {}));
        assert.equal(err.status, status);
        // Not even its first characters: a cut key is still a leak.
        assert.ok(!err.message.includes(KEY.slice(0, 6)), 'a piece of the key is in the message');
      });
    }

    it('when a bad response echoes the key in a value the error shows', async () => {
      server.script(fault.raw(200, JSON.stringify({ results: [{ index: `Bearer ${KEY}`, relevance_score: 0.5 }] })));
      const err = await rejection(ranker().rank(QUERY, DOCS, {}));
      assert.equal(err.kind, 'bad-response');
      assert.ok(!err.message.includes(KEY.slice(0, 6)), 'a piece of the key is in the message');
      assert.match(err.message, /results\[0\]\.index is "Bearer \[redacted\]"/);
    });

    it('in network, timeout and bad-response errors', async () => {
      server.script(fault.reset(), fault.slowHeaders(1_000), fault.malformedJson());
      const r = ranker({ http: http({ maxRetries: 0, timeoutMs: 150 }) });
      const errors = [await rejection(r.rank(QUERY, DOCS, {})), await rejection(r.rank(QUERY, DOCS, {})), await rejection(r.rank(QUERY, DOCS, {}))];
      assert.deepEqual(
        errors.map((e) => e.kind),
        ['network', 'timeout', 'bad-response'],
      );
      for (const e of errors) assert.ok(!`${e.message}\n${String(e.stack)}`.includes(KEY));
    });
  });
});

describe('integration: rerank() with CohereRanker against the server', function () {
  const N = 2_500;
  /** A permutation of 0..N-1: every document has its own score, known in advance. */
  const scoreOf = (i: number) => ((i * 7_919) % N) / N;
  const docText = (i: number) => `doc ${i}`;
  const scorer = (_q: string, documents: readonly string[]) => documents.map((d) => scoreOf(Number(d.split(' ')[1])));
  const candidates: Candidate[] = Array.from({ length: N }, (_, i) => ({ id: `c${i}`, text: docText(i), source: { kind: 'input', index: i } }));

  let server: CohereServer;
  let dispatcher: Dispatcher;
  let failBatch2: Fault | undefined;

  beforeEach(async () => {
    failBatch2 = undefined;
    server = await startCohereServer({
      apiKey: KEY,
      scorer,
      behaviour: (req) => (Array.isArray(req.body?.documents) && req.body.documents[0] === docText(1_000) ? failBatch2 : undefined),
    });
    dispatcher = createDispatcher();
  });

  afterEach(async () => {
    await server.close();
    await dispatcher.destroy();
  });

  function ranker(partial: Partial<HttpOptions> = {}): CohereRanker {
    return new CohereRanker({
      apiKey: KEY,
      endpoint: server.url,
      http: httpOptions({ transport: undiciTransport(dispatcher), backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 5_000, ...partial }),
    });
  }

  function expectedTop(k: number): number[] {
    return Array.from({ length: N }, (_, i) => i)
      .sort((a, b) => scoreOf(b) - scoreOf(a) || a - b)
      .slice(0, k);
  }

  it('2,500 documents in batches of 1,000: 3 requests, merged by score, top-K correct', async () => {
    const run = await rerank('find the best', candidates, ranker(), { topK: 15, batchSize: 1_000 });
    assert.equal(server.requests.length, 3);
    const batches = server.requests
      .map((r) => r.body?.documents as string[])
      .sort((a, b) => Number((a[0] ?? '').split(' ')[1]) - Number((b[0] ?? '').split(' ')[1]));
    assert.deepEqual(
      batches.map((b) => [b.length, b[0], b[b.length - 1]]),
      [
        [1_000, 'doc 0', 'doc 999'],
        [1_000, 'doc 1000', 'doc 1999'],
        [500, 'doc 2000', 'doc 2499'],
      ],
    );
    assert.ok(server.requests.every((r) => r.body?.top_n === 15 && r.path === '/v2/rerank'));
    assert.deepEqual(
      run.items.map((i) => i.index),
      expectedTop(15),
    );
    assert.deepEqual(
      run.items.map((i) => i.rank),
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    for (const item of run.items) {
      assert.equal(item.score, scoreOf(item.index));
      assert.equal(item.candidate.id, `c${item.index}`);
    }
    assert.equal(run.provider, 'cohere');
    assert.equal(run.merge, 'score');
    assert.equal(run.candidateCount, N);
    assert.deepEqual(run.stats, { requests: 3, retries: 0, batches: 3, billedUnits: 3 });
  });

  it('a retried batch counts its retries and still merges correctly', async () => {
    server.script(fault.rateLimit(0), fault.reset());
    const progress: RerankProgress[] = [];
    const run = await rerank('q', candidates, ranker(), { topK: 5, batchSize: 1_000, concurrency: 1 }, undefined, (p) => progress.push(p));
    assert.equal(server.requests.length, 5);
    assert.deepEqual(run.stats, { requests: 5, retries: 2, batches: 3, billedUnits: 3 });
    assert.deepEqual(
      run.items.map((i) => i.index),
      expectedTop(5),
    );
    const retries = progress.filter((p) => p.type === 'retry');
    assert.equal(retries.length, 2);
    assert.deepEqual(
      progress.filter((p) => p.type === 'batch').map((p) => (p.type === 'batch' ? p.done : -1)),
      [1, 2, 3],
    );
  });

  it('a batch that fails after its retries fails the run, naming the batch', async () => {
    failBatch2 = fault.status(503, 'overloaded');
    const err = await rejection(rerank('q', candidates, ranker({ maxRetries: 2 }), { topK: 5, batchSize: 1_000, concurrency: 1 }));
    assert.equal(err.kind, 'server');
    assert.equal(err.status, 503);
    assert.match(err.message, /^batch 2\/3 \(candidates 1001-2000\): /);
    assert.match(err.message, /failed with 503 after 3 attempts: overloaded/);
    const batch2 = server.requests.filter((r) => (r.body?.documents as string[])[0] === 'doc 1000');
    assert.equal(batch2.length, 3);
    // Batch 3 was never sent: the run stopped at the failure.
    assert.equal(server.requests.filter((r) => (r.body?.documents as string[])[0] === 'doc 2000').length, 0);
  });

  it('a non-retryable failure in a batch fails the run at once, naming the batch', async () => {
    failBatch2 = fault.status(422, 'too many tokens');
    const err = await rejection(rerank('q', candidates, ranker(), { topK: 5, batchSize: 1_000 }));
    assert.equal(err.kind, 'rejected');
    assert.match(err.message, /^batch 2\/3 \(candidates 1001-2000\): .*\(422\): too many tokens/);
    assert.equal(server.requests.filter((r) => (r.body?.documents as string[])[0] === 'doc 1000').length, 1);
  });

  it('a bad response in a batch fails the run, naming the batch', async () => {
    failBatch2 = fault.duplicateIndex();
    const err = await rejection(rerank('q', candidates, ranker(), { topK: 5, batchSize: 1_000, concurrency: 1 }));
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /^batch 2\/3 \(candidates 1001-2000\): bad response: index 0 appears more than once/);
  });

  it('the default word-overlap scorer ranks a small set through the engine', async () => {
    await server.close();
    server = await startCohereServer({ apiKey: KEY, scorer: wordOverlapScorer });
    const docs: Candidate[] = DOCS.map((text, i) => ({ id: String(i), text, source: { kind: 'input', index: i } }));
    const run = await rerank(QUERY, docs, ranker(), { topK: 3 });
    assert.deepEqual(
      run.items.map((i) => [i.index, i.score]),
      [
        [1, 5 / 7],
        [2, 3 / 7],
        [3, 2 / 7],
      ],
    );
    assert.deepEqual(run.stats, { requests: 1, retries: 0, batches: 1, billedUnits: 1 });
  });
});
