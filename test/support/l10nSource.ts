// What `l10n-dev export` reads from the sources, extracted again with the TypeScript parser (the
// tool itself takes about ten seconds, too slow for a unit test), and the checks it does not make:
// a message that is not a literal (the tool skips it without a word), a file whose `l10n.t` calls
// the tool does not read (it reads only files that import 'vscode' or '@vscode/l10n'), and literal
// prose that reaches the UI without l10n.t. For test/unit/l10n.test.ts.

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');
export const PACKAGE_NLS = path.join(ROOT, 'package.nls.json');

export type BundleEntry = string | { message: string; comment: string[] };
export type Bundle = Record<string, BundleEntry>;

export interface Extracted {
  bundle: Bundle;
  /** Calls l10n-dev cannot put into the bundle, as `file:line: why`. */
  problems: string[];
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
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

/** Whether a file imports 'vscode' or '@vscode/l10n' (a type-only import counts), which l10n-dev needs to read its calls. */
function importsL10n(source: ts.SourceFile): boolean {
  return source.statements.some((s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && ['vscode', '@vscode/l10n'].includes(s.moduleSpecifier.text));
}

/** The bundle the sources under `srcDir` call for, as l10n-dev export makes it (key order aside). */
export function extractBundle(srcDir = path.join(ROOT, 'src')): Extracted {
  const found = new Map<string, BundleEntry>();
  const problems: string[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('l10n.t(')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const imports = importsL10n(source);
    const visit = (node: ts.Node): void => {
      if (isL10nCall(node)) {
        const result = imports ? entryOf(node) : "l10n-dev export reads l10n.t calls only in files that import 'vscode' or '@vscode/l10n' (`import type * as vscode from 'vscode'` will do)";
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
  return { bundle: Object.fromEntries(found), problems };
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
