// The CLI's transport: undici's dispatch API, with no stream objects between the socket and the
// policy's buffer (the CLI's measured speed). A keep-alive Agent passed per request (never the
// global dispatcher); behind HTTPS_PROXY / HTTP_PROXY unless NO_PROXY names the host or it is this
// machine (localhost, 127.0.0.1, [::1]: a self-hosted server is never sent to a proxy). Certificates
// are Node's own TLS defaults, so NODE_EXTRA_CA_CERTS adds a company's root. Imported by the CLI
// only: the extension sends through VS Code's fetch.

import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { MAX_TIMER_MS } from '../core/timers';
import type { ReplySink, Transport, TransportRequest } from './attempt';


export interface DispatcherOptions {
  /** The environment whose HTTP(S)_PROXY and NO_PROXY apply; none: connect directly. */
  env?: NodeJS.ProcessEnv;
}

/** A keep-alive connection pool, behind the environment's proxy when one is set. */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const pool = { keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 16 };
  const env = options.env;
  if (env && hasProxyEnv(env)) return new EnvHttpProxyAgent({ ...pool, ...definedProxyEnv(env) });
  return new Agent(pool);
}

function hasProxyEnv(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy);
}

/** This machine, by the names undici compares a request's host with (an IPv6 address in brackets). */
const LOOPBACK = 'localhost,127.0.0.1,[::1]';

/** The proxy variables of `env` (lower case first, as curl reads them), not of process.env. */
function definedProxyEnv(env: NodeJS.ProcessEnv): { httpProxy?: string; httpsProxy?: string; noProxy: string } {
  const httpProxy = env.http_proxy || env.HTTP_PROXY;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || httpProxy;
  const listed = (env.no_proxy || env.NO_PROXY)?.trim();
  // undici honours "*" only as the whole value.
  const noProxy = listed === '*' ? listed : listed ? `${LOOPBACK},${listed}` : LOOPBACK;
  return { ...(httpProxy ? { httpProxy } : {}), ...(httpsProxy ? { httpsProxy } : {}), noProxy };
}

/** Requests through `dispatcher`: one timer of the policy's bounds each attempt, so undici's are left wide. */
export function undiciTransport(dispatcher: Dispatcher): Transport {
  return (request: TransportRequest, sink: ReplySink) =>
    new Promise<void>((resolve, reject) => {
      const { signal, url } = request;
      let controller: Dispatcher.DispatchController | undefined;
      const onAbort = () => controller?.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      const done = (finish: () => void) => {
        signal.removeEventListener('abort', onAbort);
        finish();
      };
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'POST',
          headers: request.headers,
          body: request.body,
          headersTimeout: MAX_TIMER_MS,
          bodyTimeout: MAX_TIMER_MS,
        },
        {
          onRequestStart(c) {
            controller = c;
            // A request still queued for a socket when the attempt ended is aborted as it starts.
            if (signal.aborted) c.abort(signal.reason);
          },
          onResponseStart(_c, statusCode, headers) {
            sink.head(statusCode, (name) => {
              const value = headers[name];
              return Array.isArray(value) ? value[0] : value;
            });
          },
          onResponseData(_c, chunk) {
            sink.data(chunk);
          },
          onResponseEnd() {
            done(resolve);
          },
          onResponseError(_c, err) {
            done(() => reject(err));
          },
        },
      );
    });
}
