import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** A local webhook endpoint for tests: records raw bodies and headers, answers as told. */
export interface ReceivedRequest {
  url: string;
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Status codes for the next answers (then 200). */
  failNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startReceiver(path = '/webhooks'): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const queue: number[] = [];
  const app = express();
  app.post(path, express.text({ type: '*/*', limit: '5mb' }), (req, res) => {
    received.push({
      url: `http://${req.headers.host}${req.originalUrl}`,
      path: req.path,
      body: typeof req.body === 'string' ? req.body : '',
      headers: req.headers,
    });
    res.status(queue.shift() ?? 200).end();
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    failNext: (...statuses) => queue.push(...statuses),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
