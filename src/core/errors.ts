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
 * Authorization header back in its error message, and not always as it was sent: URL-encoded,
 * JSON-escaped (\/, \u002f), as HTML entities, in another case, in base64 (alone or inside a
 * Basic "user:key"), or cut short. Each of those forms, and any start of the secret of 8
 * characters or more, becomes "[redacted]".
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const encoded of base64Forms(secret)) out = out.split(encoded).join('[redacted]');
    out = out.replace(echoPattern(secret), '[redacted]');
  }
  return out;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos', '/': 'sol', '=': 'equals', '+': 'plus', ':': 'colon' };

/** One character in every form an echo may give it: itself, %XX, \uXXXX, \c, &#N;, &#xH;, &name;. */
function echoedChar(ch: string): string {
  const code = ch.codePointAt(0) as number;
  const forms = [ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')];
  const bytes = [...new TextEncoder().encode(ch)].map((b) => `%(?:25)?${b.toString(16).padStart(2, '0')}`);
  forms.push(bytes.join(''));
  if (code <= 0xffff) forms.push(`\\\\u${code.toString(16).padStart(4, '0')}`);
  if (/[/"\\]/.test(ch)) forms.push(`\\\\\\${ch}`);
  forms.push(`&#0*${code};`, `&#x0*${code.toString(16)};`);
  const name = NAMED_ENTITIES[ch];
  if (name) forms.push(`&${name};`);
  if (ch === ' ') forms.push('\\+');
  return `(?:${forms.join('|')})`;
}

/**
 * The secret, or any start of it of 8 characters and more (all of it when shorter), each
 * character in any of its echoed forms, in any case.
 */
function echoPattern(secret: string): RegExp {
  const chars = [...secret].map(echoedChar);
  const required = Math.min(chars.length, 8);
  let rest = '';
  for (let i = chars.length - 1; i >= required; i--) rest = `(?:${chars[i]}${rest})?`;
  return new RegExp(chars.slice(0, required).join('') + rest, 'gi');
}

/**
 * The secret's base64 (standard and URL-safe), and the part of its base64 that does not depend on
 * what comes before or after it, at each of the three byte alignments: what a Basic
 * "user:secret" header holds whatever the user name.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms = [toBase64(bytes)];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const encoded = toBase64(padded);
    // Character k holds bits 6k..6k+5: keep those wholly inside the secret's bits.
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    if (end - first >= 8) forms.push(encoded.slice(first, end));
  }
  const all = [...forms, ...forms.map((f) => f.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))];
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The message of anything thrown: an error's message, else its text. */
export function errorText(err: unknown): string {
  const message = (err as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(err);
}
