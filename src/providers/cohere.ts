// The Cohere Rerank client: v2 (default) and v1, or any endpoint that speaks the same shape.
// Wire format: https://docs.cohere.com/reference/rerank (v2) and /v1/reference/rerank (v1).

import { RerankError, redact, throwIfAborted } from '../core/errors';
import type { RankRequestOptions, RankResponse, RankedIndex, Ranker, RankerLimits } from '../core/types';
import { postJson, type HttpOptions, type JsonResponse } from './http';

export type CohereApiVersion = 'v1' | 'v2';

export const COHERE_DEFAULT_BASE_URL = 'https://api.cohere.com';
export const COHERE_DEFAULT_MODEL = 'rerank-v3.5';
/** Cohere's documented limit of documents per rerank request. */
export const COHERE_MAX_DOCUMENTS = 1_000;

export interface CohereOptions {
  apiKey: string;
  /** A base URL (`/v2/rerank` is appended) or a full URL whose path ends in `/rerank`. */
  endpoint?: string;
  apiVersion?: CohereApiVersion;
  model?: string;
  maxTokensPerDoc?: number;
  http: HttpOptions;
}

/**
 * The URL to POST to. A path that already ends in `/rerank` is used as given, so the guide's
 * `https://api.cohere.ai/v1/rerank` and a gateway's own route both work.
 */
export function resolveRerankUrl(endpoint: string, apiVersion: CohereApiVersion): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new RerankError('bad-input', `the endpoint "${endpoint}" is not a URL: give one like ${COHERE_DEFAULT_BASE_URL}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RerankError('bad-input', `the endpoint must be http or https, got ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new RerankError('bad-input', 'the endpoint must not carry credentials; store the key with the key command or an environment variable');
  }
  if (/\/rerank\/?$/.test(url.pathname)) return url.toString();
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${apiVersion}/rerank`;
  return url.toString();
}

export class CohereRanker implements Ranker {
  readonly provider: string;
  readonly model: string;
  readonly limits: RankerLimits = { maxDocumentsPerRequest: COHERE_MAX_DOCUMENTS, scoresComparable: true, scoreKind: 'probability' };
  readonly url: string;
  private readonly apiVersion: CohereApiVersion;
  private readonly http: HttpOptions;

  constructor(private readonly options: CohereOptions) {
    this.apiVersion = options.apiVersion ?? 'v2';
    this.provider = this.apiVersion === 'v1' ? 'cohere-v1' : 'cohere';
    this.model = options.model ?? COHERE_DEFAULT_MODEL;
    this.url = resolveRerankUrl(options.endpoint ?? COHERE_DEFAULT_BASE_URL, this.apiVersion);
    if (options.apiKey.trim() === '') throw new RerankError('bad-input', 'the API key is empty');
    this.http = { ...options.http, secrets: [...options.http.secrets, options.apiKey] };
  }

  async rank(query: string, documents: readonly string[], options: RankRequestOptions = {}): Promise<RankResponse> {
    throwIfAborted(options.signal);
    const body = JSON.stringify(this.requestBody(query, documents, options.topN));
    const headers = { authorization: `Bearer ${this.options.apiKey}`, 'x-client-name': 'vscode-rerank' };
    const response = await postJson(this.url, body, headers, this.http, {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
    if (response.status < 200 || response.status >= 300) throw this.errorFor(response);
    const results = parseResults(response.body, documents.length);
    const billedUnits = billedSearchUnits(response.body);
    return {
      results,
      requests: response.attempts,
      retries: response.attempts - 1,
      ...(billedUnits === undefined ? {} : { billedUnits }),
    };
  }

  private requestBody(query: string, documents: readonly string[], topN: number | undefined): Record<string, unknown> {
    const body: Record<string, unknown> = { model: this.model, query, documents };
    if (topN !== undefined) body.top_n = topN;
    if (this.apiVersion === 'v1') body.return_documents = false;
    else if (this.options.maxTokensPerDoc !== undefined) body.max_tokens_per_doc = this.options.maxTokensPerDoc;
    return body;
  }

  private errorFor(response: JsonResponse): RerankError {
    const status = response.status;
    const apiMessage = redact(extractMessage(response), [this.options.apiKey]);
    const said = apiMessage ? `: ${apiMessage}` : '';
    const origin = new URL(this.url).host;
    switch (status) {
      case 401:
        return new RerankError('auth', `${origin} rejected the API key (401)${said}. Set a valid key for this endpoint.`, status);
      case 403:
        return new RerankError('auth', `the API key is not authorized to rerank on ${origin} (403)${said}. Check the key's permissions in the dashboard.`, status);
      case 402:
        return new RerankError('billing', `${origin} refused the request for billing reasons (402)${said}. Check the account's plan and quota.`, status);
      case 498:
        return new RerankError('blocked', `${origin} blocked the content of the request (498)${said}.`, status);
      case 429:
        return new RerankError('rate-limited', `rate limited by ${origin} (429) after ${response.attempts} attempts${said}. Wait, lower --concurrency, or raise the key's limits.`, status);
      case 400:
      case 404:
      case 422:
        return new RerankError('rejected', `${origin} rejected the request (${status})${said}`, status);
      default:
        if (status >= 500) {
          return new RerankError('server', `${origin} failed with ${status} after ${response.attempts} attempt${response.attempts === 1 ? '' : 's'}${said}`, status);
        }
        return new RerankError('rejected', `${origin} answered ${status}${said}`, status);
    }
  }
}

function extractMessage(response: JsonResponse): string {
  const body = response.body as { message?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body.message === 'string') return body.message.slice(0, 500);
  return response.text.trim().slice(0, 200);
}

/**
 * Validates the answer before anyone trusts it: `results` an array; each `index` an integer in
 * range and not repeated; each `relevance_score` a finite number. Returns the results best first.
 */
export function parseResults(body: unknown, documentCount: number): RankedIndex[] {
  const results = (body as { results?: unknown } | undefined)?.results;
  if (body === undefined || typeof body !== 'object' || body === null) {
    throw new RerankError('bad-response', 'bad response: the body is not a JSON object');
  }
  if (!Array.isArray(results)) throw new RerankError('bad-response', 'bad response: "results" is missing or not an array');
  const seen = new Uint8Array(documentCount);
  const out: RankedIndex[] = new Array(results.length);
  for (let i = 0; i < results.length; i++) {
    const r = results[i] as { index?: unknown; relevance_score?: unknown } | null;
    const index = r?.index;
    const score = r?.relevance_score;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= documentCount) {
      throw new RerankError('bad-response', `bad response: results[${i}].index is ${show(index)}, expected an integer in 0..${documentCount - 1}`);
    }
    if (seen[index]) throw new RerankError('bad-response', `bad response: index ${index} appears more than once`);
    seen[index] = 1;
    if (typeof score !== 'number' || !Number.isFinite(score)) {
      throw new RerankError('bad-response', `bad response: results[${i}].relevance_score is ${show(score)}, expected a finite number`);
    }
    out[i] = { index, score };
  }
  // Cohere returns results best first; sort anyway so a compatible server's order can't mislead.
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}

function billedSearchUnits(body: unknown): number | undefined {
  const units = (body as { meta?: { billed_units?: { search_units?: unknown } } }).meta?.billed_units?.search_units;
  return typeof units === 'number' && Number.isFinite(units) ? units : undefined;
}

/** A value as the server sent it: numbers as numbers (JSON.stringify turns Infinity and NaN into null). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
