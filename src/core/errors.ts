// One error class with a small taxonomy of kinds; each message says what happened and what to do.

export type ErrorKind =
  | 'bad-input' // the user's input or options are wrong
  | 'auth' // 401 / 403: key rejected or not allowed to rerank
  | 'billing' // 402
  | 'rejected' // 400 / 404 / 422: the API refused the request, with its own message
  | 'blocked' // 498: content blocked
  | 'rate-limited' // 429 after every retry
  | 'server' // 5xx after every retry, or 501
  | 'timeout' // no answer in time, or 408 after every retry
  | 'network'
  | 'bad-response' // the reply is not what the wire format promises
  | 'too-large' // 413: the server wants fewer or shorter documents per request; the engine splits
  | 'unexpected-status' // a status below 500 no rerank API documents (405, 409, 415, 3xx...)
  | 'cancelled';

export class RerankError extends Error {
  override readonly name = 'RerankError';

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }

  /** The same error with context in front: "batch 3/12: ...". Keeps kind and status. */
  withContext(prefix: string): RerankError {
    return new RerankError(this.kind, `${prefix}: ${this.message}`, this.status);
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof RerankError && err.kind === 'cancelled';
}

export function cancelledError(): RerankError {
  return new RerankError('cancelled', 'cancelled');
}

/**
 * Why a signal aborted: the RerankError it was aborted with (a run's deadline), else the user's
 * cancel. Keeps "the run's deadline passed" apart from "cancelled" wherever an abort is noticed.
 */
export function abortReason(signal: AbortSignal): RerankError {
  return signal.reason instanceof RerankError ? signal.reason : cancelledError();
}

/** Throws why the signal aborted, when it has. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

/**
 * Removes every secret from a text that may be shown or logged. A server may echo the
 * Authorization header back in its error message; that must never reach the user's screen.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The message of anything thrown: an error's message, else its text. */
export function errorText(err: unknown): string {
  const message = (err as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(err);
}
