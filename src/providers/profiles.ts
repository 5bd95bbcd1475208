// One profile per rerank API shape: where to POST, what the fields are called, what the limits
// are, and how the scores may be read. Each row cites the provider's own documentation or source.
// Adding a provider starts with a row here; docs/ARCHITECTURE.md lists the rest and its tests.

import { RerankError } from '../core/errors';
import type { RankerLimits } from '../core/types';
import { COHERE_RESPONSE, type ResponseShape } from './wire';

export type ProfileName = 'cohere' | 'cohere-v1' | 'jina' | 'voyage' | 'mixedbread' | 'together' | 'tei' | 'vllm' | 'infinity' | 'llama-cpp';

export interface ProviderProfile {
  name: ProfileName;
  /** Hosted APIs have one; self-hosted servers need the user's URL. */
  defaultBaseUrl?: string;
  /** Appended to a base URL; a URL already ending in it (or in /rerank) is used as given. */
  path: string;
  defaultModel?: string;
  /** Environment variables the CLI reads the key from, after RERANK_API_KEY. */
  keyEnv: readonly string[];
  keyRequired: boolean;
  request: {
    documents: string;
    /** Omitted for servers that take no model (TEI serves one). */
    model?: string;
    topN?: string;
    maxTokensPerDoc?: string;
    /** Sent with every request: ask for no echoed documents, normalized scores, etc. */
    fixed?: Record<string, unknown>;
  };
  response: ResponseShape;
  /** Paths to the API's own message in an error body, tried in order. */
  errorMessage: readonly (readonly string[])[];
  limits: RankerLimits;
  /** Limits that depend on the model: Voyage's token budgets, Jina v3 being listwise. */
  limitsFor?: (model: string) => Partial<RankerLimits>;
  headers?: Record<string, string>;
  billedUnits?: (body: unknown) => number | undefined;
}

const MESSAGE = [['message'], ['detail', 'message'], ['detail'], ['error', 'message'], ['error']] as const;
const DATA_SCORE: ResponseShape = { list: 'data', index: 'index', score: 'score' };
const DATA_RELEVANCE: ResponseShape = { list: 'data', index: 'index', score: 'relevance_score' };

/** Pointwise cross-encoders: each document is scored on its own, so any two scores compare. */
const pointwise = (maxDocumentsPerRequest: number, scoreKind: RankerLimits['scoreKind'] = 'probability'): RankerLimits => ({
  maxDocumentsPerRequest,
  scoresComparable: true,
  scoreKind,
});

function cohereBilledUnits(body: unknown): number | undefined {
  const units = (body as { meta?: { billed_units?: { search_units?: unknown } } } | undefined)?.meta?.billed_units?.search_units;
  return typeof units === 'number' && Number.isFinite(units) ? units : undefined;
}

