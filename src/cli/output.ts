// What the CLI prints: the --json contract, the readable table and the lines on stderr. The table
// and stderr lines pass every string from outside through forTerminal; --json goes out through jsonLine.

import { forTerminal } from '../core/outsideText';
import { scoreCacheNote } from '../core/progress';
import { sourceLabel } from '../core/source';
import type { Run } from '../core/types';

export interface JsonRun {
  id?: string;
  query: string;
  provider: string;
  model: string;
  /** `title`: the heading or declaration a file passage sits in, when it has one. */
  results: { rank: number; index: number; score: number; text: string; title?: string; source?: { path: string; startLine: number; endLine: number } }[];
  stats: { requests: number; retries: number; batches: number; durationMs: number; billedUnits?: number; fromCache?: { passages: number; requestsSaved: number } };
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
      const title = item.candidate.title === undefined ? {} : { title: item.candidate.title };
      return { rank: item.rank, index: item.index, score: item.score, text: item.candidate.text, ...title, ...where };
    }),
    stats: {
      requests: run.stats.requests,
      retries: run.stats.retries,
      batches: run.stats.batches,
      durationMs: run.durationMs,
      ...(run.stats.billedUnits === undefined ? {} : { billedUnits: run.stats.billedUnits }),
      ...(run.stats.fromCache === undefined ? {} : { fromCache: { ...run.stats.fromCache } }),
    },
  };
}

export function formatTable(run: Run, width = 100): string {
  const rows = run.items.map((item) => {
    return { rank: String(item.rank), score: formatScore(item.score), where: forTerminal(sourceLabel(item.candidate.source)), text: forTerminal(firstLine(item.candidate.text)) };
  });
  const rankW = Math.max(1, ...rows.map((r) => r.rank.length));
  const whereW = Math.min(48, Math.max(6, ...rows.map((r) => displayWidth(r.where))));
  // Raw logits are shown as they are, and said to be logits: they are not probabilities.
  const scoreHeader = run.scoreKind === 'logit' ? 'logit' : 'score';
  const scoreW = Math.max(7, ...rows.map((r) => r.score.length));
  const lines = [`${'#'.padStart(rankW)}  ${scoreHeader.padEnd(scoreW)}  ${'source'.padEnd(whereW)}  text`];
  for (const r of rows) {
    const head = `${r.rank.padStart(rankW)}  ${r.score.padEnd(scoreW)}  ${padToWidth(fitColumns(r.where, whereW), whereW)}  `;
    lines.push(head + fitColumns(r.text, Math.max(20, width - displayWidth(head))));
  }
  return lines.join('\n');
}

export function summary(run: Run): string {
  const s = run.stats;
  const billed = s.billedUnits === undefined ? '' : `, ${s.billedUnits} billed units`;
  const requests = run.provider === 'local' ? 'offline' : `${s.requests} request${s.requests === 1 ? '' : 's'}, ${s.retries} retr${s.retries === 1 ? 'y' : 'ies'}${billed}`;
  const cached = scoreCacheNote(run);
  return `${run.items.length} of ${run.candidateCount} candidates · ${forTerminal(run.provider)} · ${forTerminal(run.model)} · ${requests}${cached ? ` · ${cached}` : ''} · ${run.durationMs} ms`;
}

/** A message for stderr: "rerank: <message>" on exactly one line, whatever the message holds. */
export function stderrLine(message: string): string {
  return `rerank: ${forTerminal(message)}\n`;
}

function formatScore(score: number): string {
  return Math.abs(score) >= 1000 ? score.toExponential(2) : score.toFixed(4);
}

/** The first line with text in it; a lone CR ends a line here as it does for the chunker. */
function firstLine(text: string): string {
  return (text.split(/\r\n?|\n/).find((l) => l.trim() !== '') ?? '').trim();
}

/**
 * Cut to `max` terminal columns with "…", between user-perceived characters (never inside an
 * emoji, a flag or a letter and its accents): a table's columns, where core's truncate counts characters.
 */
function fitColumns(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let kept = '';
  let width = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = clusterWidth(segment);
    if (width + w > max - 1) break;
    kept += segment;
    width += w;
  }
  return `${kept}…`;
}

function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Columns a terminal gives `text`: two for East Asian wide and fullwidth characters and emoji
 * shown as pictures, none for combining marks and zero-width characters, one for the rest,
 * counted per user-perceived character.
 */
export function displayWidth(text: string): number {
  // Most text is ASCII: one column a character.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of graphemes.segment(text)) width += clusterWidth(segment);
  return width;
}

/** Marks and format characters draw nothing (a soft hyphen is drawn as a hyphen). */
const ZERO_WIDTH = /^(?:(?!\u00ad)(?:\p{Mn}|\p{Me}|\p{Cf})|[\u200b\u1160-\u11ff])+$/u;
/** Emoji drawn as pictures: by default, or asked for with VS16, keycaps and flags. */
const PICTURE = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\ufe0f|\u20e3|\p{Regional_Indicator}/u;
/** VS15 asks for the text form of an emoji: one column. */
const TEXT_FORM = /\ufe0e/;

function clusterWidth(cluster: string): number {
  if (ZERO_WIDTH.test(cluster)) return 0;
  const first = cluster.codePointAt(0) as number;
  if (TEXT_FORM.test(cluster)) return isWide(first) ? 2 : 1;
  if (PICTURE.test(cluster)) return 2;
  return isWide(first) ? 2 : 1;
}

/** East Asian Wide (W) and Fullwidth (F) code points, as terminals draw them (after Unicode's EastAsianWidth.txt). */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) || // Hangul Jamo leading consonants
    c === 0x2329 ||
    c === 0x232a || // angle brackets
    (c >= 0x2e80 && c <= 0x303e) || // CJK radicals, Kangxi, ideographic description, CJK symbols
    (c >= 0x3041 && c <= 0x33ff) || // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xa000 && c <= 0xa4cf) || // Yi
    (c >= 0xa960 && c <= 0xa97f) || // Hangul Jamo extended A
    (c >= 0xac00 && c <= 0xd7a3) || // Hangul syllables
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe10 && c <= 0xfe19) || // vertical forms
    (c >= 0xfe30 && c <= 0xfe6f) || // CJK compatibility forms, small form variants
    (c >= 0xff00 && c <= 0xff60) || // fullwidth forms
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x16fe0 && c <= 0x18aff) || // ideographic symbols, Tangut
    (c >= 0x1b000 && c <= 0x1b2ff) || // Kana supplement and extensions
    (c >= 0x1f200 && c <= 0x1f2ff) || // enclosed ideographic supplement
    (c >= 0x20000 && c <= 0x3fffd) // CJK extensions B and later
  );
}
