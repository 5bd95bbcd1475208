// JSON over HTTP: the policy every request follows, whatever carries it. A per-attempt timeout that
// covers connect, headers and body; retries with backoff that wait no longer than the run's
// deadline; cancellation at once; redirects refused; replies bounded in size and shape before they
// are parsed; the key kept out of every error. Below it, a Transport moves the bytes: the extension
// host's fetch in VS Code (fetchTransport.ts), undici in the CLI (undiciTransport.ts).

import { DEFAULT_DEADLINE_MS } from '../core/engine';
import { RerankError, abortReason, redact } from '../core/errors';
import { formatSeconds } from '../core/progress';
import type { RetryInfo } from '../core/types';
import { DEFAULT_BACKOFF, RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, type BackoffPolicy } from './backoff';
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

export interface HttpOptions {
  /** Per attempt: connect, headers and the whole body (default 60 s, as the guide advises). */
  timeoutMs: number;
  /** Retries after the first attempt (default 5). */
  maxRetries: number;
  backoff: BackoffPolicy;
  /** What carries the bytes: the extension host's fetch, or undici in the CLI. */
  transport: Transport;
  /** Texts that must never appear in an error (the API key). */
  secrets: readonly string[];
  random: () => number;
  now: () => number;
}

/**
 * Whether a key can go in an HTTP header as it is: printable ASCII without spaces. A paste can
 * bring "…", a smart quote or a non-breaking space, and then every request would fail.
 */
export function isSendableKey(key: string): boolean {
  return /^[\x21-\x7e]+$/.test(key);
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 5;
/** A run's deadline unless its caller gives one; waits of a call made outside a run end within it too. */
export { DEFAULT_DEADLINE_MS };
/**
 * A rerank reply of 10,000 results is under 1 MB; 16 MB leaves room for a server that echoes every
 * document of a batch, and with the shape limits keeps a reply's memory to a few times this.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The longest timer Node keeps: a longer one fires after 1 ms. No wait here may pass it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function httpOptions(partial: Partial<HttpOptions> & Pick<HttpOptions, 'transport'>): HttpOptions {
  return {
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxRetries: DEFAULT_MAX_RETRIES,
    backoff: DEFAULT_BACKOFF,
    secrets: [],
    random: Math.random,
    now: Date.now,
    ...partial,
  };
}

export interface JsonResponse {
  status: number;
  /** Parsed body; undefined when the body was empty. */
  body: unknown;
  /** The raw text, for error messages when the body is not JSON. */
  text: string;
  attempts: number;
}

export interface PostOptions {
  /** Aborts the call; its reason (a run's deadline) is the error, else "cancelled". */
  signal?: AbortSignal;
  /** When the run's deadline passes (epoch ms, by `now`): no retry waits past it. The signal ends the call then. */
  deadline?: number;
  onRetry?: (info: RetryInfo) => void;
  /** The wait between attempts (default: sleep below); tests pass one that records the delay. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * POSTs a JSON body and returns the final answer: a success, or a non-retryable status, or the
 * last retryable status once retries are spent. Throws RerankError for timeouts, network errors,
 * cancellation and a passed deadline.
 */
/** A JSON body: text, bytes, or pieces sent one after the other without being joined first. */
export type JsonBody = string | Buffer | readonly Buffer[];

export async function postJson(
  url: string,
  body: JsonBody,
  headers: Record<string, string>,
  options: HttpOptions,
  post: PostOptions = {},
): Promise<JsonResponse> {
  const { signal, onRetry, sleep: wait = sleep } = post;
  // Clamped, so every wait below it (a Retry-After) fits in a timer.
  const deadline = Math.min(post.deadline ?? options.now() + DEFAULT_DEADLINE_MS, options.now() + MAX_TIMER_MS);
  const target = new URL(url);
  checkHeaders(headers);
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    let outcome: AttemptOutcome;
    try {
      outcome = await attemptOnce(target, body, headers, options, signal);
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      const failure = toRerankError(err, options, target);
      // Asking again can't fix these: the same request would be refused or misread the same way.
      if (failure.kind === 'cancelled' || failure.kind === 'bad-response' || failure.kind === 'bad-input' || failure.kind === 'unexpected-status' || isCertificateFailure(err)) throw failure;
      outcome = { kind: 'failure', error: failure };
    }

    if (outcome.kind === 'response' && !RETRYABLE_STATUSES.has(outcome.response.status)) {
      return { ...outcome.response, attempts: attempt + 1 };
    }
    const retriesLeft = attempt < options.maxRetries;
    if (!retriesLeft) return finalOutcome(outcome, attempt + 1);

    const status = outcome.kind === 'response' ? outcome.response.status : undefined;
    const retryAfter = outcome.kind === 'response' ? outcome.retryAfterMs : undefined;
    const delayMs = retryAfter ?? backoffDelay(attempt, options.backoff, options.random);
    if (options.now() + delayMs >= deadline) {
      // Waiting would pass the deadline: give the answer we have rather than hang.
      return finalOutcome(outcome, attempt + 1, `the next retry (in ${formatSeconds(delayMs)}) would pass the run's deadline`);
    }
    onRetry?.({
      attempt: attempt + 1,
      maxRetries: options.maxRetries,
      delayMs,
      ...(status === undefined ? {} : { status }),
      reason: outcome.kind === 'response' ? describeStatus(outcome.response.status) : outcome.error.message,
    });
    await wait(delayMs, signal);
  }
}

