// The rows the panel shows, as a file: JSON (a Run, readable back), CSV (RFC 4180) or Markdown.
// The panel asks for the rows; the host formats them here (pure) and writes the file.

import type { Run, RunItem } from '../../core/types';
import { formatScore, sourceLabel } from '../../webview/format';
import type { ExportFormat } from '../../webview/protocol';

/** The run with only the given items, in the given order: the same shape as a stored Run. */
export function exportJson(run: Run, items: readonly RunItem[]): string {
  return `${JSON.stringify({ ...run, items }, null, 2)}\n`;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab / CR, which some of them strip
 * first) as a formula. Such text cells get a leading apostrophe, as OWASP advises; numbers that
 * we write ourselves are left alone (a negative logit is a number, not a formula).
 */
function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a quote, a comma or a line break, doubling its quotes. */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_HEADER = ['rank', 'score', 'fused_score', 'source', 'candidate_id', 'text'];

/** Records end with CRLF, as RFC 4180 says; scores are written in full (not rounded for display). */
export function exportCsv(items: readonly RunItem[]): string {
  const lines = [CSV_HEADER.join(',')];
  for (const item of items) {
    const fields = [item.rank, item.score, item.fusedScore, sourceLabel(item.candidate.source), item.candidate.id, item.candidate.text];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Text inside a Markdown table cell, shown as written: a pipe would end the cell and a newline
 * the row, so they become \| and <br>; characters Markdown would read as formatting or HTML
 * (\ ` * _ ~ [ ] < > &) are escaped with a backslash, so a document cannot inject markup.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/[\\`*_~[\]<>&|]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '<br>');
}

export function exportMarkdown(run: Run, items: readonly RunItem[]): string {
  const scoreHeader = run.scoreKind === 'logit' ? 'Logit' : 'Score';
  const lines = [
    `# Rerank results: ${markdownCell(run.query)}`,
    '',
    `${markdownCell(run.provider)} · ${markdownCell(run.model)} · ${items.length} of ${run.items.length} results · ${markdownCell(run.startedAt)}`,
    '',
    `| Rank | ${scoreHeader} | Source | Text |`,
    '| ---: | ---: | --- | --- |',
  ];
  for (const item of items) {
    const cells = [String(item.rank), formatScore(item.score, run.scoreKind), markdownCell(sourceLabel(item.candidate.source)), markdownCell(item.candidate.text)];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function exportRun(format: ExportFormat, run: Run, items: readonly RunItem[]): string {
  switch (format) {
    case 'json':
      return exportJson(run, items);
    case 'csv':
      return exportCsv(items);
    case 'markdown':
      return exportMarkdown(run, items);
  }
}
