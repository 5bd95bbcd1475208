import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import type { RerankProgress } from '../../../src/core/types';
import { countingDown } from '../../../src/vscode/retryCountdown';

const retry = (delayMs: number): RerankProgress => ({ type: 'retry', batch: 1, totalBatches: 1, retry: { attempt: 1, maxRetries: 5, delayMs, status: 429, reason: 'rate limited' } });

describe('the retry countdown in the progress notification', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
  });
  afterEach(() => clock.restore());

  it('counts a rate-limit wait down once a second, then stops', () => {
    const said: string[] = [];
    const reporter = countingDown((m) => said.push(m));
    reporter.progress(retry(4000));
    clock.tick(10_000);
    assert.deepEqual(said, ['rate limited, retrying in 4 s (1/5)', 'rate limited, retrying in 3 s (1/5)', 'rate limited, retrying in 2 s (1/5)', 'rate limited, retrying in 1 s (1/5)']);
    reporter.dispose();
  });

  it('stops counting when the next event arrives', () => {
    const said: string[] = [];
    const reporter = countingDown((m) => said.push(m));
    reporter.progress(retry(5000));
    clock.tick(1000);
    reporter.progress({ type: 'batch', done: 1, total: 1 });
    clock.tick(10_000);
    assert.deepEqual(said, ['rate limited, retrying in 5 s (1/5)', 'rate limited, retrying in 4 s (1/5)', 'batch 1/1']);
  });

  it('stops when disposed', () => {
    const said: string[] = [];
    const reporter = countingDown((m) => said.push(m));
    reporter.progress(retry(5000));
    reporter.dispose();
    clock.tick(10_000);
    assert.equal(said.length, 1);
  });
});
