import * as assert from 'node:assert/strict';
import { couldBeOffered } from '../../../src/core/queryChoice';

describe('couldBeOffered', () => {
  it('is true for a recent query holding every typed word, in any case', () => {
    assert.equal(couldBeOffered('Rate limit retry with backoff', 'retry RATE'), true);
  });

  it('is false for a recent query the typed words do not filter to', () => {
    assert.equal(couldBeOffered('deploy with retry and backoff', 'rate limit retry'), false);
  });
});
