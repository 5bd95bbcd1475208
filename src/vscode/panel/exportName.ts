// The name a save dialog suggests for an export. Pure, so it is tested without VS Code.

import type { Run } from '../../core/types';
import type { ExportFormat } from '../../webview/protocol';

const EXTENSION: Record<ExportFormat, string> = { json: 'json', csv: 'csv', markdown: 'md' };

/** "rerank-how-do-i-retry.csv": the query in lowercase ASCII words, safe on any file system. */
export function exportFileName(run: Run | undefined, format: ExportFormat): string {
  const slug = (run?.query ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `rerank-${slug || 'results'}.${EXTENSION[format]}`;
}
