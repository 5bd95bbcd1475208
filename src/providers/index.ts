// Builds a ranker from plain settings: the one place the CLI and the extension choose a provider.

import { definedOnly } from '../core/defined';
import { RerankError } from '../core/errors';
import type { Ranker } from '../core/types';
import { httpOptions, type HttpOptions } from './http';
import { LocalRanker } from './local';
import { PROFILES, PROFILE_NAMES, type ProfileName } from './profiles';
import { RemoteRanker } from './remote';
import { checkKeyTransport } from './transport';

export type ProviderName = 'local' | ProfileName;
export const PROVIDERS: readonly ProviderName[] = ['local', ...PROFILE_NAMES];

export interface RankerConfig {
  provider: ProviderName;
  apiKey?: string;
  endpoint?: string;
  /** Cohere only: v2 (default) or v1. */
  apiVersion?: 'v1' | 'v2';
  model?: string;
  maxTokensPerDoc?: number;
  /** The user's opt-in to sending the key over plain http:// to another machine (never a workspace's). */
  allowInsecureHttp?: boolean;
  http: Partial<HttpOptions> & Pick<HttpOptions, 'transport'>;
}

/** The one place both faces build a ranker, so the one place a key's destination is checked. */
export function createRanker(config: RankerConfig): Ranker {
  if (config.provider === 'local') return new LocalRanker();
  const profile = PROFILES[profileName(config.provider, config.apiVersion)];
  const ranker = new RemoteRanker(profile, {
    ...definedOnly({ apiKey: config.apiKey, endpoint: config.endpoint, model: config.model, maxTokensPerDoc: config.maxTokensPerDoc }),
    http: httpOptions(config.http),
  });
  checkKeyTransport(ranker.url, Boolean(config.apiKey?.trim()), config.allowInsecureHttp ?? false);
  return ranker;
}

function profileName(provider: ProfileName, apiVersion: 'v1' | 'v2' | undefined): ProfileName {
  if (apiVersion === undefined) return provider;
  if (provider === 'cohere' || provider === 'cohere-v1') return apiVersion === 'v1' ? 'cohere-v1' : 'cohere';
  throw new RerankError('bad-input', `the API version applies to Cohere only, not to provider ${provider}`);
}

/** Environment variables that may hold the provider's key, in the order they are read. */
export function keyVariables(provider: ProviderName): string[] {
  return provider === 'local' ? [] : ['RERANK_API_KEY', ...PROFILES[provider].keyEnv];
}
