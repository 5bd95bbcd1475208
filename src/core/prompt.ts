// Prompt context from a run: the best results packed into Markdown within a token budget, each
// with its source and its text in a fenced block. One function serves the CLI, the tree, the
// panel and the language-model tool.

import { languageIdForPath } from './languages';
import { blockText, markdownLine } from './outsideText';
import { baseName, sourceLabel } from './source';
import { estimateTokens } from './tokens';
import type { Run, RunItem } from './types';

export interface PromptOptions {
  /** Estimated tokens the whole context may take, header and notes included (default 4,000; at least MIN_PROMPT_BUDGET). */
  budgetTokens?: number;
  /** Only these candidate indices (a user's pick in the tree or panel). The run's own cut-off (aboveMinScore) is the caller's to apply. */
  itemIndices?: readonly number[];
  /** "rank" (default): best first; "file": grouped by file, in line order. */
  order?: 'rank' | 'file';
}

export interface PromptContext {
  text: string;
  tokens: number;
  /** Ranks packed, in the order they appear. */
  included: number[];
  /** Ranks left out for the budget: the first that did not fit and every one after it. */
  omitted: number[];
}

const DEFAULT_PROMPT_BUDGET = 4_000;
/** The smallest budget the whole context always fits in: a header with the query cut short and the note that everything was left out. */
export const MIN_PROMPT_BUDGET = 64;
/** The note lists the ranks left out while it takes at most this; scattered ranks are only counted. */
const MAX_NOTE_TOKENS = 40;

/** One block of the context: a result, or several overlapping or adjacent chunks of one file merged. */
interface Section {
  ranks: number[];
  score: number;
  source: string;
  /** What the passage sits in (a heading, a declaration), shown after the source. */
  title?: string;
  /** `path` has the folder label in front when a run spans several folders: chunks merge by it. */
  file?: { path: string; startLine: number; endLine: number };
  language: string;
  text: string;
}

/**
 * The whole text (header, sections, the note of what was left out) stays within the budget, as
 * the token estimate counts it, for any budget of MIN_PROMPT_BUDGET and more. Labels and the
 * query are one escaped Markdown line each; passages sit in fences they cannot close.
 */
export function packPromptContext(run: Run, options: PromptOptions = {}): PromptContext {
  const budget = Math.max(MIN_PROMPT_BUDGET, options.budgetTokens ?? DEFAULT_PROMPT_BUDGET);
  const chosen = chooseItems(run, options);
  const header = headerFor(run.query, budget);
  // Each section counted with the widest number it can get and the line that joins it to the next.
  const costs = chosen.map((item) => estimateTokens(`${renderSection(toSection(item), chosen.length)}\n`));
  // Packing counts each section on its own, never less than it costs in the text; the note of what
  // was left out is measured on the text made, and packing runs again with that much kept free
  // (the note takes at most MAX_NOTE_TOKENS, so this ends in a round or two).
  let reserve = 0;
  for (;;) {
    const packed = pack(chosen, costs, estimateTokens(header) + reserve, budget);
    const sections = mergeSections(packed.kept.map(toSection));
    if (options.order === 'file') sections.sort(byFileAndLine);
    const body = sections.map((s, i) => renderSection(s, i + 1)).join('\n');
    const note = omissionNote(packed.omitted, budget);
    const text = header + body + note;
    const tokens = estimateTokens(text);
    if (tokens <= budget || packed.kept.length === 0) return { text, tokens, included: sections.flatMap((s) => s.ranks), omitted: packed.omitted };
    reserve = Math.max(reserve + tokens - budget, estimateTokens(note));
  }
}

/** "# Context for: <query>", the query cut short ("…") where it would take over a quarter of the budget. */
function headerFor(query: string, budget: number): string {
  const render = (shown: string) => `# Context for: ${markdownLine(shown)}\n\n`;
  const limit = Math.floor(budget / 4);
  if (estimateTokens(render(query)) <= limit) return render(query);
  const chars = Array.from(query);
  let low = 0;
  let high = chars.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (estimateTokens(render(`${chars.slice(0, mid).join('')}…`)) <= limit) low = mid;
    else high = mid - 1;
  }
  return render(`${chars.slice(0, low).join('')}…`);
}

/**
 * Results in rank order, each whole or not at all (half a function misleads more than it helps),
 * up to the first that does not fit: a small low-ranked chunk never takes the place of better ones.
 */
function pack(chosen: readonly RunItem[], costs: readonly number[], used: number, budget: number): { kept: RunItem[]; omitted: number[] } {
  let tokens = used;
  let fits = 0;
  while (fits < chosen.length && tokens + (costs[fits] as number) <= budget) tokens += costs[fits++] as number;
  return { kept: chosen.slice(0, fits), omitted: chosen.slice(fits).map((item) => item.rank) };
}

