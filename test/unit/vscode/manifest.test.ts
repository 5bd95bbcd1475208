import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VIEW_TYPE } from '../../../src/vscode/panel/page';
import { localizedManifest } from '../../support/manifest';

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

interface Step {
  id: string;
  description: string;
  media: { image?: string; altText?: string };
  completionEvents?: string[];
}

describe('the walkthrough in package.json', () => {
  const full = localizedManifest() as { contributes: { commands: { command: string }[]; walkthroughs?: { steps: Step[] }[] } };
  const steps = (full.contributes.walkthroughs ?? []).flatMap((w) => w.steps);
  const commands = new Set(full.contributes.commands.map((c) => c.command));

  it('goes from a provider and key, to a selection, the workspace and prompt context', () => {
    assert.deepEqual(steps.map((s) => s.id), ['chooseProvider', 'rankSelection', 'rankWorkspace', 'promptContext']);
  });

  for (const step of steps) {
    it(`${step.id}: links the command it teaches, completes when it runs, and shows an image that exists`, () => {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1] as string);
      assert.ok(linked.length > 0, 'a command link');
      assert.deepEqual(linked.filter((c) => !commands.has(c)), [], 'links only contributed commands');
      const events = (step.completionEvents ?? []).map((e) => e.replace(/^onCommand:/, ''));
      assert.ok(linked.every((c) => events.includes(c)), `completes on ${linked.join(', ')}`);
      assert.ok(step.media.image && existsSync(path.resolve(__dirname, '../../..', step.media.image)), `${step.media.image} exists`);
      assert.match(step.media.image, /^media\/walkthrough\/.+\.png$/);
      assert.ok((step.media.altText ?? '').length > 20, 'says what the image shows');
    });
  }
});
