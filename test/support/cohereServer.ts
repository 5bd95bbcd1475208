// A real Cohere-shaped rerank server on 127.0.0.1 for integration tests: it answers like Cohere
// (v1, v2, or any path ending in /rerank), records every request, checks the Bearer key, and can
// be scripted with a queue of faults (429, 5xx, resets, slow or stalled answers, malformed or
// invalid bodies, an error that echoes the Authorization header, a reply nested too deep, a
// redirect, a body that never ends) before answering normally. It is also an HTTP proxy to
// itself: a CONNECT for any host is tunnelled back into this server (over TLS when it has a
// certificate), so a test can aim the client at a name that resolves nowhere while every byte
// stays on 127.0.0.1. With `cors`, it answers a browser's cross-origin requests as an API that
// allows them does: preflights (OPTIONS, recorded apart) and Access-Control-Allow-* headers.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body text. */
  raw: string;
  /** The parsed JSON body, or undefined when the body was not JSON. */
  body: RerankRequestBody | undefined;
  /** Milliseconds since the server started, when the request's body had arrived. */
  at: number;
}

export interface RerankRequestBody {
  model?: unknown;
  query?: unknown;
  documents?: unknown;
  top_n?: unknown;
  max_tokens_per_doc?: unknown;
  return_documents?: unknown;
  [key: string]: unknown;
}

/** Scores every document of one request; higher is better. */
export type Scorer = (query: string, documents: readonly string[]) => number[];

/** One scripted behaviour for one request. */
export type Fault =
  /** The normal Cohere answer (useful in the middle of a script). */
  | { kind: 'ok' }
  /** 429, with a Retry-After header when given (seconds as a number, or any header text). */
  | { kind: 'rate-limit'; retryAfter?: number | string }
  /** Any status with a Cohere-style {message} body, and a Retry-After header when given. */
  | { kind: 'status'; status: number; message?: string; retryAfter?: number | string }
  /** Destroy the connection after reading the request: the client sees a reset. */
  | { kind: 'reset' }
  /** Wait before writing the head, then answer normally (or not at all when the socket closed). */
  | { kind: 'slow-headers'; delayMs: number }
  /** Write the head and part of the body, then never finish. */
  | { kind: 'stall-body' }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed-json' }
  /** 200 whose first result has an index past the end of the documents. */
  | { kind: 'out-of-range-index' }
  /** 200 where the same index appears twice. */
  | { kind: 'duplicate-index' }
  /** 200 with a relevance_score that parses to Infinity (1e999). */
  | { kind: 'non-finite-score' }
  /** 200 with a chosen JSON text (for any other malformed shape). */
  | { kind: 'raw'; status: number; text: string; contentType?: string }
  /** An error whose message echoes the Authorization header back. */
  | { kind: 'echo-auth'; status: number }
  /** A redirect (301, 302, 303, 307, 308) to `location`. */
  | { kind: 'redirect'; status: number; location: string }
  /** 200 and a body that never ends: `["` then `x` for as long as the client reads. */
  | { kind: 'endless-body' };

/** Short constructors for faults, so a test reads `server.script(fault.rateLimit(0), fault.status(503))`. */
export const fault = {
  ok: (): Fault => ({ kind: 'ok' }),
  rateLimit: (retryAfter?: number | string): Fault => (retryAfter === undefined ? { kind: 'rate-limit' } : { kind: 'rate-limit', retryAfter }),
  status: (status: number, message?: string, retryAfter?: number | string): Fault => ({
    kind: 'status',
    status,
    ...(message === undefined ? {} : { message }),
    ...(retryAfter === undefined ? {} : { retryAfter }),
  }),
  reset: (): Fault => ({ kind: 'reset' }),
  slowHeaders: (delayMs: number): Fault => ({ kind: 'slow-headers', delayMs }),
  stallBody: (): Fault => ({ kind: 'stall-body' }),
  malformedJson: (): Fault => ({ kind: 'malformed-json' }),
  outOfRangeIndex: (): Fault => ({ kind: 'out-of-range-index' }),
  duplicateIndex: (): Fault => ({ kind: 'duplicate-index' }),
  nonFiniteScore: (): Fault => ({ kind: 'non-finite-score' }),
  raw: (status: number, text: string): Fault => ({ kind: 'raw', status, text }),
  echoAuth: (status: number): Fault => ({ kind: 'echo-auth', status }),
  redirect: (status: number, location: string): Fault => ({ kind: 'redirect', status, location }),
  endlessBody: (): Fault => ({ kind: 'endless-body' }),
};