/** "4,000": one formatter, since toLocaleString builds a new one each call. */
const counts = new Intl.NumberFormat('en-US');

/** "Ranks 3–10 left out: over the 4,000-token budget.", or only how many where listing them would make the note long. */
function omissionNote(omitted: readonly number[], budget: number): string {
  if (omitted.length === 0) return '';
  const note = (what: string) => `\n_${what} left out: over the ${counts.format(budget)}-token budget._\n`;
  const full = note(`${omitted.length === 1 ? 'Rank' : 'Ranks'} ${rankRuns(omitted)}`);
  return estimateTokens(full) <= MAX_NOTE_TOKENS ? full : note(`${counts.format(omitted.length)} result${omitted.length === 1 ? '' : 's'}`);
}

/** Ranks in ascending order as "2, 4, 7–12": three or more in a row become a range. */
export function rankRuns(ranks: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ranks.length; ) {
    let j = i;
    while (j + 1 < ranks.length && (ranks[j + 1] as number) === (ranks[j] as number) + 1) j++;
    if (j - i >= 2) parts.push(`${ranks[i] as number}–${ranks[j] as number}`);
    else for (let k = i; k <= j; k++) parts.push(String(ranks[k]));
    i = j + 1;
  }
  return parts.join(', ');
}

function chooseItems(run: Run, options: PromptOptions): RunItem[] {
  if (!options.itemIndices) return run.items.slice();
  const wanted = new Set(options.itemIndices);
  return run.items.filter((i) => wanted.has(i.index));
}

function toSection(item: RunItem): Section {
  const s = item.candidate.source;
  const base = { ranks: [item.rank], score: item.score, text: blockText(item.candidate.text), ...(item.candidate.title ? { title: item.candidate.title } : {}) };
  switch (s.kind) {
    case 'file':
      // The folder label is part of the path: the same relative path in two folders is two files.
      return { ...base, source: sourceLabel(s), language: languageIdForPath(s.path), ...(s.range ? { file: { path: s.root ? `${s.root}/${s.path}` : s.path, ...s.range } } : {}) };
    case 'selection':
      return { ...base, source: `${sourceLabel(s)} (${baseName(s.uri)}:${s.range.startLine}-${s.range.endLine})`, language: languageIdForPath(s.uri) };
    case 'input':
      return { ...base, source: `document ${s.index}`, language: '' };
  }
}

/**
 * Chunks of one file that overlap or touch become one section spanning their lines. Chunk texts
 * are exactly their lines, so the union is the first text plus the lines past its end.
 */
function mergeSections(sections: Section[]): Section[] {
  const out: Section[] = [];
  for (const section of sections) {
    const target = section.file && out.find((o) => o.file && o.file.path === section.file?.path && touches(o.file, section.file));
    if (!target || !target.file || !section.file) {
      out.push({ ...section, ranks: [...section.ranks] });
      continue;
    }
    const [first, second] = target.file.startLine <= section.file.startLine ? [target, section] : [section, target];
    const a = first.file as NonNullable<Section['file']>;
    const b = second.file as NonNullable<Section['file']>;
    const extra = second.text.split('\n').slice(a.endLine - b.startLine + 1);
    target.text = b.endLine > a.endLine ? [first.text, ...extra].join('\n') : first.text;
    target.file = { path: a.path, startLine: a.startLine, endLine: Math.max(a.endLine, b.endLine) };
    target.source = `${a.path}:${target.file.startLine}-${target.file.endLine}`;
    target.ranks.push(...section.ranks);
    target.score = Math.max(target.score, section.score);
  }
  return out;
}

function touches(a: { startLine: number; endLine: number }, b: { startLine: number; endLine: number }): boolean {
  return a.startLine <= b.endLine + 1 && b.startLine <= a.endLine + 1;
}

function byFileAndLine(a: Section, b: Section): number {
  const pa = a.file?.path ?? a.source;
  const pb = b.file?.path ?? b.source;
  return pa < pb ? -1 : pa > pb ? 1 : (a.file?.startLine ?? 0) - (b.file?.startLine ?? 0);
}

function renderSection(section: Section, number: number): string {
  const fence = fenceFor(section.text);
  const ranks = section.ranks.length === 1 ? `rank ${section.ranks[0]}` : `ranks ${section.ranks.join(', ')}`;
  const title = section.title ? ` — ${markdownLine(section.title)}` : '';
  return `## ${number}. ${markdownLine(section.source)}${title} (${ranks})\n\n${fence}${section.language}\n${section.text}\n${fence}\n`;
}

/** A fence longer than any run of backticks in the text, so the text cannot close it (a run of tildes cannot close a fence of backticks). */
function fenceFor(text: string): string {
  const longest = (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
  return '`'.repeat(Math.max(3, longest + 1));
}
