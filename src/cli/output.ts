// What the CLI prints: the --json contract and the readable table.

import { sourceLabel } from '../core/source';
import type { Run } from '../core/types';

export interface JsonRun {
  id?: string;
  query: string;
  provider: string;
  model: string;
  results: { rank: number; index: number; score: number; text: string; source?: { path: string; startLine: number; endLine: number } }[];
  stats: { requests: number; retries: number; batches: number; durationMs: number; billedUnits?: number };
}

export function toJson(run: Run, id?: string): JsonRun {
  return {
    ...(id === undefined ? {} : { id }),
    query: run.query,
    provider: run.provider,
    model: run.model,
    results: run.items.map((item) => {
      const source = item.candidate.source;
      const where = source.kind === 'file' && source.range ? { source: { path: source.path, ...source.range } } : {};
      return { rank: item.rank, index: item.index, score: item.score, text: item.candidate.text, ...where };
    }),
    stats: {
      requests: run.stats.requests,
      retries: run.stats.retries,
      batches: run.stats.batches,
      durationMs: run.durationMs,
      ...(run.stats.billedUnits === undefined ? {} : { billedUnits: run.stats.billedUnits }),
    },
  };
}

export function formatTable(run: Run, width = 100): string {
  const rows = run.items.map((item) => {
    return { rank: String(item.rank), score: formatScore(item.score), where: terminalSafe(sourceLabel(item.candidate.source)), text: terminalSafe(firstLine(item.candidate.text)) };
  });
  const rankW = Math.max(1, ...rows.map((r) => r.rank.length));
  const whereW = Math.min(48, Math.max(6, ...rows.map((r) => r.where.length)));
  // Raw logits are shown as they are, and said to be logits: they are not probabilities.
  const scoreHeader = run.scoreKind === 'logit' ? 'logit' : 'score';
  const lines = [`${'#'.padStart(rankW)}  ${scoreHeader.padEnd(7)}  ${'source'.padEnd(whereW)}  text`];
  for (const r of rows) {
    const head = `${r.rank.padStart(rankW)}  ${r.score.padEnd(7)}  ${truncate(r.where, whereW).padEnd(whereW)}  `;
    lines.push(head + truncate(r.text, Math.max(20, width - head.length)));
  }
  return lines.join('\n');
}

export function summary(run: Run): string {
  const s = run.stats;
  const billed = s.billedUnits === undefined ? '' : `, ${s.billedUnits} billed units`;
  const requests = run.provider === 'local' ? 'offline' : `${s.requests} request${s.requests === 1 ? '' : 's'}, ${s.retries} retr${s.retries === 1 ? 'y' : 'ies'}${billed}`;
  return `${run.items.length} of ${run.candidateCount} candidates · ${run.provider} · ${run.model} · ${requests} · ${run.durationMs} ms`;
}

function formatScore(score: number): string {
  return Math.abs(score) >= 1000 ? score.toExponential(2) : score.toFixed(4);
}

function firstLine(text: string): string {
  return (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
}

/** Cut to `max` characters with "…", never between the two halves of an emoji or other astral character. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}

/**
 * Text from files as a terminal may print it: a file's escape sequences (ESC [ 31 m, a bare CR
 * that rewinds the line, a bell) would act on the user's terminal instead of showing. Tabs become
 * spaces; every other control character shows as U+FFFD.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\ufffd');
}
