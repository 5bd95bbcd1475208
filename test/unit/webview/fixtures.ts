// Small runs for the panel's tests, built from plain values.

import type { CandidateSource, Run, RunItem, ScoreKind } from '../../../src/core/types';
import { summarizeRun, type ShowRunsMessage } from '../../../src/webview/protocol';

export function item(rank: number, score: number, text: string, source: CandidateSource = { kind: 'file', path: `src/f${rank}.ts`, range: { startLine: 1, endLine: 3 } }, id = `c${rank}`): RunItem {
  return { rank, score, index: rank - 1, candidate: { id, text, source } };
}

export function run(items: RunItem[], scoreKind: ScoreKind = 'probability', id = 'run-1'): Run {
  return {
    id,
    query: 'how to retry',
    provider: 'cohere',
    model: 'rerank-v3.5',
    scoreKind,
    merge: 'score',
    startedAt: '2025-06-01T10:00:00.000Z',
    durationMs: 120,
    candidateCount: items.length,
    items,
    stats: { requests: 1, retries: 0, batches: 1 },
  };
}

/** A run over candidates c1..cN whose ranks follow `order` (candidate numbers, best first). */
export function runInOrder(order: number[], id: string): Run {
  return run(order.map((n, i) => ({ ...item(i + 1, 1 - i / 10, `text ${n}`), index: n - 1, candidate: { id: `c${n}`, text: `text ${n}`, source: { kind: 'input', index: n - 1 } } })), 'probability', id);
}

/** The host's "show" message for this history, every run sent in full unless `loaded` says which. */
export function showMessage(runs: Run[], extra: { loaded?: string[]; focusRunId?: string; compareRunId?: string } = {}): ShowRunsMessage {
  const { loaded, ...focus } = extra;
  return { type: 'show', runs: runs.map(summarizeRun), loaded: runs.filter((r) => loaded?.includes(r.id) ?? true), ...focus };
}