export interface CohereServerOptions {
  /** When set, every request must carry `Authorization: Bearer <apiKey>` or gets 401. */
  apiKey?: string;
  /** Scores documents; default: fraction of the query's words found in the document. */
  scorer?: Scorer;
  /**
   * Consulted for each request once the script queue is empty; return a fault, or undefined for
   * the normal answer. Lets a test fail a request by its content (a batch) whatever the order.
   */
  behaviour?: (request: RecordedRequest) => Fault | undefined;
  /** A certificate and key: every tunnel is then answered over TLS with them (https only). */
  tls?: { cert: string; key: string };
  /**
   * Allows cross-origin requests from a browser (a web worker extension host): a preflight
   * (OPTIONS) gets 204 with Access-Control-Allow-Methods/-Headers, and every answer carries
   * Access-Control-Allow-Origin for the request's Origin. Without it the server sends no CORS
   * header, as most APIs do, and a browser refuses to hand the answer over.
   */
  cors?: boolean;
}

export interface CohereServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  /** The target (host:port) of every CONNECT it tunnelled as a proxy, in arrival order. */
  tunnels: string[];
  /** Every CORS preflight (OPTIONS) it answered, with `cors` on; not in `requests`. */
  preflights: RecordedRequest[];
  /** Appends behaviours for the next requests; afterwards requests get the normal answer. */
  script(...faults: Fault[]): void;
  /** Faults still waiting in the queue. */
  pending(): number;
  /** Stops listening and destroys every open socket (so mocha can exit). */
  close(): Promise<void>;
}

/** Lowercased words of a text (letters and digits). */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The default scorer: the fraction of distinct query words that appear in the document. */
export const wordOverlapScorer: Scorer = (query, documents) => {
  const q = [...new Set(words(query))];
  return documents.map((doc) => {
    if (q.length === 0) return 0;
    const d = new Set(words(doc));
    return q.filter((w) => d.has(w)).length / q.length;
  });
};

/** Cohere's ordering: best first, ties by index; at most topN. */
export function rankScores(scores: readonly number[], topN?: number): { index: number; relevance_score: number }[] {
  const ranked = scores.map((relevance_score, index) => ({ index, relevance_score }));
  ranked.sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  return topN === undefined ? ranked : ranked.slice(0, topN);
}

