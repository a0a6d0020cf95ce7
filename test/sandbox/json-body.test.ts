import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import fc from 'fast-check';
import { jsonBody } from '../../src/sandbox/json-body.js';

/** The short JSON body path reads every body as express.json does (same value, same error). */

interface Answer {
  status: number;
  text: string;
}

function echoServer(reader: RequestHandler): Promise<{ server: Server; port: number }> {
  const app = express();
  app.use(reader);
  app.use((req, res) => {
    res.json({ body: (req.body as unknown) ?? null, has: 'body' in req });
  });
  const onError: ErrorRequestHandler = (err: { status?: number; type?: string }, _req, res, _n) => {
    res.status(err.status ?? 500).json({ type: err.type ?? null });
  };
  app.use(onError);
  const server = createServer(app);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port }),
    ),
  );
}

function post(
  port: number,
  body: Buffer,
  headers: Record<string, string>,
  path = '/',
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    // Two writes: the body arrives in more than one chunk at times.
    const half = body.length >> 1;
    req.write(body.subarray(0, half));
    req.end(body.subarray(half));
  });
}

describe('sandbox JSON body reader', () => {
  const LIMIT = 1024;
  let fast: { server: Server; port: number };
  let plain: { server: Server; port: number };
  beforeAll(async () => {
    fast = await echoServer(jsonBody(LIMIT));
    plain = await echoServer(express.json({ limit: LIMIT }));
  });
  afterAll(async () => {
    await new Promise((r) => fast.server.close(r));
    await new Promise((r) => plain.server.close(r));
  });

  const same = async (body: Buffer, headers: Record<string, string>, path = '/') => {
    const [a, b] = await Promise.all([
      post(fast.port, body, headers, path),
      post(plain.port, body, headers, path),
    ]);
    expect(a).toEqual(b);
  };
  const withLength = (body: Buffer, type = 'application/json') => ({
    'content-type': type,
    'content-length': String(body.length),
  });

  it('parses what express.json parses, and rejects what it rejects', async () => {
    const texts = fc.oneof(
      fc.json(),
      fc.string(),
      fc.json().map((t) => ` \n\t${t}`),
      fc.json().map((t) => t.slice(0, -1)),
    );
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const body = Buffer.from(text);
        await same(body, withLength(body));
        // Batch reads go through the plain JSON reader first.
        await same(body, withLength(body), '/crm/v3/objects/deals/batch/read?archived=false');
      }),
      { numRuns: 150 },
    );
  });

  it('treats byte order marks, charsets, sizes and other types as express.json does', async () => {
    const obj = Buffer.from('{"a":[1,"é—"]}');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), obj]);
    await same(bom, withLength(bom));
    await same(Buffer.from([0xef, 0xbb, 0xbf]), withLength(Buffer.from([0xef, 0xbb, 0xbf])));
    await same(obj, withLength(obj, 'application/json; charset=UTF-8'));
    await same(obj, withLength(obj, 'application/json; charset=latin1'));
    await same(obj, withLength(obj, 'text/plain'));
    await same(obj, { 'content-type': 'application/json' });
    await same(Buffer.alloc(0), withLength(Buffer.alloc(0)));
    const big = Buffer.from(JSON.stringify({ a: 'x'.repeat(LIMIT) }));
    await same(big, withLength(big));
    await same(
      Buffer.from(new Uint8Array([0x7b, 0xff, 0x7d])),
      withLength(Buffer.from([0x7b, 0xff, 0x7d])),
    );
  });
});
