// The localization bundle, made the way `@vscode/l10n-dev export` makes it: every `l10n.t(...)`
// call under src/ (the extension's `vscode.l10n.t` and the panel's `l10n.t` of
// src/webview/l10n.ts) gives one entry of l10n/bundle.l10n.json, keyed by its English message
// (`message/comment` when it has a comment). Also the pseudo locale the end-to-end layer runs
// in: every string of the bundle and of package.nls.json wrapped in ⟦…⟧.
//
//   npm run l10n                 writes l10n/bundle.l10n.json
//   npm run l10n -- --check      fails when the bundle is not what the code says
//   npm run l10n -- --pseudo DIR writes DIR/l10n/bundle.l10n.qps-ploc.json and DIR/package.nls.qps-ploc.json

import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');
export const PACKAGE_NLS = path.join(ROOT, 'package.nls.json');
/** The pseudo locale's tag: VS Code's own pseudo-localization language id. */
export const PSEUDO_LOCALE = 'qps-ploc';

export type BundleEntry = string | { message: string; comment: string[] };
export type Bundle = Record<string, BundleEntry>;

export interface Extracted {
  bundle: Bundle;
  /** Calls whose message is not a literal (the bundle cannot hold them), as `file:line: why`. */
  problems: string[];
}

/** Every .ts file under `dir`, sorted, so the bundle does not depend on the file system's order. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** `l10n.t(…)` or `vscode.l10n.t(…)`. */
function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return false;
  const callee = node.expression;
  if (callee.name.text !== 't') return false;
  const target = callee.expression;
  return (ts.isIdentifier(target) && target.text === 'l10n') || (ts.isPropertyAccessExpression(target) && target.name.text === 'l10n');
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node !== undefined && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** The bundle entry of one call: `t('message', …)` or `t({ message, comment, args })`. */
function entryOf(call: ts.CallExpression): { key: string; entry: BundleEntry } | string {
  const first = call.arguments[0];
  const message = literalText(first);
  if (message !== undefined) return { key: message, entry: message };
  if (first === undefined || !ts.isObjectLiteralExpression(first)) return 'the message must be a string literal (a translator can only translate a whole, fixed sentence)';
  let text: string | undefined;
  let comment: string[] = [];
  for (const prop of first.properties) {
    if (!ts.isPropertyAssignment(prop) || !ts.isIdentifier(prop.name)) continue;
    if (prop.name.text === 'message') text = literalText(prop.initializer);
    if (prop.name.text === 'comment') {
      const init = prop.initializer;
      const one = literalText(init);
      if (one !== undefined) comment = [one];
      else if (ts.isArrayLiteralExpression(init)) comment = init.elements.map((e) => literalText(e) ?? '');
    }
  }
  if (text === undefined) return '`message` must be a string literal';
  if (comment.length === 0) return { key: text, entry: text };
  return { key: `${text}/${comment.join('')}`, entry: { message: text, comment } };
}

/** The bundle the sources under `srcDir` call for, keys sorted (so parallel additions merge cleanly). */
export function extractBundle(srcDir = path.join(ROOT, 'src')): Extracted {
  const found = new Map<string, BundleEntry>();
  const problems: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('l10n.t(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (isL10nCall(node)) {
        const result = entryOf(node);
        if (typeof result === 'string') {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          problems.push(`${path.relative(ROOT, file)}:${line + 1}: ${result}`);
        } else {
          found.set(result.key, result.entry);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const bundle: Bundle = {};
  for (const key of [...found.keys()].sort()) bundle[key] = found.get(key) as BundleEntry;
  return { bundle, problems };
}

/**
 * Calls whose arguments a user reads (every argument, or the ones listed): VS Code's messages and
 * the panel's DOM helpers (src/webview/dom.ts). And the properties a user reads: of quick picks,
 * input boxes and dialogs, and of the panel's elements.
 */
const SHOWN_CALLS = new Map<string, readonly number[] | 'all'>([
  ['showInformationMessage', 'all'],
  ['showWarningMessage', 'all'],
  ['showErrorMessage', 'all'],
  ['setStatusBarMessage', 'all'],
  ['createWebviewPanel', 'all'],
  ['markdown', 'all'],
  ['progress', 'all'],
  ['el', [2]],
  ['button', [1, 2]],
  ['labelled', [0]],
  ['option', [1]],
]);
const SHOWN_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder']);
const SHOWN_PROPERTIES = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'detail', 'label', 'description', 'tooltip', 'saveLabel', 'openLabel', 'invocationMessage', 'message', 'name', 'textContent']);

