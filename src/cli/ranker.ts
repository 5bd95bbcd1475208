// The CLI's choice of ranker, shared by `rerank` and `rerank eval`.

import { definedOnly } from '../core/defined';
import { RerankError } from '../core/errors';
import type { Ranker, RerankProgress } from '../core/types';
import type { RerankOptions } from '../core/engine';
import { createDispatcher, formatSeconds } from '../providers/http';
import { createRanker, type ProviderName } from '../providers/index';
import type { RankingArgs } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  readStdin: () => Promise<string>;
  signal?: AbortSignal;
}

/** RERANK_API_KEY first (any provider), then the provider's own variable. */
export function apiKeyFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return env.RERANK_API_KEY || env.COHERE_API_KEY || undefined;
}

/** The ranker the arguments ask for; without -p, cohere when a key is set, else local (said on stderr). */
export function rankerFromArgs(args: RankingArgs, provider: ProviderName | undefined, io: CliIo): Ranker {
  const apiKey = apiKeyFromEnv(io.env);
  if (provider === undefined) {
    provider = apiKey ? 'cohere' : 'local';
    io.stderr(
      provider === 'local'
        ? 'rerank: provider local (offline BM25): no COHERE_API_KEY or RERANK_API_KEY set\n'
        : `rerank: provider cohere (key from ${io.env.RERANK_API_KEY ? 'RERANK_API_KEY' : 'COHERE_API_KEY'})\n`,
    );
  }
  if (provider === 'cohere' && !apiKey) {
    throw new RerankError('bad-input', 'provider cohere needs a key: set COHERE_API_KEY (or RERANK_API_KEY), or use -p local');
  }
  return createRanker({
    provider,
    ...definedOnly({ apiKey, endpoint: args.endpoint, model: args.model, maxTokensPerDoc: args.maxTokensPerDoc }),
    apiVersion: args.apiVersion,
    http: {
      dispatcher: createDispatcher({ proxyFromEnv: true }),
      ...definedOnly({ timeoutMs: args.timeoutMs, deadlineMs: args.deadlineMs, maxRetries: args.maxRetries }),
    },
  });
}

export function engineOptions(args: RankingArgs): Omit<RerankOptions, 'topK'> {
  return definedOnly({ batchSize: args.batchSize, concurrency: args.concurrency, merge: args.merge });
}

/** "rate limited, retrying in 4 s (2/5)" on stderr. */
export function reportRetry(progress: RerankProgress, io: CliIo): void {
  if (progress.type !== 'retry') return;
  const { retry, batch, totalBatches } = progress;
  const where = totalBatches > 1 ? `batch ${batch}/${totalBatches}: ` : '';
  io.stderr(`rerank: ${where}${retry.reason}, retrying in ${formatSeconds(retry.delayMs)} (${retry.attempt}/${retry.maxRetries})\n`);
}
