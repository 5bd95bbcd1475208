import * as assert from 'node:assert/strict';
import { RerankError } from '../../src/core/errors';

/** Awaits a promise that must reject and returns the RerankError it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<RerankError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof RerankError, `expected a RerankError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}
