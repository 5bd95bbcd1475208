// One HTTP ranker for every rerank API: the profile says where to POST, what to call the fields
// and how to read the answer; this class does the rest. No provider is special-cased here.

import { RerankError, throwIfAborted } from '../core/errors';
import type { RankRequestOptions, RankResponse, Ranker, RankerLimits } from '../core/types';
import { postJson, type HttpOptions, type JsonResponse } from './http';
import { resolveEndpointUrl, type ProviderProfile } from './profiles';
import { errorMessageOf, parseResults } from './wire';

export interface RemoteOptions {
  /** Required by hosted APIs; optional for a self-hosted server without auth. */
  apiKey?: string;
  /** A base URL (the profile's path is appended) or a full URL ending in the profile's path. */
  endpoint?: string;
  model?: string;
  maxTokensPerDoc?: number;
  http: HttpOptions;
}

export class RemoteRanker implements Ranker {
  readonly provider: string;
  readonly model: string;
  readonly limits: RankerLimits;
  readonly url: string;
  private readonly http: HttpOptions;
  private readonly headers: Record<string, string>;

  constructor(
    readonly profile: ProviderProfile,
    private readonly options: RemoteOptions,
  ) {
    this.provider = profile.name;
    this.model = options.model ?? profile.defaultModel ?? 'default';
    const endpoint = options.endpoint ?? profile.defaultBaseUrl;
    if (endpoint === undefined) {
      throw new RerankError('bad-input', `provider ${profile.name} is self-hosted: give the server's URL as the endpoint (for example http://127.0.0.1:8080)`);
    }
    this.url = resolveEndpointUrl(endpoint, profile.path);
    const apiKey = options.apiKey?.trim();
    if (profile.keyRequired && !apiKey) {
      throw new RerankError('bad-input', `provider ${profile.name} needs an API key (${profile.keyEnv.join(' or ')})`);
    }
    this.limits = { ...profile.limits, ...profile.limitsFor?.(this.model) };
    this.headers = { ...profile.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) };
    this.http = { ...options.http, secrets: [...options.http.secrets, ...(apiKey ? [apiKey] : [])] };
  }

  async rank(query: string, documents: readonly string[], options: RankRequestOptions = {}): Promise<RankResponse> {
    throwIfAborted(options.signal);
    const response = await postJson(this.url, this.requestBody(query, documents, options.topN), this.headers, this.http, options);
    if (response.status < 200 || response.status >= 300) throw this.errorFor(response);
    const results = parseResults(response.body, documents.length, this.profile.response, this.http.secrets);
    const billedUnits = this.profile.billedUnits?.(response.body);
    return {
      results,
      requests: response.attempts,
      retries: response.attempts - 1,
      ...(billedUnits === undefined ? {} : { billedUnits }),
    };
  }

  /** The request's JSON, with the field names of the profile. */
  private requestBody(query: string, documents: readonly string[], topN: number | undefined): string {
    const { request } = this.profile;
    const fields: Record<string, unknown> = { query, ...request.fixed };
    if (request.model && (this.options.model ?? this.profile.defaultModel) !== undefined) fields[request.model] = this.model;
    if (request.topN && topN !== undefined) fields[request.topN] = topN;
    if (request.maxTokensPerDoc && this.options.maxTokensPerDoc !== undefined) fields[request.maxTokensPerDoc] = this.options.maxTokensPerDoc;
    fields[request.documents] = documents;
    return JSON.stringify(fields);
  }

  private errorFor(response: JsonResponse): RerankError {
    const status = response.status;
    const apiMessage = errorMessageOf(response.body, response.text, this.profile.errorMessage, this.http.secrets);
    // Its own final full stop goes: a sentence of ours follows ("a minute. Wait", not "a minute.. Wait").
    const said = apiMessage ? `: ${apiMessage.replace(/\.+$/, '')}` : '';
    const host = new URL(this.url).host;
    const attempts = `after ${response.attempts} attempt${response.attempts === 1 ? '' : 's'}`;
    switch (status) {
      case 401:
        return new RerankError('auth', `${host} rejected the API key (401)${said}. Set a valid key for this endpoint.`, status);
      case 403:
        return new RerankError('auth', `the API key is not authorized to rerank on ${host} (403)${said}. Check the key's permissions in the provider's dashboard.`, status);
      case 402:
        return new RerankError('billing', `${host} refused the request for billing reasons (402)${said}. Check the account's plan and quota.`, status);
      case 413:
        return new RerankError('too-large', `${host} found the request too large (413)${said}`, status);
      case 498:
        return new RerankError('blocked', `${host} blocked the content of the request (498)${said}.`, status);
      case 408:
        return new RerankError('timeout', `${host} timed out waiting for the request (408) ${attempts}${said}`, status);
      case 429:
        return new RerankError('rate-limited', `rate limited by ${host} (429) ${attempts}${said}. Wait, lower the concurrency, or raise the key's limits.`, status);
      case 400:
      case 404:
      case 422:
        return new RerankError('rejected', `${host} rejected the request (${status})${said}`, status);
      default:
        if (status >= 500) return new RerankError('server', `${host} failed with ${status} ${attempts}${said}`, status);
        // Not "rejected": that says the API refused this request, and this status says nothing so clear.
        return new RerankError('unexpected-status', `${host} answered with an unexpected status ${status}${said}. Check that the endpoint and provider are right for this server.`, status);
    }
  }
}