/** Prose written straight into the UI: a string or template literal with a letter in its fixed text. */
function isProseLiteral(node: ts.Node): boolean {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return /\p{L}{2}/u.test(node.text.replace(/\$\([\w-]+\)/g, ''));
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].some((t) => /\p{L}{2}/u.test(t.replace(/\$\([\w-]+\)/g, '')));
  return false;
}

/**
 * Literal prose the code under `dirs` hands to the UI without l10n.t: a message, a button, a quick
 * pick's or input box's text, a word of the panel. As `file:line: text`.
 */
export function unlocalizedProse(dirs = [path.join(ROOT, 'src', 'vscode'), path.join(ROOT, 'src', 'webview')]): string[] {
  const found: string[] = [];
  for (const file of dirs.flatMap((dir) => sourceFiles(dir))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const report = (node: ts.Node) => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${path.relative(ROOT, file)}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
    };
    const visit = (node: ts.Node): void => {
      if (isL10nCall(node)) return; // its `message` is the localized text
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : '';
        const shown = SHOWN_CALLS.get(callee);
        node.arguments.forEach((arg, i) => {
          if ((shown === 'all' || shown?.includes(i)) && isProseLiteral(arg)) report(arg);
        });
        const [name, value] = node.arguments;
        if (callee === 'setAttribute' && name !== undefined && SHOWN_ATTRIBUTES.has(literalText(name) ?? '') && value !== undefined && isProseLiteral(value)) report(value);
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && SHOWN_PROPERTIES.has(node.name.text) && isProseLiteral(node.initializer)) report(node.initializer);
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && SHOWN_PROPERTIES.has(node.left.name.text) && isProseLiteral(node.right)) report(node.right);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const PSEUDO_OPEN = '⟦';
const PSEUDO_CLOSE = '⟧';
const LINK_LINE = /^\[([^\]]*)\]\(([^)]*)\)$/;

/**
 * A string marked as translated: each line wrapped in ⟦…⟧, except that a line holding only a
 * Markdown link (a button in welcome views and walkthroughs) gets its link text marked, so it
 * stays a button. Placeholders ({0}) and the rest of the text are kept as they are.
 */
export function pseudoLocalize(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line === '') return line;
      const link = LINK_LINE.exec(line);
      if (link) return `[${PSEUDO_OPEN}${link[1]}${PSEUDO_CLOSE}](${link[2]})`;
      return `${PSEUDO_OPEN}${line}${PSEUDO_CLOSE}`;
    })
    .join('\n');
}

export function isPseudoLocalized(text: string): boolean {
  return text.includes(PSEUDO_OPEN) && text.includes(PSEUDO_CLOSE);
}

/** The pseudo locale's files, written into an extension folder (an installed copy, for the e2e layer). */
export function writePseudoLocale(extensionDir: string, bundle: Bundle = readJson<Bundle>(BUNDLE), nls: Record<string, string> = readJson(PACKAGE_NLS)): void {
  const pseudoBundle: Record<string, string> = {};
  for (const [key, entry] of Object.entries(bundle)) pseudoBundle[key] = pseudoLocalize(typeof entry === 'string' ? entry : entry.message);
  const pseudoNls: Record<string, string> = {};
  for (const [key, value] of Object.entries(nls)) pseudoNls[key] = pseudoLocalize(value);
  mkdirSync(path.join(extensionDir, 'l10n'), { recursive: true });
  writeJson(path.join(extensionDir, 'l10n', `bundle.l10n.${PSEUDO_LOCALE}.json`), pseudoBundle);
  writeJson(path.join(extensionDir, `package.nls.${PSEUDO_LOCALE}.json`), pseudoNls);
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function main(args: string[]): number {
  const { bundle, problems } = extractBundle();
  if (problems.length > 0) {
    console.error(`l10n: these calls cannot go into the bundle:\n${problems.join('\n')}`);
    return 1;
  }
  const pseudo = args.indexOf('--pseudo');
  if (pseudo >= 0) {
    const dir = args[pseudo + 1];
    if (dir === undefined) {
      console.error('l10n: --pseudo needs the extension folder to write into');
      return 2;
    }
    writePseudoLocale(dir, bundle);
    console.log(`l10n: wrote the ${PSEUDO_LOCALE} pseudo locale into ${dir}`);
    return 0;
  }
  const text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (args.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(BUNDLE, 'utf8');
    } catch {
      // missing: stale
    }
    if (current === text) return 0;
    console.error(`l10n: ${path.relative(ROOT, BUNDLE)} is not what the code says: run npm run l10n`);
    return 1;
  }
  mkdirSync(path.dirname(BUNDLE), { recursive: true });
  writeFileSync(BUNDLE, text);
  console.log(`l10n: ${Object.keys(bundle).length} strings in ${path.relative(ROOT, BUNDLE)}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
