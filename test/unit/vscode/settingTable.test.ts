import * as assert from 'node:assert/strict';
import { PROFILE_NAMES } from '../../../src/providers/profiles';
import { localizedManifest } from '../../support/manifest';
import { SETTINGS, SETTING_GROUPS, bounded, oneOf, type BoundedSetting, type SettingSpec } from '../../../src/vscode/settingTable';

interface Property {
  type?: unknown;
  default?: unknown;
  enum?: unknown[];
  enumDescriptions?: unknown[];
  minimum?: number;
  maximum?: number;
  scope?: string;
  order?: number;
  description?: string;
  markdownDescription?: string;
}

interface Section {
  title?: string;
  order?: number;
  properties: Record<string, Property>;
}

const manifest = localizedManifest() as { contributes: { configuration: Section | Section[] } };
const sections = [manifest.contributes.configuration].flat();
const properties: Record<string, Property> = Object.assign({}, ...sections.map((s) => s.properties));
const table = Object.entries(SETTINGS) as [string, SettingSpec][];

describe('the setting table', () => {
  it('names every setting package.json declares, and no other', () => {
    assert.deepEqual(Object.keys(properties).sort(), table.map(([key]) => `rerank.${key}`).sort());
  });

  for (const [key, spec] of table) {
    it(`rerank.${key}: package.json declares its type, default, values, bounds and scope`, () => {
      const declared = properties[`rerank.${key}`] ?? {};
      assert.deepEqual(
        { type: declared.type, default: declared.default, enum: declared.enum, minimum: declared.minimum, maximum: declared.maximum, scope: declared.scope },
        { type: spec.type, default: spec.default, enum: spec.enum ? [...spec.enum] : undefined, minimum: spec.minimum, maximum: spec.maximum, scope: spec.scope },
      );
      if (declared.enumDescriptions) assert.equal(declared.enumDescriptions.length, declared.enum?.length, 'one description per value');
      assert.ok(declared.description ?? declared.markdownDescription, 'it says what it does');
    });
  }

  it('offers every provider of the profile table, offline first, each described', () => {
    const provider = properties['rerank.provider'];
    assert.deepEqual(provider?.enum, ['local', ...PROFILE_NAMES]);
    assert.equal(provider?.enumDescriptions?.length, PROFILE_NAMES.length + 1);
  });

  it('shows the settings in titled groups, in order: Provider, Results, Selection, Workspace, Prompt, Advanced', () => {
    assert.deepEqual(
      sections.map((s) => [s.title, s.order]),
      SETTING_GROUPS.map((title, order) => [title, order + 1]),
    );
  });

  it('puts each setting in its group, in the table\'s order (provider, endpoint and model first)', () => {
    for (const [index, title] of SETTING_GROUPS.entries()) {
      const declared = Object.entries(sections[index]?.properties ?? {})
        .sort(([, a], [, b]) => (a.order ?? Infinity) - (b.order ?? Infinity))
        .map(([key]) => key);
      const wanted = table.filter(([, spec]) => spec.group === title).map(([key]) => `rerank.${key}`);
      assert.deepEqual(declared, wanted, title);
    }
    assert.deepEqual(table.slice(0, 3).map(([key]) => key), ['provider', 'endpoint', 'model']);
  });
});

describe('reading a setting with the table', () => {
  it('clamps what a settings file may hold out of bounds, and takes the default for what is not a number', () => {
    const cases: [BoundedSetting, unknown, number][] = [
      ['topK', 100_000, 10_000],
      ['topK', 0, 1],
      ['historySize', 1e9, 200],
      ['maxRetries', -3, 0],
      ['chunk.tokens', 12.7, 50],
      ['concurrency', 7.9, 7],
      ['timeoutSeconds', '30', 60],
      ['timeoutSeconds', Number.NaN, 60],
      ['topK', undefined, 10],
    ];
    for (const [name, value, expected] of cases) assert.equal(bounded(name, value), expected, `${name} = ${String(value)}`);
  });

  it('keeps an allowed value and takes the default for any other', () => {
    assert.equal(oneOf('provider', 'jina'), 'jina');
    assert.equal(oneOf('provider', 'openai'), 'cohere');
    assert.equal(oneOf('prompt.order', 'file'), 'file');
    assert.equal(oneOf('prompt.order', 7), 'rank');
  });
});
