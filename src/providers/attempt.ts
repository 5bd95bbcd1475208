// One attempt through the transport seam: the timer that bounds it, the reply's bounds as it
// arrives, redirects refused. Below the seam a Transport only moves bytes; everything a user could
// notice is decided here, the same for every transport.

import { RerankError, abortReason } from '../core/errors';
import { formatSeconds } from '../core/progress';
import { MAX_TIMER_MS } from '../core/timers';
import { parseRetryAfter } from './backoff';
import type { HttpOptions, JsonResponse } from './http';
import { JsonShapeMeter, describeExcess } from './replyBounds';

/** One POST as a transport sends it. */
export interface TransportRequest {
  url: URL;
  headers: Record<string, string>;
  body: JsonBody;
  /**
   * Ends the exchange: the attempt's timeout, the caller's cancel, or a reply past its bounds.
   * The transport stops sending and reading when it aborts; the policy has settled already.
   */
  signal: AbortSignal;
}

/** Where a transport delivers the reply, as it arrives. */
export interface ReplySink {
  /** The status and a header reader; status 0 is a redirect the platform keeps opaque. */
  head(status: number, header: (name: string) => string | undefined): void;
  data(chunk: Uint8Array): void;
}

/**
 * One HTTP exchange: no redirect followed, no retry, no timer of its own. Resolves once the whole
 * body has reached the sink; rejects on a network error.
 */
export type Transport = (request: TransportRequest, sink: ReplySink) => Promise<void>;

/** A JSON body, as JSON.stringify gives it. */
export type JsonBody = string;

/**
 * A rerank reply of 10,000 results is under 1 MB; 16 MB leaves room for a server that echoes every
 * document of a batch, and with the shape limits keeps a reply's memory to a few times this.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type AttemptOutcome =
  | { kind: 'response'; response: Omit<JsonResponse, 'attempts'>; retryAfterMs?: number }
  | { kind: 'failure'; error: RerankError };

/**
 * One attempt through the transport. One timer covers connect, headers and the whole body; the
 * timer, the caller's signal, a redirect or a reply past its bounds end the attempt at once,
 * whether or not the transport has noticed yet. The body's size and shape are checked as it
 * arrives, so a hostile reply is cut off early.
 */
export async function attemptOnce(
  target: URL,
  body: JsonBody,
  headers: Record<string, string>,
  options: Pick<HttpOptions, 'timeoutMs' | 'transport' | 'now'>,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const budget = Math.max(1, Math.min(options.timeoutMs, MAX_TIMER_MS));
  const endpoint = `${target.host}${target.pathname}`;
  const attempt = new AbortController();
  const stop = (err: RerankError) => {
    if (!attempt.signal.aborted) attempt.abort(err);
  };
  const timer = setTimeout(() => stop(new RerankError('timeout', `no complete answer within ${formatSeconds(budget)}`)), budget);
  const onAbort = () => stop(abortReason(signal as AbortSignal));
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();

  let status = 0;
  let retryAfter: string | undefined;
  const chunks: Uint8Array[] = [];
  const shape = new JsonShapeMeter();
  let size = 0;
  const sink: ReplySink = {
    head(statusCode, header) {
      status = statusCode;
      retryAfter = header('retry-after');
      if (statusCode === 0 || (statusCode >= 300 && statusCode < 400)) stop(redirected(target, statusCode, header('location')));
    },
    data(chunk) {
      if (attempt.signal.aborted) return;
      size += chunk.byteLength;
      if (size > MAX_RESPONSE_BYTES) return stop(tooLarge(endpoint));
      const excess = shape.feed(chunk);
      if (excess) return stop(new RerankError('bad-response', describeExcess(excess, endpoint)));
      chunks.push(chunk);
    },
  };
  try {
    const request: TransportRequest = {
      url: target,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body,
      signal: attempt.signal,
    };
    await untilAborted(options.transport(request, sink), attempt.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  // The pieces are let go once joined: the body is held as bytes and text at most once each.
  const text = new TextDecoder().decode(joinBytes(chunks, size));
  chunks.length = 0;
  const retryAfterMs = parseRetryAfter(retryAfter, options.now());
  return { kind: 'response', response: { status, body: parseJsonOrUndefined(text), text }, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** The transport's promise, or the signal's reason as soon as it aborts, whichever comes first. */
function untilAborted(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      () => (signal.aborted ? onAbort() : resolve()),
      (err: unknown) => (signal.aborted ? onAbort() : reject(err)),
    ).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function joinBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/** A redirect is never followed: the key would go along to wherever it points. */
function redirected(target: URL, status: number, location: string | undefined): RerankError {
  let to = 'a location the platform does not reveal';
  if (location !== undefined) {
    try {
      to = new URL(location, target).origin;
    } catch {
      to = 'an unreadable location';
    }
  }
  const said = status === 0 ? 'redirected the request' : `redirected the request (${status})`;
  return new RerankError('unexpected-status', `${target.host} ${said} to ${to}; redirects are not followed, so the key stays with its endpoint: set the endpoint to the API's own URL`, status || undefined);
}

function tooLarge(endpoint: string): RerankError {
  return new RerankError('bad-response', `the reply from ${endpoint} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB; a rerank reply is far smaller (lower the batch size if the server echoes documents)`);
}

function parseJsonOrUndefined(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
