// JSON over HTTP with undici: a keep-alive Agent passed per request (never the global
// dispatcher, which would reroute every other extension's traffic), a per-attempt timeout that
// covers connect, headers and body, retries with backoff that wait no longer than the run's
// deadline, cancellation, and replies bounded in size and shape before they are parsed.

import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import { DEFAULT_DEADLINE_MS } from '../core/engine';
import { RerankError, abortReason, redact } from '../core/errors';
import { formatSeconds } from '../core/progress';
import type { RetryInfo } from '../core/types';
import { DEFAULT_BACKOFF, RETRYABLE_STATUSES, backoffDelay, parseRetryAfter, type BackoffPolicy } from './backoff';
import { JsonShapeMeter, describeExcess } from './replyBounds';
import { isQuickFailure, refusedError } from './refused';

export interface HttpOptions {
  /** Per attempt: connect, headers and the whole body (default 60 s, as the guide advises). */
  timeoutMs: number;
  /** Retries after the first attempt (default 5). */
  maxRetries: number;
  backoff: BackoffPolicy;
  dispatcher: Dispatcher;
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

export interface DispatcherOptions {
  /** An explicit proxy URL (VS Code's http.proxy). */
  proxy?: string;
  /** Read HTTP(S)_PROXY and NO_PROXY from the environment (the CLI). */
  proxyFromEnv?: boolean;
}

/** A keep-alive connection pool, behind a proxy when one is configured. */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const pool = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 16 };
  if (options.proxy) return new ProxyAgent({ uri: options.proxy, ...pool });
  if (options.proxyFromEnv && hasProxyEnv(process.env)) return new EnvHttpProxyAgent(pool);
  return new Agent(pool);
}

function hasProxyEnv(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

export function httpOptions(partial: Partial<HttpOptions> & { dispatcher: Dispatcher }): HttpOptions {
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
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    let outcome: AttemptOutcome;
    try {
      outcome = await attemptOnce(target, body, headers, options, signal);
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      // A local server that refuses the connection is not running: say so now, not after every retry.
      if (isQuickFailure(err, target)) throw refusedError(target);
      const failure = toRerankError(err, options);
      // Asking again can't fix these: the same request would be refused or misread the same way.
      if (failure.kind === 'cancelled' || failure.kind === 'bad-response' || failure.kind === 'bad-input') throw failure;
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
 * One attempt through undici's dispatch API: no stream objects between the socket and our buffer,
 * and one timer that covers waiting for a connection, the headers and the whole body. The timer
 * or the caller's signal settles the attempt at once, and aborts the request as soon as undici
 * has handed it a controller (a request still queued for a socket is aborted when it starts).
 * The body's size and shape are checked as it arrives, so a hostile reply is cut off early.
 */
function attemptOnce(
  target: URL,
  body: JsonBody,
  headers: Record<string, string>,
  options: HttpOptions,
  signal: AbortSignal | undefined,
): Promise<AttemptOutcome> {
  const budget = Math.max(1, Math.min(options.timeoutMs, MAX_TIMER_MS));
  const endpoint = `${target.host}${target.pathname}`;
  return new Promise<AttemptOutcome>((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let stopped: RerankError | undefined;
    let settled = false;
    let status = 0;
    let retryAfter: string | string[] | undefined;
    const chunks: Buffer[] = [];
    const shape = new JsonShapeMeter();
    let size = 0;

    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      done();
    };
    const stop = (err: RerankError) => {
      stopped = err;
      controller?.abort(err);
      settle(() => reject(err));
    };
    const timer = setTimeout(() => stop(new RerankError('timeout', `no complete answer within ${formatSeconds(budget)}`)), budget);
    const onAbort = () => stop(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });

    options.dispatcher.dispatch(
      {
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers, ...contentLength(body) },
        // undici sends an iterable piece by piece; the length header keeps it from chunked encoding.
        body: body as string | Buffer,
        // Our own timer bounds the attempt; undici's timers are left wide so they never fire first.
        headersTimeout: Math.min(budget + 1_000, MAX_TIMER_MS),
        bodyTimeout: Math.min(budget + 1_000, MAX_TIMER_MS),
      },
      {
        onRequestStart(c) {
          controller = c;
          if (stopped) c.abort(stopped);
        },
        onResponseStart(_c, statusCode, responseHeaders) {
          status = statusCode;
          retryAfter = responseHeaders['retry-after'];
        },
        onResponseData(_c, chunk) {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) return stop(tooLarge(endpoint));
          const excess = shape.feed(chunk);
          if (excess) return stop(new RerankError('bad-response', describeExcess(excess, endpoint)));
          chunks.push(chunk);
        },
        onResponseEnd() {
          settle(() => {
            // The pieces are let go once joined: the body is held as bytes and text at most once each.
            const bytes = Buffer.concat(chunks, size);
            chunks.length = 0;
            const text = bytes.toString('utf8');
            const retryAfterMs = parseRetryAfter(retryAfter, options.now());
            resolve({ kind: 'response', response: { status, body: parseJsonOrUndefined(text), text }, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
          });
        },
        onResponseError(_c, err) {
          settle(() => reject(err));
        },
      },
    );
  });
}

function contentLength(body: JsonBody): Record<string, string> {
  return Array.isArray(body) ? { 'content-length': String(body.reduce((n: number, b: Buffer) => n + b.length, 0)) } : {};
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

function toRerankError(err: unknown, options: HttpOptions): RerankError {
  if (err instanceof RerankError) return err;
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const detail = redact(e.cause?.message ?? e.message ?? String(err), options.secrets);
  // undici refuses to build the request: nothing was sent, and a retry would be refused the same.
  if (code === 'UND_ERR_INVALID_ARG') {
    // The only header a user types is the key (a paste can bring "…", a non-breaking space, ...).
    if (/header/i.test(detail)) return new RerankError('bad-input', 'the API key contains characters that cannot be sent in an HTTP header; paste it again');
    return new RerankError('bad-input', `the request could not be built: ${detail}`);
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
