import type { Request, RequestHandler, Response } from 'express';

/** One HubSpot API call as the sandbox saw it. */
export interface CallRecord {
  at: number;
  portalId?: number;
  appId?: number;
  method: string;
  path: string;
  /** Method + route template, e.g. `POST /crm/v3/objects/:objectType/search`. */
  operation: string;
  status: number;
  durationMs: number;
}

export interface CallCount {
  operation: string;
  portalId?: number;
  appId?: number;
  count: number;
  /** Answers with status ≥ 400. */
  errors: number;
}

export interface CallFilter {
  portalId?: number;
  appId?: number;
}

/** Counts calls per operation, portal and app, and keeps the latest ones. */
export class CallLog {
  private readonly counts = new Map<string, CallCount>();
  private recentCalls: CallRecord[] = [];

  constructor(private readonly capacity = 1000) {}

  record(call: CallRecord): void {
    const key = `${call.portalId ?? ''}|${call.appId ?? ''}|${call.operation}`;
    let c = this.counts.get(key);
    if (!c) {
      c = {
        operation: call.operation,
        portalId: call.portalId,
        appId: call.appId,
        count: 0,
        errors: 0,
      };
      this.counts.set(key, c);
    }
    c.count++;
    if (call.status >= 400) c.errors++;
    this.recentCalls.push(call);
    if (this.recentCalls.length > this.capacity)
      this.recentCalls.splice(0, this.recentCalls.length - this.capacity);
  }

  countsFor(filter: CallFilter = {}): CallCount[] {
    return [...this.counts.values()]
      .filter((c) => matches(c, filter))
      .map((c) => ({ ...c }))
      .sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation));
  }

  total(filter: CallFilter = {}): number {
    return this.countsFor(filter).reduce((s, c) => s + c.count, 0);
  }

  recent(filter: CallFilter & { limit?: number } = {}): CallRecord[] {
    const rows = this.recentCalls.filter((c) => matches(c, filter));
    return rows.slice(-(filter.limit ?? 100));
  }

  reset(portalId?: number): void {
    if (portalId === undefined) {
      this.counts.clear();
      this.recentCalls = [];
      return;
    }
    for (const [k, c] of this.counts) if (c.portalId === portalId) this.counts.delete(k);
    this.recentCalls = this.recentCalls.filter((c) => c.portalId !== portalId);
  }
}

function matches(c: { portalId?: number; appId?: number }, f: CallFilter): boolean {
  return (
    (f.portalId === undefined || c.portalId === f.portalId) &&
    (f.appId === undefined || c.appId === f.appId)
  );
}

/** `GET /crm/v3/objects/:objectType/:objectId` when a route matched, else the raw path. */
export function operationOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  const template =
    typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : `${req.path} (unrouted)`;
  return `${req.method} ${template}`;
}

export interface CallLogMiddlewareOptions {
  log: CallLog;
  now: () => number;
  caller: (req: Request, res: Response) => { portalId: number; appId?: number } | undefined;
  /** Paths not to record (admin API, explorer). */
  skip: (req: Request) => boolean;
}

/** Records every answered call once the response is finished. */
export function callLogMiddleware(o: CallLogMiddlewareOptions): RequestHandler {
  return (req, res, next) => {
    if (o.skip(req)) return next();
    const started = performance.now();
    const at = o.now();
    const path = req.path;
    res.on('finish', () => {
      const who = o.caller(req, res);
      o.log.record({
        at,
        portalId: who?.portalId,
        appId: who?.appId,
        method: req.method,
        path,
        operation: operationOf(req),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}
