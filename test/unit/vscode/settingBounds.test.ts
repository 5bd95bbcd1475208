import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SETTING_BOUNDS, bounded, type BoundedSetting } from '../../../src/vscode/settingBounds';

interface Property {
  minimum?: number;
  maximum?: number;
}

describe('setting bounds', () => {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Property> } | { properties: Record<string, Property> }[] } };
  const sections = [manifest.contributes.configuration].flat();
  const properties: Record<string, Property> = Object.assign({}, ...sections.map((s) => s.properties));

  it('are the minimum and maximum package.json declares, for every bounded setting', () => {
    for (const [name, bounds] of Object.entries(SETTING_BOUNDS)) {
      const declared = properties[`rerank.${name}`];
      assert.ok(declared, `rerank.${name} is declared`);
      assert.deepEqual({ minimum: declared.minimum, maximum: declared.maximum }, bounds, `rerank.${name}`);
    }
  });

  it('clamp what a settings file may hold out of bounds, and fall back for what is not a number', () => {
    const cases: [BoundedSetting, unknown, number][] = [
      ['topK', 100_000, 10_000],
      ['topK', 0, 1],
      ['historySize', 1e9, 200],
      ['maxRetries', -3, 0],
      ['chunk.tokens', 12.7, 50],
      ['concurrency', 7.9, 7],
      ['timeoutSeconds', '30', 60],
      ['timeoutSeconds', Number.NaN, 60],
    ];
    for (const [name, value, expected] of cases) assert.equal(bounded(name, value, 60), expected, `${name} = ${String(value)}`);
  });
});
