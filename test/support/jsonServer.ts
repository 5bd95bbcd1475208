// A plain JSON server on 127.0.0.1 whose answers a test writes as a function: for speaking one
// provider's documented shape without a fault script. Records every request.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface JsonRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface JsonReply {
  status?: number;
  json: unknown;
}

export interface JsonServer {
  url: string;
  requests: JsonRequest[];
  close(): Promise<void>;
}

export async function startJsonServer(answer: (request: JsonRequest) => JsonReply): Promise<JsonServer> {
  const requests: JsonRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        // leave empty: the answer function sees {} and the test's assertions fail on it
      }
      const request = { path: req.url ?? '', headers: req.headers, body };
      requests.push(request);
      let reply: JsonReply;
      try {
        reply = answer(request);
      } catch (err) {
        reply = { status: 500, json: { message: `test server: ${(err as Error).message}` } };
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
