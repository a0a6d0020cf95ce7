import { Agent, request } from 'node:http';

/**
 * A small closed-loop HTTP load generator: `concurrency` workers over
 * keep-alive connections each send their next request as soon as the last
 * answer is read, for a fixed time (or request count), then stop by
 * themselves. Bodies are fully read so sockets are reused.
 */

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: unknown;
}

export interface LoadOptions {
  url: string;
  token: string;
  concurrency: number;
  durationMs: number;
  /** Stop earlier once this many requests were sent. */
  maxRequests?: number;
  /** The next request of worker `w` (workers may keep their own state, e.g. a paging cursor). */
  next: (worker: number, last: Answer | undefined) => RequestSpec;
}

export interface Answer {
  status: number;
  body: string;
}

export interface LoadResult {
  requests: number;
  /** Answers outside 2xx, and transport errors. */
  errors: number;
  firstError?: string;
  wallMs: number;
  /** Per-request latencies in ms, ascending. */
  latencies: number[];
  bytesIn: number;
}

function send(
  agent: Agent,
  base: URL,
  token: string,
  spec: RequestSpec,
): Promise<Answer & { bytes: number }> {
  const payload = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.method,
        path: spec.path,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': payload.length }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          bytes += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            bytes,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const base = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let bytesIn = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + o.durationMs;
  const more = () =>
    performance.now() < deadline && (o.maxRequests === undefined || requests < o.maxRequests);

  const worker = async (w: number) => {
    let last: Answer | undefined;
    while (more()) {
      const spec = o.next(w, last);
      requests++;
      const t = performance.now();
      try {
        const a = await send(agent, base, o.token, spec);
        latencies.push(performance.now() - t);
        bytesIn += a.bytes;
        if (a.status < 200 || a.status >= 300) {
          errors++;
          firstError ??= `${spec.method} ${spec.path} → ${a.status} ${a.body.slice(0, 200)}`;
        }
        last = a;
      } catch (e) {
        errors++;
        firstError ??= `${spec.method} ${spec.path} → ${e instanceof Error ? e.message : String(e)}`;
        last = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  const wallMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests, errors, firstError, wallMs, latencies, bytesIn };
}
