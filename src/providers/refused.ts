// A refused connection to this machine or the local network means a self-hosted server that is
// not running: retrying for 20 seconds only delays telling the user so. A refusal from a public
// host can be a load balancer between deploys, and is retried as any network error is.

import { RerankError } from '../core/errors';
import { isLoopbackHost } from './transport';

/** Whether `error` (from undici or fetch) is a refused connection to a loopback or private host of `url`: fail at once, no retry. */
export function isQuickFailure(error: unknown, url: string | URL): boolean {
  return isConnectionRefused(error) && isPrivateHost(new URL(url).hostname);
}

/** The error to give instead: which endpoint, in plain words, and what to check. */
export function refusedError(url: string | URL): RerankError {
  return new RerankError('network', `nothing answers at ${new URL(url).origin} (connection refused). Is the server running?`);
}

/**
 * ECONNREFUSED on the error, its cause (fetch wraps it in "fetch failed"), or every address
 * tried (an AggregateError when a name resolves to both ::1 and 127.0.0.1).
 */
export function isConnectionRefused(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (e.code === 'ECONNREFUSED') return true;
  if (Array.isArray(e.errors) && e.errors.length > 0) return e.errors.every((inner) => isConnectionRefused(inner, depth + 1));
  return isConnectionRefused(e.cause, depth + 1);
}

/**
 * Loopback (127.0.0.0/8, ::1, localhost), 0.0.0.0, the private ranges 10/8, 172.16/12,
 * 192.168/16 and fc00::/7, and names that only a local network resolves (.local, .internal,
 * .localhost). `hostname` as the WHATWG URL parser writes it (IPv6 in brackets, IPv4 canonical).
 */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (isLoopbackHost(host) || host === '0.0.0.0') return true;
  if (/\.(local|internal|localhost)$/.test(host)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  }
  return /^\[f[cd][0-9a-f]{2}:/.test(host);
}
