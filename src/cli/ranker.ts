// The CLI's choice of ranker, shared by `rerank` and `rerank eval`.

import { definedOnly } from '../core/defined';
import { RerankError } from '../core/errors';
import type { Ranker, RerankProgress } from '../core/types';
import type { RerankOptions } from '../core/engine';
import { describeProgress } from '../core/progress';
import { isSendableKey } from '../providers/http';
import { FLAG_WORDS, PROVIDERS, createRanker, keyVariables, resolveProvider, type ProviderName } from '../providers/index';
import { PROFILES } from '../providers/profiles';
import type { ScoreCache } from '../providers/scoreCache';
import { createDispatcher, undiciTransport } from '../providers/undiciTransport';
import type { RankingArgs } from './args';
import { stderrLine } from './output';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  readStdin: () => Promise<string>;
  signal?: AbortSignal;
}

/** The key for a provider: RERANK_API_KEY, then the provider's usual variable. */
function apiKeyFor(provider: ProviderName, env: NodeJS.ProcessEnv): { key?: string; variable?: string } {
  for (const variable of keyVariables(provider)) {
    const key = env[variable]?.trim();
    if (key) return { key, variable };
  }
  return {};
}

/** Every key the environment holds, trimmed as it is sent, so that none can appear in an error line. */
export function allApiKeys(env: NodeJS.ProcessEnv): string[] {
  return [...new Set(PROVIDERS.flatMap((p) => keyVariables(p)))].map((v) => env[v]?.trim()).filter((k): k is string => Boolean(k));
}

/**
 * A key goes in an HTTP header, which takes printable ASCII only; a paste can bring "…" or a
 * non-breaking space. Said before anything is sent, naming the variable and never the value.
 */
function checkKeyCharacters(key: string | undefined, variable: string | undefined): void {
  if (key === undefined || isSendableKey(key)) return;
  throw new RerankError('bad-input', `${variable ?? 'the API key'} holds characters that cannot be sent in an HTTP header (a key is printable ASCII without spaces); paste the key again`);
}

/**
 * The ranker the arguments ask for; without -p, cohere when a key is set (or --api-version names
 * Cohere's), else local (said on stderr).
 */
export function rankerFromArgs(args: RankingArgs, provider: ProviderName | undefined, io: CliIo, scoreCache?: ScoreCache): Ranker {
  if (provider === undefined) {
    const { variable } = apiKeyFor('cohere', io.env);
    provider = variable || args.apiVersion ? 'cohere' : 'local';
    io.stderr(
      variable
        ? `rerank: provider cohere (key from ${variable})\n`
        : provider === 'cohere'
          ? 'rerank: provider cohere (--api-version is Cohere\'s)\n'
          : 'rerank: provider local (offline BM25): no COHERE_API_KEY or RERANK_API_KEY set\n',
    );
  }
  const resolved = resolveProvider({ provider, apiVersion: args.apiVersion, endpoint: args.endpoint }, FLAG_WORDS);
  const { key, variable } = apiKeyFor(resolved.provider, io.env);
  checkKeyCharacters(key, variable);
  if (resolved.provider !== 'local' && PROFILES[resolved.provider].keyRequired && !key) {
    throw new RerankError('bad-input', `provider ${resolved.provider} needs a key: set ${keyVariables(resolved.provider).slice(1).join(' or ')} (or RERANK_API_KEY), or use -p local`);
  }
  return createRanker({
    provider: resolved.provider,
    ...definedOnly({ apiKey: key, endpoint: resolved.url, model: args.model, maxTokensPerDoc: args.maxTokensPerDoc }),
    allowInsecureHttp: args.allowInsecureHttp ?? false,
    ...definedOnly({ scoreCache }),
    http: {
      transport: undiciTransport(createDispatcher({ env: io.env })),
      ...definedOnly({ timeoutMs: args.timeoutMs, maxRetries: args.maxRetries }),
    },
  });
}

export const DEFAULT_MAX_REQUESTS = 1000;

/**
 * The engine's options from the flags: one --deadline for each whole ranking, and for a ranker
 * that sends requests (any but local), no more than --max-requests of them.
 */
export function engineOptions(args: RankingArgs, ranker?: Ranker): Omit<RerankOptions, 'topK'> {
  const options: Omit<RerankOptions, 'topK'> = definedOnly({ batchSize: args.batchSize, concurrency: args.concurrency, merge: args.merge, deadlineMs: args.deadlineMs });
  if (ranker && ranker.provider !== 'local') {
    options.maxRequests = args.maxRequests ?? DEFAULT_MAX_REQUESTS;
    options.approveRequests = (count, max) => {
      throw new RerankError(
        'bad-input',
        `this ranking would send ${count} requests to ${ranker.provider}, more than --max-requests ${max}; raise --max-requests, or send fewer requests with a larger --batch-size or fewer candidates (--first-stage N)`,
      );
    };
  }
  return options;
}

/** "rate limited, retrying in 4 s (2/5)" on stderr. */
export function reportRetry(progress: RerankProgress, io: CliIo): void {
  if (progress.type === 'retry') io.stderr(stderrLine(describeProgress(progress)));
}
