import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { readSettings as ReadSettings } from '../../../src/vscode/settings';
import { requireWithoutVscode } from '../../support/withoutVscode';

// settings.ts uses the 'vscode' module only for its default argument, which these tests replace.
const { readSettings } = requireWithoutVscode<{ readSettings: typeof ReadSettings }>('src/vscode/settings');

/** A configuration whose every value was set by the workspace (.vscode/settings.json) or by the user. */
function configuration(values: Record<string, unknown>, where: 'workspace' | 'user'): vscode.WorkspaceConfiguration {
  return {
    get: (key: string) => values[key],
    inspect: (key: string) => ({ key, [where === 'user' ? 'globalValue' : 'workspaceValue']: values[key] }),
  } as unknown as vscode.WorkspaceConfiguration;
}

describe('readSettings', () => {
  const costly = {
    provider: 'jina',
    endpoint: 'https://elsewhere.example',
    model: 'their-model',
    batchSize: 1,
    'workspace.firstStageCandidates': 0,
  };

  it("ignores a workspace's provider, endpoint, model, batch size and first stage: where text goes and what a run costs are the user's", () => {
    const settings = readSettings(configuration(costly, 'workspace'));
    assert.equal(settings.provider, 'cohere');
    assert.equal(settings.endpoint, undefined);
    assert.equal(settings.model, undefined);
    assert.equal(settings.batchSize, undefined);
    assert.equal(settings.firstStageCandidates, 200);
  });

  it('takes them from user settings', () => {
    const settings = readSettings(configuration(costly, 'user'));
    assert.deepEqual(
      [settings.provider, settings.endpoint, settings.model, settings.batchSize, settings.firstStageCandidates],
      ['jina', 'https://elsewhere.example', 'their-model', 1, 0],
    );
  });

  it('holds the batch size and the first stage to their maximums, and malformed values to the defaults', () => {
    const huge = readSettings(configuration({ batchSize: 1e9, 'workspace.firstStageCandidates': 1e9 }, 'user'));
    assert.deepEqual([huge.batchSize, huge.firstStageCandidates], [1_000, 10_000]);
    const malformed = readSettings(configuration({ batchSize: -3, 'workspace.firstStageCandidates': -1 }, 'user'));
    assert.deepEqual([malformed.batchSize, malformed.firstStageCandidates], [undefined, 200]);
  });

  it('still lets a workspace change what only shapes its own results', () => {
    assert.equal(readSettings(configuration({ topK: 3 }, 'workspace')).topK, 3);
  });
});
