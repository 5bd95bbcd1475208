// The localization is complete and in step with the code: every l10n.t message of src/ is in
// l10n/bundle.l10n.json (and nothing else is), package.json's texts all come from
// package.nls.json (and every key there is used), and the extension hands VS Code no literal prose
// that skips l10n.t. `npm run l10n` rewrites the bundle.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BUNDLE, PACKAGE_NLS, ROOT, extractBundle, isPseudoLocalized, pseudoLocalize, readJson, unlocalizedProse, type Bundle } from '../../scripts/l10n';

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
  it('finds every l10n.t message as a literal, so the bundle can hold it', () => {
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
    assert.equal(readFileSync(BUNDLE, 'utf8'), `${JSON.stringify(wanted, null, 2)}\n`, 'l10n/bundle.l10n.json is not as npm run l10n writes it');
  });

  it('reads messages, comments and plurals from the calls, and refuses a message that is not a literal', () => {
    const { bundle, problems } = extractBundle(FIXTURES);
    assert.deepEqual(bundle, {
      '1 file left out': '1 file left out',
      'Open/a button that opens the file': { message: 'Open', comment: ['a button that opens the file'] },
      'Rerank: API key stored for {0}.': 'Rerank: API key stored for {0}.',
      '{0} files left out': '{0} files left out',
    });
    assert.deepEqual(problems, ['test/fixtures/l10n/sample.ts:9: the message must be a string literal (a translator can only translate a whole, fixed sentence)']);
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

describe('the pseudo locale', () => {
  it('marks a whole line and keeps its placeholders', () => {
    assert.equal(pseudoLocalize('Rerank: API key stored for {0}.'), '⟦Rerank: API key stored for {0}.⟧');
    assert.ok(isPseudoLocalized(pseudoLocalize('Show Log')));
    assert.ok(!isPseudoLocalized('Show Log'));
  });

  it('keeps a line that is only a link a button, its text marked', () => {
    assert.equal(pseudoLocalize('No runs yet.\n[Set API Key](command:rerank.setApiKey)'), '⟦No runs yet.⟧\n[⟦Set API Key⟧](command:rerank.setApiKey)');
  });
});
