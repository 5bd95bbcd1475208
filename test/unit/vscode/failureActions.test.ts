import * as assert from 'node:assert/strict';
import { failureActions } from '../../../src/vscode/failureActions';

describe("the actions of a failed run's notification", () => {
  it('offers the offline ranker and the endpoint setting besides the log when the endpoint does not answer', () => {
    assert.deepEqual(failureActions('network', true), ['Use Offline Ranker', 'Open Endpoint Setting', 'Show Log']);
  });

  it('offers no offline ranker where there is no run to repeat offline', () => {
    assert.deepEqual(failureActions('network', false), ['Open Endpoint Setting', 'Show Log']);
  });

  it('offers "Set API Key" for a rejected key, and the settings for a wrong input or a refused request', () => {
    assert.deepEqual(failureActions('auth', true), ['Set API Key']);
    assert.deepEqual(failureActions('bad-input', true), ['Open Settings']);
    assert.deepEqual(failureActions('rejected', false), ['Open Settings']);
  });

  it('offers the log for everything else', () => {
    for (const kind of ['server', 'timeout', 'rate-limited', 'bad-response', undefined] as const) assert.deepEqual(failureActions(kind, true), ['Show Log'], String(kind));
  });
});
