import * as assert from 'node:assert/strict';
import { Agent } from 'undici';
import { rerank } from '../../src/core/engine';
import { RerankError } from '../../src/core/errors';
import type { Candidate } from '../../src/core/types';
import { createRanker, type ProviderName } from '../../src/providers/index';
import { undiciTransport } from '../../src/providers/undiciTransport';
import { PROFILE_NAMES } from '../../src/providers/profiles';
import { startJsonServer, type JsonRequest, type JsonServer } from '../support/jsonServer';

// Each provider's API as its documentation shows it (sources cited in src/providers/profiles.ts),
// written here independently of the profile table, so a wrong row fails a test.

interface DocumentedApi {
  provider: ProviderName;
  path: string;
  documentsField: string;
  topNField?: string;
  /** The success body for results already ranked best first. */
  answer: (ranked: { index: number; score: number }[], body: Record<string, unknown>) => unknown;
  /** The error body for a message. */
  error: (message: string) => unknown;
  /** The most documents the server takes; more gets `tooMany`. */
  maxDocuments: number;
  tooMany?: (count: number) => { status: number; json: unknown };
  /** Scores are raw logits (may be negative) rather than probabilities. */
  logits?: boolean;
  hosted: boolean;
}

const APIS: DocumentedApi[] = [
  {
    provider: 'jina',
    path: '/v1/rerank',
    documentsField: 'documents',
    topNField: 'top_n',
    answer: (ranked, body) => ({ model: body.model, usage: { total_tokens: 42 }, results: ranked.map((r) => ({ index: r.index, relevance_score: r.score })) }),
    error: (message) => ({ detail: { message, code: 422 } }),
    maxDocuments: 1000,
    hosted: true,
  },
  {
    provider: 'voyage',
    path: '/v1/rerank',
    documentsField: 'documents',
    topNField: 'top_k',
    answer: (ranked, body) => ({ object: 'list', data: ranked.map((r) => ({ relevance_score: r.score, index: r.index })), model: body.model, usage: { total_tokens: 42 } }),
    error: (message) => ({ detail: message }),
    maxDocuments: 1000,
    hosted: true,
  },
  {
    provider: 'mixedbread',
    path: '/v1/reranking',
    documentsField: 'input',
    topNField: 'top_k',
    answer: (ranked, body) => ({ model: body.model, object: 'list', top_k: body.top_k, return_input: false, data: ranked.map((r) => ({ index: r.index, score: r.score, object: 'rank_result' })), usage: { total_tokens: 42 } }),
    error: (message) => ({ detail: message }),
    maxDocuments: 1000,
    hosted: true,
  },
  {
    provider: 'together',
    path: '/v1/rerank',
    documentsField: 'documents',
    topNField: 'top_n',
    answer: (ranked, body) => ({ object: 'rerank', id: 'r-1', model: body.model, results: ranked.map((r) => ({ index: r.index, relevance_score: r.score, document: {} })), usage: { total_tokens: 42 } }),
    error: (message) => ({ error: { message, type: 'invalid_request_error' } }),
    maxDocuments: 1000,
    hosted: true,
  },
  {
    provider: 'tei',
    path: '/rerank',
    documentsField: 'texts',
    answer: (ranked) => ranked.map((r) => ({ index: r.index, score: r.score })),
    error: (message) => ({ error: message, error_type: 'validation' }),
    maxDocuments: 32,
    tooMany: (count) => ({ status: 413, json: { error: `batch size ${count} > maximum allowed batch size 32`, error_type: 'validation' } }),
    hosted: false,
  },
  {
    provider: 'vllm',
    path: '/v1/rerank',
    documentsField: 'documents',
    topNField: 'top_n',
    answer: (ranked, body) => ({ id: 'rerank-1', model: body.model ?? 'BAAI/bge-reranker-v2-m3', usage: { total_tokens: 42 }, results: ranked.map((r) => ({ index: r.index, document: { text: '' }, relevance_score: r.score })) }),
    error: (message) => ({ error: { message, type: 'BadRequestError', param: null, code: 400 } }),
    maxDocuments: 1000,
    hosted: false,
  },
  {
    provider: 'infinity',
    path: '/rerank',
    documentsField: 'documents',
    topNField: 'top_n',
    answer: (ranked, body) => ({ object: 'rerank', results: ranked.map((r) => ({ relevance_score: r.score, index: r.index })), model: body.model ?? 'default/not-specified', usage: { prompt_tokens: 1, total_tokens: 1 }, id: 'infinity-1', created: 0 }),
    error: (message) => ({ error: { message, type: 'BadRequestError', param: null, code: 400 } }),
    maxDocuments: 2048,
    hosted: false,
  },
  {
    provider: 'llama-cpp',
    path: '/v1/rerank',
    documentsField: 'documents',
    topNField: 'top_n',
    answer: (ranked, body) => ({ model: body.model ?? 'bge-reranker', object: 'list', usage: { prompt_tokens: 1, total_tokens: 1 }, results: ranked.map((r) => ({ index: r.index, relevance_score: r.score })) }),
    error: (message) => ({ error: { code: 400, message, type: 'invalid_request_error' } }),
    maxDocuments: 1000,
    logits: true,
    hosted: false,
  },
];

