// Where a key may go: plain http:// carries it readable by anyone on the path, so it goes over
// http:// only to this machine, unless the user (never a workspace) says otherwise.

import { RerankError } from '../core/errors';

/** localhost, 127.0.0.0/8 and ::1, as the WHATWG URL parser writes them (it canonicalises 127.1, 0x7f.0.0.1, [0::1]). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Refuses, before anything is sent, a key bound for a plain http:// endpoint on another machine.
 * `allowInsecureHttp` is the user's opt-in (--allow-insecure-http, rerank.allowInsecureHttp).
 */
export function checkKeyTransport(url: string, hasKey: boolean, allowInsecureHttp: boolean): void {
  if (!hasKey || allowInsecureHttp) return;
  const { protocol, hostname, host } = new URL(url);
  if (protocol !== 'http:' || isLoopbackHost(hostname)) return;
  throw new RerankError(
    'bad-input',
    `refusing to send the API key over plain http:// to ${host}, where anyone on the network path can read it; use https://, or opt in with --allow-insecure-http (CLI) or the user setting rerank.allowInsecureHttp`,
  );
}
