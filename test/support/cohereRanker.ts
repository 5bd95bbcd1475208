// A Cohere ranker built the short way, for tests and benchmarks: the profile row and RemoteRanker
// the product uses, with Cohere's API version as an option.

import type { HttpOptions } from '../../src/providers/http';
import type { ApiVersion } from '../../src/providers/index';
import { PROFILES } from '../../src/providers/profiles';
import { RemoteRanker } from '../../src/providers/remote';

export interface CohereOptions {
  apiKey: string;
  /** A base URL (`/v2/rerank` is appended) or a full URL whose path ends in `/rerank`. */
  endpoint?: string;
  apiVersion?: ApiVersion;
  model?: string;
  maxTokensPerDoc?: number;
  http: HttpOptions;
}

export class CohereRanker extends RemoteRanker {
  constructor(options: CohereOptions) {
    super(options.apiVersion === 'v1' ? PROFILES['cohere-v1'] : PROFILES.cohere, options);
  }
}
