import * as assert from 'node:assert/strict';
import { LIMITS, isHostMessage, isPanelMessage } from '../../../src/webview/protocol';
import { item, run, showMessage } from './fixtures';

describe('isPanelMessage', () => {
  const valid = [
    { type: 'ready' },
    { type: 'select' },
    { type: 'select', runId: 'r1', compareRunId: 'r2' },
    { type: 'reveal', runId: 'r1', itemIndex: 0 },
    { type: 'export', runId: 'r1', format: 'json', itemIndices: [0, 1] },
    { type: 'export', runId: 'r1', format: 'csv', itemIndices: [] },
    { type: 'export', runId: 'r1', format: 'markdown', itemIndices: [4] },
    { type: 'copy', text: 'some text' },
    { type: 'copyPromptContext', runId: 'r1' },
    { type: 'copyPromptContext', runId: 'r1', itemIndices: [3, 0, 7] },
    { type: 'log', level: 'error', message: 'boom' },
  ];

  for (const message of valid) {
    it(`accepts a well-formed ${message.type} message (${Object.keys(message).join(', ')})`, () => {
      assert.equal(isPanelMessage(message), true);
    });
  }

  it('accepts an optional field sent as undefined', () => {
    assert.equal(isPanelMessage({ type: 'copyPromptContext', runId: 'r1', itemIndices: undefined }), true);
  });

  it('rejects what is not a message object', () => {
    for (const value of [undefined, null, 'ready', 42, [], [{ type: 'ready' }], { type: 'nope' }, {}]) assert.equal(isPanelMessage(value), false, String(value));
  });

  it('rejects a message with a field it does not declare', () => {
    assert.equal(isPanelMessage({ type: 'ready', extra: 1 }), false);
    assert.equal(isPanelMessage({ type: 'select', runId: 'r1', items: [] }), false);
    assert.equal(isPanelMessage({ type: 'copy', text: 'x', html: '<b>' }), false);
  });

  it('finds no check on Object.prototype for keys such as "constructor"', () => {
    assert.equal(isPanelMessage({ type: 'ready', constructor: {} }), false);
    assert.equal(isPanelMessage(JSON.parse('{"type":"ready","__proto__":{"x":1}}')), false);
    assert.equal(isPanelMessage({ type: 'reveal', runId: 'r', itemIndex: 0, toString: 'x' }), false);
  });

  it('rejects a message missing a required field', () => {
    assert.equal(isPanelMessage({ type: 'reveal', runId: 'r1' }), false);
    assert.equal(isPanelMessage({ type: 'export', runId: 'r1', format: 'json' }), false);
    assert.equal(isPanelMessage({ type: 'copy' }), false);
  });

  it('rejects a candidate index that is negative, fractional, huge or not a number', () => {
    for (const itemIndex of [-1, 1.5, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, '3', null]) {
      assert.equal(isPanelMessage({ type: 'reveal', runId: 'r1', itemIndex }), false, String(itemIndex));
    }
  });

  it('rejects an empty or overlong run id', () => {
    assert.equal(isPanelMessage({ type: 'reveal', runId: '', itemIndex: 0 }), false);
    assert.equal(isPanelMessage({ type: 'reveal', runId: 'x'.repeat(LIMITS.idChars + 1), itemIndex: 0 }), false);
  });

  it('rejects an export format it does not know', () => {
    assert.equal(isPanelMessage({ type: 'export', runId: 'r1', format: 'html', itemIndices: [] }), false);
    assert.equal(isPanelMessage({ type: 'export', runId: 'r1', format: 'json', content: '{}' }), false, 'the page no longer sends the content');
  });

  it('bounds the size of text it will take', () => {
    assert.equal(isPanelMessage({ type: 'copy', text: 'x'.repeat(LIMITS.copyChars + 1) }), false);
    assert.equal(isPanelMessage({ type: 'log', level: 'info', message: 'x'.repeat(LIMITS.logChars + 1) }), false);
  });

  it('rejects a log level it does not know', () => {
    assert.equal(isPanelMessage({ type: 'log', level: 'fatal', message: 'x' }), false);
  });

  it('rejects item indices that are not a list of candidate indices', () => {
    for (const itemIndices of ['1,2', [1, -2], [1, 'a'], [0.5], { 0: 1 }, null]) {
      assert.equal(isPanelMessage({ type: 'copyPromptContext', runId: 'r1', itemIndices }), false, JSON.stringify(itemIndices));
    }
    assert.equal(isPanelMessage({ type: 'copyPromptContext', runId: 'r1', itemIndices: new Array(LIMITS.itemIndices + 1).fill(0) }), false);
  });
});

describe('isHostMessage', () => {
  const full = run([item(1, 0.9, 'a'), item(2, 0.5, 'b')]);
  const message = showMessage([full]);

  it('accepts a show message with summaries, full runs and optional focus', () => {
    assert.equal(isHostMessage(message), true);
    assert.equal(isHostMessage({ type: 'show', runs: [], loaded: [], focusRunId: 'run-1', compareRunId: 'run-2' }), true);
  });

  it('summarizes a run as everything but its items, with their count', () => {
    assert.equal(message.runs[0]?.itemCount, 2);
    assert.equal('items' in (message.runs[0] ?? {}), false);
  });

  it('rejects a show message holding something that is not a run', () => {
    assert.equal(isHostMessage({ ...message, loaded: [{ ...full, items: [{ rank: 1 }] }] }), false);
    assert.equal(isHostMessage({ ...message, runs: [{ ...message.runs[0], itemCount: -1 }] }), false);
    assert.equal(isHostMessage({ ...message, runs: [full] }), false, 'a summary carries no items');
    assert.equal(isHostMessage({ ...message, runs: 'all' }), false);
    assert.equal(isHostMessage({ ...message, focusRunId: 7 }), false);
    assert.equal(isHostMessage({ type: 'show', runs: message.runs }), false);
    assert.equal(isHostMessage({ ...message, type: 'reveal' }), false);
  });
});
