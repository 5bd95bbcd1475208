import * as assert from 'node:assert/strict';
import { chosenQuery } from '../../../src/core/queryChoice';

describe('chosenQuery (the query box at Enter)', () => {
  it('takes a recent query the fuzzy filter showed for the typed text, though it holds none of the typed words', () => {
    // "rlr" fuzzily matches "Rate limit retry": its characters in order.
    assert.equal(chosenQuery('rlr', 'Rate limit retry'), 'Rate limit retry');
    assert.equal(chosenQuery('ratlim', 'Rate limit retry'), 'Rate limit retry');
  });

  it('takes a recent query holding every typed word, in any order and case', () => {
    assert.equal(chosenQuery('retry RATE', 'Rate limit retry with backoff'), 'Rate limit retry with backoff');
  });

  it('takes the typed text when it is the item highlighted', () => {
    assert.equal(chosenQuery('deploy with retry ', 'deploy with retry '), 'deploy with retry');
  });

  it('takes the typed text when the highlighted recent query could not be shown for it: Enter came before the list caught up', () => {
    assert.equal(chosenQuery('rate limit retry', 'deploy with retry and backoff'), 'rate limit retry');
    assert.equal(chosenQuery('bake bread', undefined), 'bake bread');
  });

  it('takes the highlighted recent query when nothing is typed, and nothing when nothing is there', () => {
    assert.equal(chosenQuery('', 'Rate limit retry'), 'Rate limit retry');
    assert.equal(chosenQuery('  ', undefined), undefined);
    assert.equal(chosenQuery('', undefined), undefined);
  });
});
