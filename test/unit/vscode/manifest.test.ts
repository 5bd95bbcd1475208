import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VIEW_TYPE } from '../../../src/vscode/panel/page';

interface Manifest {
  activationEvents: string[];
  contributes: { views: Record<string, { id: string }[]>; menus: Record<string, { when?: string }[]>; viewsWelcome: { view: string }[] };
}

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as Manifest;
const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);

describe('the results panel and the results tree in package.json', () => {
  it('give the panel a viewType of its own, shared with no view', () => {
    assert.equal(VIEW_TYPE, 'rerank.resultsPanel');
    assert.ok(!viewIds.includes(VIEW_TYPE), `views: ${viewIds.join(', ')}`);
  });

  it('activate on the panel being restored after a reload, under its viewType', () => {
    assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${VIEW_TYPE}`), manifest.activationEvents.join(', '));
    for (const event of manifest.activationEvents.filter((e) => e.startsWith('onWebviewPanel:'))) assert.equal(event, `onWebviewPanel:${VIEW_TYPE}`);
  });

  it('name only views that exist in menus and welcome content', () => {
    const named = [
      ...Object.values(manifest.contributes.menus).flat().flatMap((m) => [...(m.when ?? '').matchAll(/view == ([\w.]+)/g)].map((x) => x[1])),
      ...manifest.contributes.viewsWelcome.map((w) => w.view),
    ];
    assert.ok(named.length > 0);
    assert.deepEqual([...new Set(named)].filter((id) => !viewIds.includes(id as string)), []);
  });
});
