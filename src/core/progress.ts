// How progress is worded, the same in the CLI's stderr and VS Code's progress notification.

import type { RerankProgress } from './types';

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
