// The lines above a table: what was asked, of which ranker, and notes that change how the
// numbers read (logits, rank fusion, a comparison with no shared candidates).

import { scoreCacheNote } from '../core/progress';
import type { Run } from '../core/types';
import { el, formatCount } from './dom';
import * as l10n from '@vscode/l10n';
import type { RankingView } from './ranking';

function runSummary(run: Run): string {
  const seconds = run.durationMs >= 1000 ? l10n.t('{0} s', (run.durationMs / 1000).toFixed(1)) : l10n.t('{0} ms', Math.round(run.durationMs));
  const cached = scoreCacheNote(run);
  return l10n.t('{0} · {1} · {2} results of {3} candidates · {4}', run.provider, run.model, formatCount(run.items.length), formatCount(run.candidateCount), cached ? `${seconds} · ${cached}` : seconds);
}

function runNotes(run: Run): string[] {
  const notes: string[] = [];
  if (run.scoreKind === 'logit') notes.push(l10n.t('Scores are logits (unbounded): the threshold keeps the top N ranks, and bars are relative to this run.'));
  if (run.scoreKind === 'normalized-bm25') notes.push(l10n.t('Offline BM25: scores are relative to the best match (1).'));
  if (run.merge === 'rrf') notes.push(l10n.t('Merged by reciprocal rank fusion: ranks follow the fused score, shown on hover over a score.'));
  return notes;
}

/** "12 of 1,000 match" under a table, so a filter that hides everything is never a silent blank. */
export function countLine(view: RankingView): string {
  const total = view.run.items.length;
  const shown = view.rows.length;
  if (view.matching === total && shown === total) return l10n.t('{0} results', formatCount(total));
  if (shown < view.matching) return l10n.t('{0} of {1} results match, top {2} shown', formatCount(view.matching), formatCount(total), formatCount(shown));
  return l10n.t('{0} of {1} results match', formatCount(view.matching), formatCount(total));
}

export function renderRunHeader(run: Run, level: 'h1' | 'h2'): HTMLElement {
  const header = el('header', 'run-header');
  const title = el(level, 'query', run.query);
  title.title = run.query;
  header.append(title, el('div', 'muted summary', runSummary(run)));
  for (const note of runNotes(run)) header.append(el('div', 'note', note));
  return header;
}

export function renderEmpty(): HTMLElement {
  const empty = el('div', 'empty');
  empty.append(
    el('h1', undefined, l10n.t('No results yet')),
    el('p', 'muted', l10n.t('Run "Rerank: Rerank Selection Against Query" or "Rerank: Rerank Workspace Files…"; the ranking shows here.')),
  );
  return empty;
}
