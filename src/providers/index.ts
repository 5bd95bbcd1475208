// Builds a ranker from plain settings: the one place the CLI and the extension choose a provider.

import type { Ranker } from '../core/types';
import { CohereRanker, type CohereApiVersion } from './cohere';
import { httpOptions, type HttpOptions } from './http';
import { LocalRanker } from './local';

export type ProviderName = 'local' | 'cohere';
export const PROVIDERS: readonly ProviderName[] = ['local', 'cohere'];

export interface RankerConfig {
  provider: ProviderName;
  apiKey?: string;
  endpoint?: string;
  apiVersion?: CohereApiVersion;
  model?: string;
  maxTokensPerDoc?: number;
  http: Partial<HttpOptions> & Pick<HttpOptions, 'dispatcher'>;
}

export function createRanker(config: RankerConfig): Ranker {
  switch (config.provider) {
    case 'local':
      return new LocalRanker();
    case 'cohere':
      return new CohereRanker({
        apiKey: config.apiKey ?? '',
        ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
        ...(config.apiVersion === undefined ? {} : { apiVersion: config.apiVersion }),
        ...(config.model === undefined ? {} : { model: config.model }),
        ...(config.maxTokensPerDoc === undefined ? {} : { maxTokensPerDoc: config.maxTokensPerDoc }),
        http: httpOptions(config.http),
      });
  }
}
