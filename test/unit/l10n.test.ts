// The localization is complete and in step with the code: every l10n.t message of src/ is in
// l10n/bundle.l10n.json (and nothing else is), package.json's texts all come from
// package.nls.json (and every key there is used), and the extension hands VS Code no literal prose
// that skips l10n.t. `npm run l10n` (l10n-dev export) rewrites the bundle.

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { BUNDLE, PACKAGE_NLS, ROOT, extractBundle, readJson, unlocalizedProse, type Bundle } from '../support/l10nSource';
import { isPseudoLocalized, pseudoLocalize } from '../support/pseudoLocale';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'l10n');
const manifest = readJson<Record<string, unknown>>(path.join(ROOT, 'package.json'));
const nls = readJson<Record<string, string>>(PACKAGE_NLS);

/** Every string of package.json with its JSON path. */
function strings(value: unknown, at: string[] = []): { at: string[]; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...at, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...at, k]));
  return [];
}

const NLS_KEY = /^%(.+)%$/;

/**
 * Whether a text at this path of package.json is shown to a user: titles, names, descriptions,
 * welcome and walkthrough texts. What a language model reads (a tool's modelDescription and input
 * schema) and identifiers are not.
 */
function shownToUser(at: readonly string[]): boolean {
  const key = at[at.length - 1] ?? '';
  const parent = at[at.length - 2] ?? '';
  if (at.includes('inputSchema') || key === 'modelDescription') return false;
  if (at.length === 1) return key === 'displayName' || key === 'description';
  if (['title', 'category', 'contextualTitle', 'contents', 'description', 'markdownDescription', 'displayName', 'userDescription', 'fullName', 'altText', 'deprecationMessage', 'markdownDeprecationMessage'].includes(key)) return true;
  if (parent === 'enumDescriptions' || parent === 'markdownEnumDescriptions') return true;
  return key === 'name' && at[1] === 'views';
}

describe('localization', () => {
  it('finds every l10n.t message as a literal in a file l10n-dev export reads, so the bundle holds it', () => {
    assert.deepEqual(extractBundle().problems, []);
  });

  it('has every l10n.t message of src/ in l10n/bundle.l10n.json, and no message the code no longer uses (npm run l10n)', () => {
    const wanted = extractBundle().bundle;
    const current = readJson<Bundle>(BUNDLE);
    assert.deepEqual(
      Object.keys(wanted).filter((k) => !(k in current)),
      [],
      'missing from l10n/bundle.l10n.json: run npm run l10n',
    );
    assert.deepEqual(
      Object.keys(current).filter((k) => !(k in wanted)),
      [],
      'in l10n/bundle.l10n.json but in no l10n.t call: run npm run l10n',
    );
    assert.deepEqual(current, wanted, 'an entry of l10n/bundle.l10n.json differs from its call: run npm run l10n');
  });

  it('reads messages, comments and plurals from the calls, and refuses what l10n-dev export would skip', () => {
    const { bundle, problems } = extractBundle(FIXTURES);
    assert.deepEqual(bundle, {
      '1 file left out': '1 file left out',
      'Open/a button that opens the file': { message: 'Open', comment: ['a button that opens the file'] },
      'Rerank: API key stored for {0}.': 'Rerank: API key stored for {0}.',
      '{0} files left out': '{0} files left out',
    });
    assert.deepEqual(problems, [
      'test/fixtures/l10n/sample.ts:9: the message must be a string literal (a translator can only translate a whole, fixed sentence)',
      "test/fixtures/l10n/unread.ts:2: l10n-dev export reads l10n.t calls only in files that import 'vscode' or '@vscode/l10n' (`import type * as vscode from 'vscode'` will do)",
    ]);
  });

  it("shows no literal prose that skips l10n.t (messages, buttons, quick picks, input boxes, the panel's words)", () => {
    // The symlink label goes into a sentence of src/sources, shared with the CLI and not localized.
    const allowed = ["'the workspace'"];
    const found = unlocalizedProse().filter((line) => !allowed.some((text) => line.endsWith(`: ${text}`)));
    assert.deepEqual(found, []);
  });

  it('finds literal prose handed to a message or a quick pick', () => {
    assert.deepEqual(unlocalizedProse([FIXTURES]), ['test/fixtures/l10n/sample.ts:10: `Rerank: could not read ${name}`', "test/fixtures/l10n/sample.ts:11: 'Rerank: provider'"]);
  });

  it('resolves every %key% of package.json in package.nls.json', () => {
    const missing = strings(manifest)
      .map(({ text }) => NLS_KEY.exec(text)?.[1])
      .filter((key): key is string => key !== undefined && !(key in nls));
    assert.deepEqual(missing, []);
  });

  it('uses every key of package.nls.json in package.json', () => {
    const used = new Set(strings(manifest).map(({ text }) => NLS_KEY.exec(text)?.[1]));
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), [], 'package.nls.json keys no %key% of package.json names');
  });

  it('takes every title, name and description of package.json from package.nls.json', () => {
    const plain = strings(manifest)
      .filter(({ at, text }) => shownToUser(at) && !NLS_KEY.test(text))
      .map(({ at, text }) => `${at.join('.')}: ${text.slice(0, 60)}`);
    assert.deepEqual(plain, [], 'move these texts into package.nls.json and name their keys in package.json as "%key%"');
  });
});

describe('the pseudo locale (l10n-dev generate-pseudo)', () => {
  it('accents every letter and keeps placeholders, icons and command links', () => {
    assert.equal(pseudoLocalize('Rerank: API key stored for {0}.'), 'Řḗḗřȧȧƞķ: ȦȦƤĪ ķḗḗẏ şŧǿǿřḗḗḓ ƒǿǿř {0}.');
    assert.equal(pseudoLocalize('$(copy) Copy'), '$(copy) Ƈǿǿƥẏ');
    assert.equal(pseudoLocalize('[Set API Key](command:rerank.setApiKey)'), '[Şḗḗŧ ȦȦƤĪ Ķḗḗẏ](command:rerank.setApiKey)');
  });

  it('counts a text as marked only when it holds a pseudo-localized message', () => {
    assert.ok(isPseudoLocalized(pseudoLocalize('Show Log')));
    assert.ok(isPseudoLocalized(`notes.txt: ${pseudoLocalize('ranking {0} selected blocks')}`));
    assert.ok(!isPseudoLocalized('Show Log'));
    assert.ok(!isPseudoLocalized('Rerank: 3 results for {0}. Café, naïve, déjà vu: é is not a mark.'));
  });
});