type AttemptOutcome =
  | { kind: 'response'; response: Omit<JsonResponse, 'attempts'>; retryAfterMs?: number }
  | { kind: 'failure'; error: RerankError };

function finalOutcome(outcome: AttemptOutcome, attempts: number, note?: string): JsonResponse {
  if (outcome.kind === 'response') return { ...outcome.response, attempts };
  const suffix = attempts > 1 ? ` (after ${attempts} attempts${note ? `; ${note}` : ''})` : note ? ` (${note})` : '';
  throw new RerankError(outcome.error.kind, `${outcome.error.message}${suffix}`);
}

/**
 * One attempt through the transport. One timer covers connect, headers and the whole body; the
 * timer, the caller's signal, a redirect or a reply past its bounds end the attempt at once,
 * whether or not the transport has noticed yet. The body's size and shape are checked as it
 * arrives, so a hostile reply is cut off early.
 */
async function attemptOnce(
  target: URL,
  body: JsonBody,
  headers: Record<string, string>,
  options: HttpOptions,
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

/**
 * Headers go out as they are or not at all: printable ASCII, spaces and tabs. The only one a user
 * types is the key, and a paste can bring "…" or a non-breaking space, which no transport sends.
 */
function checkHeaders(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (/^[\t\x20-\x7e]*$/.test(value)) continue;
    if (name.toLowerCase() === 'authorization') throw new RerankError('bad-input', 'the API key contains characters that cannot be sent in an HTTP header; paste it again');
    throw new RerankError('bad-input', `the request header ${name} holds characters that cannot be sent in an HTTP header`);
  }
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

/** TLS verification failures: asking again meets the same certificate. */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

type PlatformError = { code?: string; message?: string; cause?: { code?: string; message?: string } };

function isCertificateFailure(err: unknown): boolean {
  const e = err as PlatformError | undefined;
  return CERTIFICATE_CODES.has(e?.code ?? e?.cause?.code ?? '');
}

function toRerankError(err: unknown, options: HttpOptions, target: URL): RerankError {
  if (err instanceof RerankError) return err;
  const e = err as PlatformError;
  const code = e.code ?? e.cause?.code;
  const detail = redact(e.cause?.message ?? e.message ?? String(err), options.secrets);
  if (isCertificateFailure(err)) {
    // Node's own hint (--use-system-ca) helps neither face: say where each reads its trust from.
    return new RerankError(
      'network',
      `the certificate of ${target.host} is not trusted (${code}); if your network inspects TLS, add its root certificate to the system's trust store (VS Code reads it), or for the CLI name its PEM file in NODE_EXTRA_CA_CERTS`,
    );
  }
  return new RerankError('network', `network error${code ? ` ${code}` : ''}: ${detail}`);
}

function describeStatus(status: number): string {
  if (status === 429) return 'rate limited';
  if (status === 408) return 'request timeout';
  return `server error ${status}`;
}

/** A wait that ends at once when the signal aborts, with the signal's reason. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