const KEY = 'test-key-profiles-7f3a9c';

/** Word overlap with the query: a probability-like score, or a logit (overlap - 3) for llama.cpp. */
function score(api: DocumentedApi, query: string, text: string): number {
  const words = new Set(query.toLowerCase().split(/\W+/).filter(Boolean));
  const overlap = text.toLowerCase().split(/\W+/).filter((w) => words.has(w)).length;
  return api.logits ? overlap - 3 : overlap / (overlap + 1);
}

function documentedServer(api: DocumentedApi): Promise<JsonServer> {
  return startJsonServer((req: JsonRequest) => {
    if (req.path !== api.path) return { status: 404, json: api.error(`no route ${req.path}`) };
    if (api.hosted && req.headers.authorization !== `Bearer ${KEY}`) return { status: 401, json: api.error('invalid api key') };
    const docs = req.body[api.documentsField];
    if (!Array.isArray(docs) || !docs.every((d) => typeof d === 'string')) return { status: 422, json: api.error(`"${api.documentsField}" must be a list of strings`) };
    if (docs.length > api.maxDocuments) return api.tooMany?.(docs.length) ?? { status: 400, json: api.error(`too many documents: ${docs.length}`) };
    const query = String(req.body.query);
    const ranked = docs.map((d, index) => ({ index, score: score(api, query, d) })).sort((a, b) => b.score - a.score || a.index - b.index);
    const topN = api.topNField ? req.body[api.topNField] : undefined;
    return { json: api.answer(typeof topN === 'number' ? ranked.slice(0, topN) : ranked, req.body) };
  });
}

function candidates(texts: string[]): Candidate[] {
  return texts.map((text, index) => ({ id: String(index), text, source: { kind: 'input', index } }));
}

const DOCS = ['cats purr on the sofa', 'retry the request after a rate limit', 'rate limit headers', 'bread and soup'];