export async function startCohereServer(options: CohereServerOptions = {}): Promise<CohereServer> {
  const started = Date.now();
  const requests: RecordedRequest[] = [];
  const tunnels: string[] = [];
  const preflights: RecordedRequest[] = [];
  const queue: Fault[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const scorer = options.scorer ?? wordOverlapScorer;
  let answered = 0;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) => {
    if (res.destroyed || res.writableEnded) return;
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
    res.end(text);
  };

  const sendText = (res: ServerResponse, status: number, text: string, contentType = 'application/json') => {
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  /** The normal answer: a Cohere rerank response, or 400 when the request is not one. */
  const answer = (res: ServerResponse, rec: RecordedRequest) => {
    const body = rec.body;
    if (!body || typeof body.query !== 'string' || !Array.isArray(body.documents)) {
      return sendJson(res, 400, { message: 'invalid request: expected {model, query, documents}' });
    }
    const documents = body.documents.map((d: unknown) =>
      typeof d === 'string' ? d : typeof (d as { text?: unknown })?.text === 'string' ? (d as { text: string }).text : JSON.stringify(d),
    );
    if (body.top_n !== undefined && (typeof body.top_n !== 'number' || !Number.isInteger(body.top_n) || body.top_n < 1)) {
      return sendJson(res, 422, { message: `invalid top_n: ${JSON.stringify(body.top_n)}` });
    }
    const topN = body.top_n as number | undefined;
    const results = rankScores(scorer(body.query, documents), topN);
    answered++;
    sendJson(res, 200, { id: `rerank-${answered}`, results, meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } } });
  };

  /** The normal answer behind the key check. */
  const answerAuthorized = (req: IncomingMessage, res: ServerResponse, rec: RecordedRequest) => {
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, { message: 'invalid api token' });
    }
    answer(res, rec);
  };

  const retryAfterHeader = (retryAfter: number | string | undefined): Record<string, string> =>
    retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };

  const perform = (f: Fault, req: IncomingMessage, res: ServerResponse, rec: RecordedRequest) => {
    const docCount = Array.isArray(rec.body?.documents) ? rec.body.documents.length : 1;
    switch (f.kind) {
      case 'ok':
        return answerAuthorized(req, res, rec);
      case 'rate-limit':
        return sendJson(res, 429, { message: 'You are using a Trial key, which is limited to 10 API calls / minute.' }, retryAfterHeader(f.retryAfter));
      case 'status':
        return sendJson(res, f.status, { message: f.message ?? `scripted status ${f.status}` }, retryAfterHeader(f.retryAfter));
      case 'reset': {
        const socket = req.socket as Socket & { resetAndDestroy?: () => void };
        if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
        else socket.destroy();
        return;
      }
      case 'slow-headers':
        return later(f.delayMs, () => answerAuthorized(req, res, rec));
      case 'stall-body': {
        const full = JSON.stringify({ id: 'stalled', results: rankScores(new Array<number>(docCount).fill(0.5)) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(full) });
        res.write(full.slice(0, Math.max(1, Math.floor(full.length / 2))));
        return; // never ends; close() destroys the socket
      }
      case 'malformed-json':
        return sendText(res, 200, '{"id":"x","results":[{"index":0,"relevance_score":0.9},');
      case 'out-of-range-index':
        return sendText(res, 200, JSON.stringify({ id: 'x', results: [{ index: docCount + 5, relevance_score: 0.9 }] }));
      case 'duplicate-index':
        return sendText(
          res,
          200,
          JSON.stringify({ id: 'x', results: [{ index: 0, relevance_score: 0.9 }, { index: 0, relevance_score: 0.8 }] }),
        );
      case 'non-finite-score':
        // JSON has no Infinity, but 1e999 parses to it: a real non-finite number on the wire.
        return sendText(res, 200, '{"id":"x","results":[{"index":0,"relevance_score":1e999}]}');
      case 'raw':
        return sendText(res, f.status, f.text, f.contentType);
      case 'redirect':
        res.writeHead(f.status, { location: f.location, 'content-length': 0 });
        return res.end();
      case 'endless-body': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const piece = 'x'.repeat(64 * 1024);
        const pump = () => {
          while (!res.destroyed && res.write(piece));
          if (!res.destroyed) res.once('drain', pump);
        };
        res.write('["');
        return pump();
      }
      case 'echo-auth':
        return sendJson(res, f.status, {
          message: `invalid request; you sent Authorization: ${String(req.headers.authorization ?? '')}`,
        });
    }
  };

  const server = createServer((req, res) => {
    // Merged into whatever head the answer writes (writeHead keeps headers set here).
    if (options.cors && typeof req.headers.origin === 'string') {
      res.setHeader('access-control-allow-origin', req.headers.origin);
      res.setHeader('vary', 'Origin');
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: RerankRequestBody | undefined;
      try {
        const parsed: unknown = JSON.parse(raw);
        body = parsed && typeof parsed === 'object' ? (parsed as RerankRequestBody) : undefined;
      } catch {
        body = undefined;
      }
      const rec: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body, at: Date.now() - started };
      if (options.cors && req.method === 'OPTIONS') {
        preflights.push(rec);
        res.writeHead(204, {
          'access-control-allow-methods': 'POST',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
          'access-control-max-age': '600',
        });
        return res.end();
      }
      requests.push(rec);

      const path = (req.url ?? '').split('?')[0] ?? '';
      if (req.method !== 'POST' || !/\/rerank\/?$/.test(path)) {
        return sendJson(res, 404, { message: `no route for ${req.method ?? ''} ${path}` });
      }
      const scripted = queue.shift() ?? options.behaviour?.(rec);
      if (scripted) return perform(scripted, req, res, rec);
      answerAuthorized(req, res, rec);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    tunnels.push(req.url ?? '');
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const tls = options.tls;
    server.emit('connection', tls ? new TLSSocket(socket, { isServer: true, cert: tls.cert, key: tls.key }) : socket);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    tunnels,
    preflights,
    script: (...faults: Fault[]) => {
      queue.push(...faults);
    },
    pending: () => queue.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        sockets.clear();
        server.close(() => resolve());
      }),
  };
}