export const PROFILES: Readonly<Record<ProfileName, ProviderProfile>> = {
  // https://docs.cohere.com/v2/reference/rerank : POST /v2/rerank {model (required), query, documents,
  // top_n, max_tokens_per_doc} -> {id, results: [{index, relevance_score}] best first,
  // meta.billed_units.search_units}; scores normalized to [0, 1]; 1,000 documents per request
  // recommended. Errors {message}: https://docs.cohere.com/reference/errors. Key variable CO_API_KEY
  // in cohere-python; COHERE_API_KEY in Cohere's guides.
  cohere: {
    name: 'cohere',
    defaultBaseUrl: 'https://api.cohere.com',
    path: '/v2/rerank',
    defaultModel: 'rerank-v3.5',
    keyEnv: ['COHERE_API_KEY', 'CO_API_KEY'],
    keyRequired: true,
    request: { documents: 'documents', model: 'model', topN: 'top_n', maxTokensPerDoc: 'max_tokens_per_doc' },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
    headers: { 'x-client-name': 'vscode-rerank' },
    billedUnits: cohereBilledUnits,
  },
  // https://docs.cohere.com/v1/reference/rerank : POST /v1/rerank {model, query, documents, top_n,
  // return_documents, max_chunks_per_doc}; same answer as v2.
  'cohere-v1': {
    name: 'cohere-v1',
    defaultBaseUrl: 'https://api.cohere.com',
    path: '/v1/rerank',
    defaultModel: 'rerank-v3.5',
    keyEnv: ['COHERE_API_KEY', 'CO_API_KEY'],
    keyRequired: true,
    request: { documents: 'documents', model: 'model', topN: 'top_n', fixed: { return_documents: false } },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
    headers: { 'x-client-name': 'vscode-rerank' },
    billedUnits: cohereBilledUnits,
  },
  // https://jina.ai/reranker/ (API reference): POST https://api.jina.ai/v1/rerank {model, query,
  // documents, top_n, return_documents} -> {model, usage, results: [{index, relevance_score}]};
  // errors {detail: {message, code}}. jina-reranker-v2 is a pointwise cross-encoder (its Hugging Face
  // model card); jina-reranker-v3 is listwise, 64 documents in one window
  // (https://jina.ai/models/jina-reranker-v3), so its scores do not compare across requests.
  jina: {
    name: 'jina',
    defaultBaseUrl: 'https://api.jina.ai',
    path: '/v1/rerank',
    defaultModel: 'jina-reranker-v2-base-multilingual',
    keyEnv: ['JINA_API_KEY'],
    keyRequired: true,
    request: { documents: 'documents', model: 'model', topN: 'top_n', fixed: { return_documents: false } },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
    limitsFor: (model) => (/reranker-v3/.test(model) ? { maxDocumentsPerRequest: 64, scoresComparable: false } : {}),
  },
  // https://docs.voyageai.com/reference/reranker-api : POST https://api.voyageai.com/v1/rerank {query,
  // documents, model, top_k, return_documents, truncation} -> {object, data: [{index, relevance_score}],
  // model, usage}; at most 1,000 documents; query tokens x documents + document tokens <= 600K for
  // rerank-2.5, rerank-2.5-lite, rerank-2 and rerank-2-lite. For rerank-1 and rerank-lite-1 the page
  // says 300K but the API answered Continue's users "The max allowed tokens per submitted batch is
  // 100000" (continuedev/continue#1848), so 100K. Errors {detail} (voyageai-python api_requestor.py).
  voyage: {
    name: 'voyage',
    defaultBaseUrl: 'https://api.voyageai.com',
    path: '/v1/rerank',
    defaultModel: 'rerank-2.5',
    keyEnv: ['VOYAGE_API_KEY'],
    keyRequired: true,
    request: { documents: 'documents', model: 'model', topN: 'top_k', fixed: { return_documents: false, truncation: true } },
    response: DATA_RELEVANCE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
    limitsFor: (model) => ({
      tokenBudget: { maxTokensPerRequest: /^rerank-(lite-)?1$/.test(model) ? 100_000 : 600_000, queryCountsPerDocument: true },
    }),
  },
  // https://www.mixedbread.com/api-reference/endpoints/reranking : POST https://api.mixedbread.com/v1/reranking
  // {model, query, input (1-1,000 items), top_k, return_input} -> {model, object, data: [{index, score}],
  // usage}; key variable MXBAI_API_KEY (mixedbread-python _client.py).
  mixedbread: {
    name: 'mixedbread',
    defaultBaseUrl: 'https://api.mixedbread.com',
    path: '/v1/reranking',
    defaultModel: 'mixedbread-ai/mxbai-rerank-large-v2',
    keyEnv: ['MXBAI_API_KEY'],
    keyRequired: true,
    request: { documents: 'input', model: 'model', topN: 'top_k', fixed: { return_input: false } },
    response: DATA_SCORE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
  },
  // https://docs.together.ai/reference/rerank-1 : POST https://api.together.xyz/v1/rerank {model, query,
  // documents, top_n, return_documents} -> {object, id, model, results: [{index, relevance_score}], usage};
  // "Cohere compatible" (https://docs.together.ai/docs/together-and-llamarank).
  together: {
    name: 'together',
    defaultBaseUrl: 'https://api.together.xyz',
    path: '/v1/rerank',
    defaultModel: 'Salesforce/Llama-Rank-V1',
    keyEnv: ['TOGETHER_API_KEY'],
    keyRequired: true,
    request: { documents: 'documents', model: 'model', topN: 'top_n', fixed: { return_documents: false } },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
  },
  // huggingface/text-embeddings-inference, router/src/http/{types,server}.rs: POST /rerank {query,
  // texts, raw_scores, return_text, truncate} -> [{index, score}] (sigmoid unless raw_scores);
  // --max-client-batch-size defaults to 32 (router/src/main.rs) and a larger request gets
  // 413 {"error": "batch size N > maximum allowed batch size 32", "error_type": "validation"}.
  tei: {
    name: 'tei',
    path: '/rerank',
    keyEnv: [],
    keyRequired: false,
    request: { documents: 'texts', fixed: { raw_scores: false, return_text: false, truncate: true } },
    response: { list: null, index: 'index', score: 'score' },
    errorMessage: MESSAGE,
    limits: pointwise(32),
  },
  // vllm-project/vllm, entrypoints/pooling/score (api_router.py, protocol.py, serving.py): POST
  // /v1/rerank (also /rerank, /v2/rerank), "Conforms to JinaAI rerank API": {model, query, documents,
  // top_n} -> {id, model, usage, results: [{index, document, relevance_score}]}; errors
  // {error: {message, type, code}} (older builds: flat {message}).
  vllm: {
    name: 'vllm',
    path: '/v1/rerank',
    keyEnv: ['VLLM_API_KEY'],
    keyRequired: false,
    request: { documents: 'documents', model: 'model', topN: 'top_n' },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(1000),
  },
  // michaelfeil/infinity, libs/infinity_emb/infinity_emb/fastapi_schemas/pymodels.py: POST /rerank
  // {query, documents (1-2,048), return_documents, raw_scores, model, top_n} -> {object, results:
  // [{relevance_score, index}], model, usage} ("following the Cohere protocol"); errors
  // {error: {message, type, code}} (errors.py).
  infinity: {
    name: 'infinity',
    path: '/rerank',
    keyEnv: ['INFINITY_API_KEY'],
    keyRequired: false,
    request: { documents: 'documents', model: 'model', topN: 'top_n', fixed: { return_documents: false } },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(2048),
  },
  // ggml-org/llama.cpp, tools/server (server.cpp, server-common.cpp): POST /v1/rerank (also /rerank,
  // /reranking, /v1/reranking) with --reranking: {model, query, documents, top_n} -> {model, object,
  // usage, results: [{index, relevance_score}]}; relevance_score = embd[0], the classifier head's raw
  // output (a logit for bge-style rerankers, no sigmoid); errors {error: {code, message, type}}.
  'llama-cpp': {
    name: 'llama-cpp',
    path: '/v1/rerank',
    keyEnv: ['LLAMA_API_KEY'],
    keyRequired: false,
    request: { documents: 'documents', model: 'model', topN: 'top_n' },
    response: COHERE_RESPONSE,
    errorMessage: MESSAGE,
    limits: pointwise(1000, 'logit'),
  },
};

export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

/**
 * The URL to POST to. A path that already ends in the profile's path, or in `/rerank`, is used as
 * given, so the guide's `https://api.cohere.ai/v1/rerank` and a gateway's own route both work.
 */
export function resolveEndpointUrl(endpoint: string, path: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RerankError('bad-input', `the endpoint "${endpoint}" is not a URL: give one like https://api.cohere.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RerankError('bad-input', `the endpoint must be http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new RerankError('bad-input', 'the endpoint must not carry credentials; store the key with the key command or an environment variable');
  }
  const current = url.pathname.replace(/\/+$/, '');
  if (current.endsWith(path) || /\/(rerank|reranking)$/.test(current)) return url.toString();
  url.pathname = `${current}${path}`;
  return url.toString();
}
