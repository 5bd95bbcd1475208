// The extension's transport: the host's global fetch, which VS Code extends with the user's proxy
// settings (http.proxy, http.noProxy, system and PAC proxies, proxy authentication) and the
// operating system's certificates. No agent, dispatcher or TLS context of our own: those would
// bypass exactly what a corporate network configures. Plain web APIs only (no node:*), so the same
// code runs in a web worker.

import type { ReplySink, Transport, TransportRequest } from './attempt';

/** `fetchImpl` is the host's fetch unless a test passes another. */
export function fetchTransport(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Transport {
  return async (request: TransportRequest, sink: ReplySink) => {
    const { signal } = request;
    const response = await fetchImpl(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // A redirect comes back as a 3xx (in a browser, as an opaque redirect with status 0) for the
      // policy to refuse: following it would carry the key to another origin.
      redirect: 'manual',
      signal,
    });
    sink.head(response.type === 'opaqueredirect' ? 0 : response.status, (name) => response.headers.get(name) ?? undefined);
    if (!response.body) return;
    const reader = response.body.getReader();
    // Cancels the stream when the attempt ends (a cap, the timeout), so no more bytes are read.
    const onAbort = () => void reader.cancel(signal.reason).catch(() => undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal.aborted) return onAbort();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || signal.aborted) return;
        sink.data(value);
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
}
