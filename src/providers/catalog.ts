// What the provider picker says about each provider: who runs it, what key it needs, and the
// models it is known to serve. Built from the profile table; no provider is special-cased elsewhere.

import type { ProviderName } from './index';
import { PROFILES, type ProfileName } from './profiles';

/** Who makes each API, as its users know the name. */
const VENDORS: Readonly<Record<ProfileName, string>> = {
  cohere: 'Cohere',
  'cohere-v1': 'Cohere (v1 API)',
  jina: 'Jina AI',
  voyage: 'Voyage AI',
  mixedbread: 'Mixedbread',
  together: 'Together AI',
  tei: 'Hugging Face Text Embeddings Inference',
  vllm: 'vLLM',
  infinity: 'Infinity',
  'llama-cpp': 'llama.cpp server (--reranking)',
};

/**
 * Models each hosted API documents for reranking, newest first; the profile's default is always
 * offered too. Cohere: https://docs.cohere.com/docs/models, Rerank (rerank-v4.0-pro, rerank-v4.0-fast,
 * rerank-v3.5, rerank-multilingual-v3.0). Jina and Voyage: the models named in profiles.ts.
 */
const MODELS: Partial<Readonly<Record<ProfileName, readonly string[]>>> = {
  cohere: ['rerank-v4.0-pro', 'rerank-v4.0-fast', 'rerank-v3.5', 'rerank-multilingual-v3.0'],
  'cohere-v1': ['rerank-v4.0-pro', 'rerank-v4.0-fast', 'rerank-v3.5', 'rerank-multilingual-v3.0'],
  jina: ['jina-reranker-v3', 'jina-reranker-v2-base-multilingual'],
  voyage: ['rerank-2.5', 'rerank-2.5-lite', 'rerank-2', 'rerank-2-lite', 'rerank-1', 'rerank-lite-1'],
};

/** One line for the picker: hosted or self-hosted, and what key it needs. */
export function providerSummary(provider: ProviderName): string {
  if (provider === 'local') return 'Offline BM25 on this machine: no key, nothing is sent anywhere';
  const profile = PROFILES[provider];
  const where = profile.defaultBaseUrl ? `Hosted by ${VENDORS[provider]} (${new URL(profile.defaultBaseUrl).host})` : `Self-hosted ${VENDORS[provider]}: set rerank.endpoint to its URL`;
  const key = profile.keyRequired ? `needs a ${VENDORS[provider].replace(/ \(.*\)$/, '')} API key` : profile.keyEnv.length > 0 ? 'API key optional' : 'no API key';
  return `${where}; ${key}`;
}

/** The models to offer for a provider, its default first when the list does not hold it; [] when it takes no model name. */
export function knownModels(provider: ProviderName): string[] {
  if (provider === 'local') return [];
  const profile = PROFILES[provider];
  if (!profile.request.model) return [];
  const listed = MODELS[provider] ?? [];
  const fallback = profile.defaultModel;
  return fallback === undefined || listed.includes(fallback) ? [...listed] : [fallback, ...listed];
}

/** Whether the provider's requests name a model at all (TEI serves one and takes no name). */
export function takesModel(provider: ProviderName): boolean {
  return provider !== 'local' && PROFILES[provider].request.model !== undefined;
}
