// The fetch transport against a stubbed fetch: what a browser's fetch does and Node's cannot show
// (an opaque redirect), and what happens to the body stream when the policy stops reading.

import * as assert from 'node:assert/strict';
import { fetchTransport } from '../../../src/providers/fetchTransport';
import { MAX_RESPONSE_BYTES, httpOptions, postJson } from '../../../src/providers/http';
import { rejection } from '../../support/rejection';

const URL_ = 'https://rerank.example.invalid/v2/rerank';

/** A body stream of `chunk` repeated forever, recording whether it was cancelled and how much was pulled. */
function endlessStream(chunk: Uint8Array): { stream: ReadableStream<Uint8Array>; state: { cancelled: boolean; pulled: number } } {
  const state = { cancelled: false, pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('fetch transport', () => {
  it('asks fetch not to follow redirects, and refuses the opaque redirect a browser gives back', async () => {
    let redirect: RequestInit['redirect'];
    const stub: typeof fetch = (_input, init) => {
      redirect = init?.redirect;
      // What a browser's fetch answers for redirect: 'manual': type opaqueredirect, status 0, no headers.
      return Promise.resolve({ type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as unknown as Response);
    };
    const err = await rejection(postJson(URL_, '{}', {}, httpOptions({ transport: fetchTransport(stub), maxRetries: 2 })));
    assert.equal(redirect, 'manual');
    assert.equal(err.kind, 'unexpected-status');
    assert.equal(
      err.message,
      "rerank.example.invalid redirected the request to a location the platform does not reveal; redirects are not followed, so the key stays with its endpoint: set the endpoint to the API's own URL",
    );
  });

  it('cancels the body stream once the reply passes the size cap', async () => {
    const { stream, state } = endlessStream(new Uint8Array(1024 * 1024).fill(0x61)); // "aaa…": no JSON structure to count
    const stub: typeof fetch = () => Promise.resolve(new Response(stream, { status: 200 }));
    const err = await rejection(postJson(URL_, '{}', {}, httpOptions({ transport: fetchTransport(stub), maxRetries: 0 })));
    assert.equal(err.kind, 'bad-response');
    assert.match(err.message, /is larger than 16 MB/);
    // The transport notices the abort on its next read at the latest.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(state.cancelled, true, 'the body stream was left open');
    assert.ok(state.pulled <= MAX_RESPONSE_BYTES + 4 * 1024 * 1024, `read ${state.pulled} bytes`);
  });

  it('passes the headers and body as given, and the attempt signal', async () => {
    let seen: RequestInit | undefined;
    const stub: typeof fetch = (_input, init) => {
      seen = init;
      return Promise.resolve(new Response('{"results":[]}', { status: 200 }));
    };
    const res = await postJson(URL_, '{"q":1}', { authorization: 'Bearer k' }, httpOptions({ transport: fetchTransport(stub) }));
    assert.equal(res.status, 200);
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.body, '{"q":1}');
    assert.equal((seen?.headers as Record<string, string>).authorization, 'Bearer k');
    assert.ok(seen?.signal instanceof AbortSignal);
  });
});
