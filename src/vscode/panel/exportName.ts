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

/** The folder a remembered value names: a URI string as saveExport stores it, else undefined (state from an older or damaged store). */
export function rememberedFolder(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/?[^\s]*$/i.test(value) ? value : undefined;
}

/** Where the save dialog opens: the folder of the last export (when it still exists), else the workspace folder, else the home folder (if the host has one). */
export function exportFolder(lastUsed: string | undefined, workspaceFolder: string | undefined, home: string | undefined): string | undefined {
  return lastUsed ?? workspaceFolder ?? home;
}
