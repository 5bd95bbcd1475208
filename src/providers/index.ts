// Builds a ranker from plain settings: the one place the CLI and the extension choose a provider.

import { definedOnly } from '../core/defined';
import { RerankError } from '../core/errors';
import type { Ranker } from '../core/types';
import { httpOptions, type HttpOptions } from './http';
import { LocalRanker } from './local';
import { PROFILES, PROFILE_NAMES, resolveEndpointUrl, type ProfileName } from './profiles';
import { RemoteRanker } from './remote';
import { CachedRanker, type ScoreCache } from './scoreCache';
import { checkKeyTransport } from './transport';

export type ProviderName = 'local' | ProfileName;
export const PROVIDERS: readonly ProviderName[] = ['local', ...PROFILE_NAMES];

export type ApiVersion = 'v1' | 'v2';

/** What the user chose, in either face: a provider, Cohere's API version if given, an endpoint if given. */
export interface ProviderChoice {
  provider: ProviderName;
  apiVersion?: ApiVersion | undefined;
  endpoint?: string | undefined;
}

/** How a face names its inputs in an error: the CLI's flags or the extension's settings. */
export interface ChoiceWords {
  provider: string;
  apiVersion: string;
  endpoint: string;
}

export const FLAG_WORDS: ChoiceWords = { provider: '-p', apiVersion: '--api-version', endpoint: '--endpoint' };

/**
 * The profile a choice names. The API version is Cohere's alone and only says what the provider
 * already may: `cohere` with v1 is `cohere-v1`; a version that contradicts the provider
 * (`cohere-v1` with v2) or comes with any other provider is an error, the same in both faces.
 */
export function profileFor(choice: ProviderChoice, words: ChoiceWords): ProviderName {
  const { provider, apiVersion } = choice;
  if (apiVersion === undefined) return provider;
  if (provider === 'cohere') return apiVersion === 'v1' ? 'cohere-v1' : 'cohere';
  if (provider === 'cohere-v1' && apiVersion === 'v1') return provider;
  if (provider === 'cohere-v1') {
    throw new RerankError('bad-input', `${words.apiVersion} ${apiVersion} contradicts ${words.provider} cohere-v1 (Cohere's v1 API): use ${words.provider} cohere for v2, or leave ${words.apiVersion} out`);
  }
  throw new RerankError('bad-input', `${words.apiVersion} applies to Cohere only, not to ${words.provider} ${provider}: leave ${words.apiVersion} out`);
}

/** The profile and the URL requests go to (none for the offline ranker): the one decision both faces make. */
export function resolveProvider(choice: ProviderChoice, words: ChoiceWords): { provider: ProviderName; url?: string } {
  const provider = profileFor(choice, words);
  if (provider === 'local') return { provider };
  const profile = PROFILES[provider];
  const endpoint = choice.endpoint ?? profile.defaultBaseUrl;
  if (endpoint === undefined) throw new RerankError('bad-input', `provider ${provider} is self-hosted: set ${words.endpoint} to the server's URL (for example http://127.0.0.1:8080)`);
  return { provider, url: resolveEndpointUrl(endpoint, profile.path) };
}

export interface RankerConfig {
  /** A profile as resolveProvider decided it. */
  provider: ProviderName;
  apiKey?: string;
  endpoint?: string;
  model?: string;
  maxTokensPerDoc?: number;
  /** The user's opt-in to sending the key over plain http:// to another machine (never a workspace's). */
  allowInsecureHttp?: boolean;
  http: Partial<HttpOptions> & Pick<HttpOptions, 'transport'>;
  /** Used by a ranker whose scores do not depend on the other documents of a request; others ignore it. */
  scoreCache?: ScoreCache;
}

/** The one place both faces build a ranker, so the one place a key's destination is checked. */
export function createRanker(config: RankerConfig): Ranker {
  if (config.provider === 'local') return new LocalRanker();
  const profile = PROFILES[config.provider];
  const ranker = new RemoteRanker(profile, {
    ...definedOnly({ apiKey: config.apiKey, endpoint: config.endpoint, model: config.model, maxTokensPerDoc: config.maxTokensPerDoc }),
    http: httpOptions(config.http),
  });
  checkKeyTransport(ranker.url, Boolean(config.apiKey?.trim()), config.allowInsecureHttp ?? false);
  if (!config.scoreCache || !ranker.limits.scoresComparable) return ranker;
  const scope = { provider: ranker.provider, url: ranker.url, model: ranker.model, ...definedOnly({ maxTokensPerDoc: config.maxTokensPerDoc }) };
  return new CachedRanker(ranker, scope, config.scoreCache);
}

/** Environment variables that may hold the provider's key, in the order they are read. */
export function keyVariables(provider: ProviderName): string[] {
  return provider === 'local' ? [] : ['RERANK_API_KEY', ...PROFILES[provider].keyEnv];
}
