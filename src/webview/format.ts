// How one result reads: its source label, its score as text, and the length of its score bar.
// Pure (no DOM) so the panel, the exports and the tests agree on every label.

import { locationLabel, sourceFolder, sourceLabel } from '../core/source';
import type { CandidateSource, RunItem, ScoreKind } from '../core/types';
import * as l10n from '@vscode/l10n';

/** One label for a source in every face (CLI, tree, panel, prompts): see core/source.ts. */
export { sourceLabel };

/**
 * The Source column's two parts: the file name and lines first (what identifies the result), then
 * the folder, which is what a narrow column cuts.
 */
export function sourceParts(source: CandidateSource): { name: string; folder: string } {
  return { name: locationLabel(source), folder: sourceFolder(source) };
}

/** A longer description for a tooltip: the selection's document and lines. */
export function sourceTitle(source: CandidateSource): string {
  if (source.kind === 'selection') return l10n.t('{0}, lines {1}-{2}', source.uri, source.range.startLine, source.range.endLine);
  return sourceLabel(source);
}

/** Only files and selections can be opened; an input text has nowhere to go. */
export function isRevealable(source: CandidateSource): boolean {
  return source.kind !== 'input';
}

export function formatScore(score: number, kind: ScoreKind): string {
  if (!Number.isFinite(score)) return String(score);
  if (Math.abs(score) >= 1000) return score.toExponential(2);
  // Logits read as signed quantities; probabilities and normalized BM25 as fractions.
  return kind === 'logit' ? score.toFixed(3) : score.toFixed(4);
}

export interface ScoreRange {
  min: number;
  max: number;
}

export function scoreRange(items: readonly RunItem[]): ScoreRange {
  let min = Infinity;
  let max = -Infinity;
  for (const item of items) {
    if (item.score < min) min = item.score;
    if (item.score > max) max = item.score;
  }
  return items.length === 0 ? { min: 0, max: 0 } : { min, max };
}

/**
 * The share of the bar a score fills, 0..1. A probability is its own share; a logit or a BM25
 * score has no fixed scale, so it is placed within the run's own range (the whole run's, so a
 * bar does not change length while the user filters).
 */
export function barFraction(score: number, kind: ScoreKind, range: ScoreRange): number {
  if (kind === 'probability') return clamp01(score);
  const span = range.max - range.min;
  if (!(span > 0)) return 1;
  return clamp01((score - range.min) / span);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** The first `maxLines` lines of a text, at most `maxChars` characters, for a collapsed row. */
export function previewText(text: string, maxLines = 3, maxChars = 240): { preview: string; truncated: boolean } {
  let end = 0;
  for (let line = 0; line < maxLines; line++) {
    const next = text.indexOf('\n', end);
    if (next < 0) {
      end = text.length;
      break;
    }
    end = line === maxLines - 1 ? next : next + 1;
  }
  let cut = Math.min(end, maxChars);
  // Never split a surrogate pair (an emoji would show as a broken glyph).
  const last = text.charCodeAt(cut - 1);
  if (cut < text.length && last >= 0xd800 && last <= 0xdbff) cut--;
  const preview = text.slice(0, cut).replace(/\s+$/, '');
  return { preview, truncated: cut < text.trimEnd().length };
}
