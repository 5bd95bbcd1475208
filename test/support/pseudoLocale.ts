// The qps-ploc pseudo locale the end-to-end layer runs in, as `l10n-dev generate-pseudo` makes it:
// every letter of a message replaced by an accented look-alike (vowels doubled), its placeholders
// ({0}), icons ($(copy)) and command links ((command:…)) kept. The files are generated into an
// installed copy of the extension; the .vsix carries English only.

import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { getL10nPseudoLocalized } from '@vscode/l10n-dev';

/** VS Code's pseudo-localization language id, generate-pseudo's default. */
export const PSEUDO_LOCALE = 'qps-ploc';

const ROOT = path.resolve(__dirname, '../..');
const L10N_DEV = path.join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');

/** A message as the pseudo locale shows it (what generate-pseudo writes for it). */
export function pseudoLocalize(text: string): string {
  return getL10nPseudoLocalized({ text }).text as string;
}

/** The letters generate-pseudo puts in place of the ASCII ones: none of them is ASCII. */
const PSEUDO_LETTERS = new Set([...pseudoLocalize('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')]);

/**
 * Whether a text shown on screen holds a pseudo-localized message: a letter only generate-pseudo
 * writes. English alone never does; data around a message (a file name, a query) may stay ASCII.
 */
export function isPseudoLocalized(text: string): boolean {
  return [...text].some((c) => PSEUDO_LETTERS.has(c));
}

/**
 * Runs `l10n-dev generate-pseudo` on an extension folder's bundle and package.nls.json, which
 * writes l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json beside them.
 */
export function writePseudoLocale(extensionDir: string): void {
  const files = [path.join(extensionDir, 'l10n', 'bundle.l10n.json'), path.join(extensionDir, 'package.nls.json')];
  const result = spawnSync(process.execPath, [L10N_DEV, 'generate-pseudo', '--language', PSEUDO_LOCALE, ...files], { cwd: extensionDir, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`l10n-dev generate-pseudo failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}`);
}
