import * as assert from 'node:assert/strict';
import { chosenQuery } from '../../../src/core/queryChoice';

describe('chosenQuery (the query box at Enter)', () => {
  it('takes a recent query picked from the list filtered by the typed text, though fuzzy filtering showed it', () => {
    // "rlr" fuzzily matches "Rate limit retry" without being a word of it.
    assert.equal(chosenQuery('rlr', 'rlr', 'Rate limit retry'), 'Rate limit retry');
    assert.equal(chosenQuery('retry RATE', 'retry RATE', 'Rate limit retry with backoff'), 'Rate limit retry with backoff');
  });

  it('takes the typed text when it is the item highlighted', () => {
    assert.equal(chosenQuery('deploy with retry ', 'deploy with retry ', 'deploy with retry '), 'deploy with retry');
  });

  it('takes the typed text when Enter came before the list caught up with the typing', () => {
    // The list still shows what it showed for an earlier value (or none): its highlight was not picked for this text.
    assert.equal(chosenQuery('rate limit retry', 'rate limit', 'deploy with retry and backoff'), 'rate limit retry');
    assert.equal(chosenQuery('rate limit retry', 'Rate limit retry with backoff', 'Rate limit retry with backoff'), 'rate limit retry');
    assert.equal(chosenQuery('bake bread', undefined, undefined), 'bake bread');
  });

  it('takes the highlighted recent query when nothing is typed, and nothing when nothing is there', () => {
    assert.equal(chosenQuery('', 'Rate limit retry', 'Rate limit retry'), 'Rate limit retry');
    assert.equal(chosenQuery('  ', 'Rate limit retry', undefined), undefined);
    assert.equal(chosenQuery('', undefined, undefined), undefined);
  });
});
