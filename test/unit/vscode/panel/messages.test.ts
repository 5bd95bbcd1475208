import * as assert from 'node:assert/strict';
import type { Run, RunItem } from '../../../../src/core/types';
import { exportFileName } from '../../../../src/vscode/panel/exportName';
import { handlePanelMessage, type PanelActions } from '../../../../src/vscode/panel/messages';
import { ENGLISH } from '../../../../src/vscode/l10n';
import { exportRun } from '../../../../src/vscode/panel/exporters';
import { item, run } from '../../webview/fixtures';

/** PanelActions that record what they were asked to do. */
function recorder(runs: Run[], overrides: Partial<PanelActions> = {}) {
  const calls: [string, ...unknown[]][] = [];
  const note = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  const actions: PanelActions = {
    log: { info: note('log.info'), warn: note('log.warn'), error: note('log.error') },
    l10n: ENGLISH,
    findRun: (id) => runs.find((r) => r.id === id),
    reveal: async (r, i) => note('reveal')(r.id, i.index),
    promptContext: (r, indices) => `context of ${r.id}: ${indices?.join(',') ?? 'all'}`,
    writeClipboard: async (text) => note('clipboard')(text),
    saveExport: async (content, format, r) => note('save')(content, format, r?.id),
    status: note('status'),
    inform: note('inform'),
    fail: note('fail'),
    ready: note('ready'),
    select: note('select'),
    ...overrides,
  };
  return { actions, calls };
}

describe('handlePanelMessage', () => {
  const r = run([item(1, 0.9, 'a'), item(2, 0.5, 'b'), item(3, 0.1, 'c')]);

  it('logs and drops an invalid message, naming only its type', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'reveal', runId: 'run-1', itemIndex: -1, secret: 'x' }, actions);
    await handlePanelMessage('<script>', actions);
    assert.deepEqual(calls, [
      ['log.warn', 'results panel: ignored an invalid message from the page (type "reveal")'],
      ['log.warn', 'results panel: ignored an invalid message from the page (a value of type string)'],
    ]);
  });

  it('tells the panel it may send the runs when the page is ready', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'ready' }, actions);
    assert.deepEqual(calls, [['ready']]);
  });

  it('passes on the runs the page shows', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'select', runId: 'run-1' }, actions);
    assert.deepEqual(calls, [['select', 'run-1', undefined]]);
  });

  it('reveals the item with that candidate index', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'reveal', runId: 'run-1', itemIndex: 1 }, actions);
    assert.deepEqual(calls, [['reveal', 'run-1', 1]]);
  });

  it('says so when the run is gone, and logs an index the run does not hold', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'reveal', runId: 'old', itemIndex: 0 }, actions);
    await handlePanelMessage({ type: 'reveal', runId: 'run-1', itemIndex: 99 }, actions);
    assert.equal(calls[0]?.[0], 'inform');
    assert.deepEqual(calls[1], ['log.warn', 'results panel: run run-1 has no candidate 99']);
  });

  it('shows one error, with the reason, when revealing fails', async () => {
    const { actions, calls } = recorder([r], { reveal: () => Promise.reject(new Error('file not found')) });
    await handlePanelMessage({ type: 'reveal', runId: 'run-1', itemIndex: 0 }, actions);
    assert.deepEqual(calls, [
      ['log.error', 'results panel: reveal failed: file not found'],
      ['fail', 'Rerank: Opening the source failed: file not found'],
    ]);
  });

  it('formats an export of the rows the page shows, in its order, from the run the host holds', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'export', runId: 'run-1', format: 'csv', itemIndices: [2, 0, 42, 2] }, actions);
    assert.deepEqual(calls, [['save', exportRun('csv', r, [r.items[2], r.items[0]] as RunItem[]), 'csv', 'run-1']]);
  });

  it('says so instead of saving an empty export, or one of a run that is gone', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'export', runId: 'run-1', format: 'json', itemIndices: [] }, actions);
    await handlePanelMessage({ type: 'export', runId: 'old', format: 'json', itemIndices: [0] }, actions);
    assert.deepEqual(calls.map((c) => c[0]), ['inform', 'inform']);
  });

  it('copies text to the clipboard', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'copy', text: 'hello' }, actions);
    assert.deepEqual(calls, [['clipboard', 'hello'], ['status', 'Rerank: copied the text']]);
  });

  it('copies prompt context for the listed candidates, dropping unknown and repeated ones', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'copyPromptContext', runId: 'run-1', itemIndices: [2, 0, 42, 2] }, actions);
    assert.deepEqual(calls, [['clipboard', 'context of run-1: 2,0'], ['status', 'Rerank: copied 2 results as prompt context']]);
  });

  it('copies the whole run when no candidates are listed', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'copyPromptContext', runId: 'run-1' }, actions);
    assert.deepEqual(calls[0], ['clipboard', 'context of run-1: all']);
  });

  it('copies nothing, and says why, when the filter hides every result', async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'copyPromptContext', runId: 'run-1', itemIndices: [] }, actions);
    assert.deepEqual(calls.map((c) => c[0]), ['inform']);
  });

  it("writes the page's log lines to the log at their level", async () => {
    const { actions, calls } = recorder([r]);
    await handlePanelMessage({ type: 'log', level: 'error', message: 'panel: boom' }, actions);
    assert.deepEqual(calls, [['log.error', 'results panel (page): panel: boom']]);
  });
});

describe('exportFileName', () => {
  it('names the file after the query, in safe lowercase words', () => {
    assert.equal(exportFileName({ ...run([]), query: 'How do I retry a 429?' }, 'csv'), 'rerank-how-do-i-retry-a-429.csv');
  });

  it('uses .md for Markdown and a plain name when there is no usable query', () => {
    assert.equal(exportFileName({ ...run([]), query: '日本語 / ../..' }, 'markdown'), 'rerank-results.md');
    assert.equal(exportFileName(undefined, 'json'), 'rerank-results.json');
  });

  it('keeps the name short', () => {
    assert.ok(exportFileName({ ...run([]), query: 'word '.repeat(50) }, 'json').length <= 'rerank-'.length + 40 + '.json'.length);
  });
});
