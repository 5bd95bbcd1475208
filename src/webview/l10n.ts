// The panel's words in VS Code's display language. The host puts vscode.l10n.bundle (the
// extension's l10n/bundle.l10n.<language>.json; nothing for English) into the page as a JSON block;
// `t` looks a message up by its English text, as vscode.l10n.t does, and keeps the English when
// the bundle has no entry. scripts/l10n.ts extracts these calls into the same bundle as the host's.

import { L10N_ELEMENT_ID } from './protocol';

type Bundle = Record<string, string | { message: string }>;

/** The page's document; none in Node, where unit tests and the host (through format.ts) load this module. */
interface PageDocument {
  getElementById(id: string): { textContent: string | null } | null;
}

function readBundle(): Bundle {
  const page = (globalThis as { document?: PageDocument }).document;
  const text = page?.getElementById(L10N_ELEMENT_ID)?.textContent;
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Bundle) : {};
  } catch {
    return {};
  }
}

/** Read once: the page is built anew whenever the host's language could have changed (a reload). */
const bundle: Readonly<Bundle> = readBundle();

/** The message in the display language, its {0}, {1}… replaced by `args`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  const entry = Object.hasOwn(bundle, message) ? bundle[message] : undefined;
  const text = typeof entry === 'string' ? entry : typeof entry?.message === 'string' ? entry.message : message;
  return text.replace(/\{(\d+)\}/g, (match, index: string) => (args[Number(index)] === undefined ? match : String(args[Number(index)])));
}
