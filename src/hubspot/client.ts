import { Client } from '@hubspot/api-client';

/**
 * The one place an api-client is made. Every HTTP call it sends goes through
 * our middleware: first the portal's shared token bucket (so all processes
 * together stay under HubSpot's per-portal limit), then a call counter per
 * operation and status. Retries are ours (`withRetry`), not the client's.
 */

export interface PortalLimiter {
  /** Resolves when the portal may send `cost` more requests. */
  acquire(portalId: number, cost?: number): Promise<void>;
}

export interface CallRecorder {
  request(portalId: number, operation: string): void;
  response(portalId: number, status: number): void;
}

export interface HubSpotClientOptions {
  portalId: number;
  accessToken: string;
  /** https://api.hubapi.com, or the sandbox's URL. */
  basePath: string;
  limiter: PortalLimiter;
  recorder?: CallRecorder;
  /**
   * The portal's current access token, asked before every request (added by
   * BE1 for OAuth): a long-lived client then never sends an expired token,
   * e.g. through a backfill that outlasts the 30-minute token.
   */
  token?: () => Promise<string>;
}

interface RequestLike {
  getUrl(): string;
  getHttpMethod(): string;
  setHeaderParam(key: string, value: string): void;
}
interface ResponseLike {
  httpStatusCode: number;
}

/** `GET /crm/v3/objects/companies/123?x` → `GET /crm/v3/objects/companies/{id}` for counting by operation. */
export function operationOf(method: string, url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.split('?')[0];
  }
  return `${method.toUpperCase()} ${path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
}

export function createHubSpotClient(o: HubSpotClientOptions): Client {
  return new Client({
    accessToken: o.accessToken,
    basePath: o.basePath,
    numberOfApiCallRetries: 0,
    middleware: [
      {
        pre: async (ctx: unknown) => {
          const req = ctx as RequestLike;
          await o.limiter.acquire(o.portalId, 1);
          if (o.token) req.setHeaderParam('Authorization', `Bearer ${await o.token()}`);
          o.recorder?.request(o.portalId, operationOf(String(req.getHttpMethod()), req.getUrl()));
          return ctx;
        },
        post: (ctx: unknown) => {
          o.recorder?.response(o.portalId, (ctx as ResponseLike).httpStatusCode);
          return ctx;
        },
      },
    ],
  });
}

/** A limiter that never waits (tests, scripts). */
export const unlimited: PortalLimiter = { acquire: async () => undefined };

/** In-process counts of calls per operation and status, e.g. for benchmarks and /metrics. */
export class CallCounter implements CallRecorder {
  readonly byOperation = new Map<string, number>();
  readonly byStatus = new Map<number, number>();
  total = 0;
  request(_portalId: number, operation: string): void {
    this.total++;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }
  response(_portalId: number, status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }
}
