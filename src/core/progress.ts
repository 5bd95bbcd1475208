// How progress and run notes are worded, the same in the CLI's stderr and VS Code's notifications.

import type { RerankProgress, Run } from './types';

/** "1 likely secret", "1,200 passages": the count, then the noun in the singular or with an s. */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** "4 s", "1.5 s", "12 s". */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return s >= 10 || Number.isInteger(s) ? `${Math.round(s)} s` : `${s.toFixed(1)} s`;
}

/** "batch 3/12", or "batch 2/3: rate limited, retrying in 4 s (2/5)". */
export function describeProgress(progress: RerankProgress): string {
  if (progress.type === 'batch') return `batch ${progress.done}/${progress.total}`;
  const { retry, batch, totalBatches } = progress;
  const where = totalBatches > 1 ? `batch ${batch}/${totalBatches}: ` : '';
  return `${where}${retry.reason}, retrying in ${formatSeconds(retry.delayMs)} (${retry.attempt}/${retry.maxRetries})`;
}

/**
 * Why an offline run ranked nothing, or undefined: when no candidate shares a word with the query
 * every BM25 score is 0 and the order is the input's, which a table of scores would not say.
 */
export function noMatchNote(run: Run): string | undefined {
  if (run.provider !== 'local' || run.items.length === 0 || run.items.some((item) => item.score > 0)) return undefined;
  return `no candidate shares a word with the query "${run.query}": every BM25 score is 0 and the order is the input's (a query of symbols alone, such as "=>", has no word to match)`;
}

/** "12 passages from the score cache, 2 requests saved", or undefined for a run that did not use it. */
export function scoreCacheNote(run: Pick<Run, 'stats'>): string | undefined {
  const fromCache = run.stats.fromCache;
  if (!fromCache) return undefined;
  const { passages, requestsSaved } = fromCache;
  return `${passages} passage${passages === 1 ? '' : 's'} from the score cache, ${requestsSaved} request${requestsSaved === 1 ? '' : 's'} saved`;
}
