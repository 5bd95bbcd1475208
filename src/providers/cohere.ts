// The Cohere Rerank client: v2 (default) and v1. A thin choice of profile over RemoteRanker;
// any Cohere-compatible gateway (LiteLLM, Vercel AI Gateway) works through another endpoint.

import type { HttpOptions } from './http';
import { PROFILES, resolveEndpointUrl } from './profiles';
import { RemoteRanker } from './remote';

export type CohereApiVersion = 'v1' | 'v2';

export interface CohereOptions {
  apiKey: string;
  /** A base URL (`/v2/rerank` is appended) or a full URL whose path ends in `/rerank`. */
  endpoint?: string;
  apiVersion?: CohereApiVersion;
  model?: string;
  maxTokensPerDoc?: number;
  http: HttpOptions;
}

export function resolveRerankUrl(endpoint: string, apiVersion: CohereApiVersion): string {
  return resolveEndpointUrl(endpoint, `/${apiVersion}/rerank`);
}

export class CohereRanker extends RemoteRanker {
  constructor(options: CohereOptions) {
    super(options.apiVersion === 'v1' ? PROFILES['cohere-v1'] : PROFILES.cohere, options);
  }
}

export { parseResults } from './wire';
