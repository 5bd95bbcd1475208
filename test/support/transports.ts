// Every transport the providers have, opened directly or through a proxy, so that one table of
// integration cases runs through each: the CLI's undici and the extension host's fetch.

import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import { fetchTransport } from '../../src/providers/fetchTransport';
import { httpOptions, type HttpOptions, type Transport } from '../../src/providers/http';
import { createDispatcher, undiciTransport } from '../../src/providers/undiciTransport';
import { startCohereServer, type CohereServer } from './cohereServer';

export interface OpenTransport {
  transport: Transport;
  close(): Promise<void>;
}

export interface TransportCase {
  name: string;
  /** Connects directly. */
  direct(): OpenTransport;
  /** Through the HTTP proxy at `proxy`, as its face is configured for one. */
  viaProxy(proxy: string): OpenTransport;
}

export const TRANSPORTS: readonly TransportCase[] = [
  {
    name: 'undici (the CLI)',
    direct: () => {
      const dispatcher = createDispatcher();
      return { transport: undiciTransport(dispatcher), close: () => dispatcher.destroy() };
    },
    viaProxy: (proxy) => {
      const dispatcher = createDispatcher({ env: { HTTPS_PROXY: proxy, HTTP_PROXY: proxy } });
      return { transport: undiciTransport(dispatcher), close: () => dispatcher.destroy() };
    },
  },
  {
    name: 'fetch (the extension host)',
    direct: () => ({ transport: fetchTransport(), close: () => Promise.resolve() }),
    // What VS Code does to the host's fetch when a proxy is configured, done here with undici's fetch.
    viaProxy: (proxy) => {
      const dispatcher = new ProxyAgent(proxy);
      const proxied: typeof fetch = (input, init) => undiciFetch(input as URL, { ...(init as object), dispatcher }) as unknown as Promise<Response>;
      return { transport: fetchTransport(proxied), close: () => dispatcher.destroy() };
    },
  },
];

/** A proxy that takes connections and never answers: a connect that never completes. */
export async function startSilentProxy(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A rerank request's body and headers, for tests of the HTTP layer. */
export const BODY = JSON.stringify({ model: 'rerank-v3.5', query: 'retry a request', documents: ['retry the request', 'bake bread'] });
export const HEADERS = { authorization: 'Bearer test-key-http-0001' };

/** What each test of a transport case gets: a fresh loopback server, the transport opened to it, and options. */
export interface LoopbackFixture {
  server: CohereServer;
  open: OpenTransport;
  /** The server's /v2/rerank. */
  url: string;
  /** Small, fast defaults: a tiny backoff so no test waits for real unless it says so. */
  opts(partial?: Partial<HttpOptions>): HttpOptions;
}

/** Starts a server and opens the case's direct transport before each test of the calling describe; closes both after it. */
export function loopbackPerTest(transportCase: TransportCase): LoopbackFixture {
  const fixture = {
    opts: (partial: Partial<HttpOptions> = {}) => httpOptions({ transport: fixture.open.transport, backoff: { baseMs: 1, capMs: 5 }, timeoutMs: 2_000, ...partial }),
  } as LoopbackFixture;
  beforeEach(async () => {
    fixture.server = await startCohereServer();
    fixture.open = transportCase.direct();
    fixture.url = `${fixture.server.url}/v2/rerank`;
  });
  afterEach(async () => {
    await fixture.server.close();
    await fixture.open.close();
  });
  return fixture;
}
