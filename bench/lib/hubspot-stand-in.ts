import { createServer, type Server } from 'node:http';

/**
 * A loopback stand-in for HubSpot's API where a benchmark needs only its
 * answers, not its data (the 100,000-company portal lives in our mirror, and
 * the sandbox holding it too would double the machine's memory): every batch
 * write succeeds for every input, a single create (a task) gets an id, every
 * other call answers an empty page.
 * Counts the calls, so a row can say how many the write-back made.
 */
export interface StandIn {
  url: string;
  calls: () => number;
  close(): Promise<void>;
}

export async function startHubSpotStandIn(): Promise<StandIn> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls++;
      const now = new Date().toISOString();
      let body: unknown = { results: [], total: 0 };
      const created = /^\/crm\/v3\/objects\/[^/]+\/?$/.test((req.url ?? '').split('?')[0]);
      if (req.method === 'POST' && created) {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          properties?: Record<string, string>;
        };
        body = {
          id: String(calls),
          properties: input.properties ?? {},
          createdAt: now,
          updatedAt: now,
          archived: false,
        };
      } else if (req.method === 'POST' && /\/batch\/(update|create|upsert)$/.test(req.url ?? '')) {
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          inputs?: { id?: string; properties?: Record<string, string> }[];
        };
        body = {
          status: 'COMPLETE',
          startedAt: now,
          completedAt: now,
          results: (parsed.inputs ?? []).map((input, i) => ({
            id: String(input.id ?? i + 1),
            properties: input.properties ?? {},
            createdAt: now,
            updatedAt: now,
            archived: false,
          })),
        };
      }
      res
        .writeHead(req.method === 'POST' && created ? 201 : 200, {
          'content-type': 'application/json',
        })
        .end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls: () => calls,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