describe('integration: provider profiles against servers that speak each documented shape', () => {
  const dispatcher = new Agent();
  const transport = undiciTransport(dispatcher);
  after(() => dispatcher.close());

  it('cover every profile but Cohere\'s (test/integration/cohere.test.ts has those): a new provider needs its documented shape here', () => {
    assert.deepEqual(APIS.map((a) => a.provider).sort(), PROFILE_NAMES.filter((p) => !p.startsWith('cohere')).sort());
  });

  for (const api of APIS) {
    describe(api.provider, () => {
      let server: JsonServer;
      beforeEach(async () => (server = await documentedServer(api)));
      afterEach(() => server.close());
      const ranker = (extra: { model?: string; maxRetries?: number } = {}) =>
        createRanker({ provider: api.provider, endpoint: server.url, ...(api.hosted ? { apiKey: KEY } : {}), ...extra, http: { transport, maxRetries: extra.maxRetries ?? 0 } });

      it(`sends ${api.path} with "${api.documentsField}"${api.topNField ? ` and "${api.topNField}"` : ''} and reads the answer`, async () => {
        const run = await rerank('rate limit retry', candidates(DOCS), ranker(), { topK: 2 });
        assert.deepEqual(run.items.map((i) => i.index), [1, 2]);
        assert.equal(server.requests.length, 1);
        const body = server.requests[0]?.body ?? {};
        assert.equal(body.query, 'rate limit retry');
        assert.deepEqual(body[api.documentsField], DOCS);
        if (api.topNField) assert.equal(body[api.topNField], 2);
        assert.equal(run.provider, api.provider);
      });

      it(api.hosted ? 'sends the key as a Bearer token' : 'sends no Authorization header without a key', async () => {
        await ranker().rank('q', ['a'], {});
        assert.equal(server.requests[0]?.headers.authorization, api.hosted ? `Bearer ${KEY}` : undefined);
      });

      it("reports the API's own error message", async () => {
        await assert.rejects(ranker().rank('q', [3, 4] as unknown as string[], {}), (err: unknown) => {
          assert.ok(err instanceof RerankError);
          assert.equal(err.kind, 'rejected');
          assert.match(err.message, new RegExp(`"${api.documentsField}" must be a list of strings`));
          return true;
        });
      });

      it(`keeps every request within ${api.maxDocuments} documents`, async () => {
        const many = Array.from({ length: api.maxDocuments * 2 + 1 }, (_, i) => (i === api.maxDocuments + 5 ? 'rate limit retry' : `filler ${i}`));
        const run = await rerank('rate limit retry', candidates(many), ranker(), { topK: 3 });
        assert.equal(run.items[0]?.index, api.maxDocuments + 5);
        assert.ok(server.requests.every((r) => (r.body[api.documentsField] as unknown[]).length <= api.maxDocuments));
        assert.equal(run.stats.batches, 3);
      });

      if (api.logits) {
        it('keeps raw logits as they are and marks them as logits', async () => {
          const run = await rerank('rate limit', candidates(DOCS), ranker(), { topK: 4 });
          assert.equal(run.scoreKind, 'logit');
          assert.deepEqual(run.items.map((i) => i.score), [-1, -1, -3, -3]);
        });
      }
    });
  }

  describe('tei: a server with a smaller batch limit than the default', () => {
    let server: JsonServer;
    const tei = APIS.find((a) => a.provider === 'tei') as DocumentedApi;
    before(async () => (server = await documentedServer({ ...tei, maxDocuments: 8, tooMany: (n) => ({ status: 413, json: { error: `batch size ${n} > maximum allowed batch size 8`, error_type: 'validation' } }) })));
    after(() => server.close());

    it("lowers the batch size on 413 and ranks every document", async () => {
      const texts = Array.from({ length: 40 }, (_, i) => (i === 33 ? 'rate limit retry' : `filler ${i}`));
      const ranker = createRanker({ provider: 'tei', endpoint: server.url, http: { transport, maxRetries: 0 } });
      const run = await rerank('rate limit retry', candidates(texts), ranker, { topK: 40, concurrency: 1 });
      assert.equal(run.items.length, 40);
      assert.equal(run.items[0]?.index, 33);
      const sizes = server.requests.map((r) => (r.body.texts as unknown[]).length);
      assert.deepEqual(sizes.slice(0, 3), [32, 16, 8], 'halves until the server accepts');
      assert.ok(sizes.slice(2).every((n) => n <= 8));
    });
  });

  describe('voyage: the token budget per request', () => {
    let server: JsonServer;
    const voyage = APIS.find((a) => a.provider === 'voyage') as DocumentedApi;
    before(async () => (server = await documentedServer(voyage)));
    after(() => server.close());

    it('splits 1,000 documents that fit the document cap but not query tokens x documents + document tokens', async () => {
      // A long query counts once per document: ~1,000 documents x (query + document) > 600K tokens.
      const query = 'rate limit retry '.repeat(300);
      const texts = Array.from({ length: 1000 }, (_, i) => `document ${i} `.repeat(40));
      const ranker = createRanker({ provider: 'voyage', endpoint: server.url, apiKey: KEY, http: { transport, maxRetries: 0 } });
      assert.deepEqual(ranker.limits.tokenBudget, { maxTokensPerRequest: 600_000, queryCountsPerDocument: true });
      const run = await rerank(query, candidates(texts), ranker, { topK: 5 });
      assert.ok(server.requests.length >= 2, `${server.requests.length} requests`);
      assert.equal(server.requests.reduce((n, r) => n + (r.body.documents as unknown[]).length, 0), 1000);
      assert.equal(run.items.length, 5);
    });

    it('uses the 100K budget of rerank-1', () => {
      const ranker = createRanker({ provider: 'voyage', endpoint: server.url, apiKey: KEY, model: 'rerank-1', http: { transport } });
      assert.equal(ranker.limits.tokenBudget?.maxTokensPerRequest, 100_000);
    });
  });

  describe('jina: the listwise jina-reranker-v3', () => {
    it('declares 64 documents a request and scores that do not compare across requests', () => {
      const ranker = createRanker({ provider: 'jina', apiKey: KEY, model: 'jina-reranker-v3', http: { transport: undiciTransport(new Agent()) } });
      assert.equal(ranker.limits.maxDocumentsPerRequest, 64);
      assert.equal(ranker.limits.scoresComparable, false);
    });
  });

  describe('self-hosted profiles', () => {
    it('ask for an endpoint rather than guessing one', () => {
      assert.throws(() => createRanker({ provider: 'tei', http: { transport: undiciTransport(new Agent()) } }), /provider tei is self-hosted: give the server's URL as the endpoint/);
    });
  });
});
