// JSON over HTTP: the policy every request follows, whatever carries it. A per-attempt timeout that
// covers connect, headers and body; retries with backoff that wait no longer than the run's
// deadline; cancellation at once; redirects refused; replies bounded in size and shape before they
// are parsed; the key kept out of every error. Below it, a Transport moves the bytes: the extension
// host's fetch in VS Code (fetchTransport.ts), undici in the CLI (undiciTransport.ts).

import { DEFAULT_DEADLINE_MS } from '../core/engine';
import { RerankError, abortReason, redact } from '../core/errors';
import { formatSeconds } from '../core/progress';
import type { RetryInfo } from '../core/types';
import { MAX_TIMER_MS } from '../core/timers';
import { attemptOnce, type AttemptOutcome, type JsonBody, type Transport } from './attempt';
import { DEFAULT_BACKOFF, RETRYABLE_STATUSES, backoffDelay, type BackoffPolicy } from './backoff';
import { isQuickFailure, refusedError } from './refused';

export { MAX_RESPONSE_BYTES, type JsonBody, type ReplySink, type Transport, type TransportRequest } from './attempt';

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
      // A local server that refuses the connection is not running: say so now, not after every retry.
      if (isQuickFailure(err, target)) throw refusedError(target);
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

function finalOutcome(outcome: AttemptOutcome, attempts: number, note?: string): JsonResponse {
  if (outcome.kind === 'response') return { ...outcome.response, attempts };
  const suffix = attempts > 1 ? ` (after ${attempts} attempts${note ? `; ${note}` : ''})` : note ? ` (${note})` : '';
  throw new RerankError(outcome.error.kind, `${outcome.error.message}${suffix}`);
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
