import type { Request, Response } from 'express';
import type { z } from 'zod';
import { authOf } from '../auth.js';
import { HubSpotError, validationError } from '../errors.js';
import type { ChangeSource } from '../portal/change-events.js';
import type { PortalState } from '../portal/portal-state.js';
import type { Sandbox } from '../sandbox.js';
import { giveBack } from './answer-buffers.js';

/** The portal the request's token belongs to. */
export function portalOf(sandbox: Sandbox, res: Response): PortalState {
  const auth = authOf(res.locals);
  const portal = sandbox.getPortal(auth.portalId);
  if (!portal) {
    throw new HubSpotError(401, `The portal ${auth.portalId} does not exist or has been deleted`, {
      category: 'INVALID_AUTHENTICATION',
    });
  }
  return portal;
}

/** Who made a change through the API: apps are named `app-<appId>` like HubSpot's webhook sourceId. */
export function sourceOf(res: Response): ChangeSource {
  const auth = authOf(res.locals);
  return auth.appId !== undefined
    ? { changeSource: 'INTEGRATION', sourceId: `app-${auth.appId}` }
    : { changeSource: 'API' };
}

/**
 * Answers JSON the way express's `res.json` does (same status, Content-Type
 * and body), without its per-call settings lookups, charset parsing and
 * string-to-Buffer copy: the hot CRM routes answer every call through it.
 */
export function sendJson(res: Response, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

/** {@link sendJson} for a body already written as JSON text. */
export function sendJsonText(res: Response, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/**
 * {@link sendJson} for a body already written as UTF-8 JSON; bytes from
 * `JsonBytes.handOver` go back to the writers once the socket has written them.
 */
export function sendJsonBytes(res: Response, status: number, body: Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  if (res.req.method === 'HEAD') {
    res.end();
    giveBack(body);
  } else res.end(body, () => giveBack(body));
}

/** Parses a JSON body; a mismatch answers HubSpot's 400 "Invalid input JSON". */
export function parseBody<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new HubSpotError(
      400,
      `Invalid input JSON on line 1: ${issue?.message ?? 'bad input'}${where}`,
      {
        category: 'VALIDATION_ERROR',
        context: issue?.path.length ? { field: [issue.path.join('.')] } : undefined,
      },
    );
  }
  return r.data;
}

/** A query value given as `a,b`, as repeated keys, or not at all. */
export function queryList(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  const parts = (Array.isArray(v) ? v : [v]).flatMap((x) =>
    typeof x === 'string' ? x.split(',') : [],
  );
  return parts.map((s) => s.trim()).filter((s) => s.length > 0);
}

export function queryString(v: unknown): string | undefined {
  if (Array.isArray(v)) return queryString(v[0]);
  return typeof v === 'string' ? v : undefined;
}

export function queryBool(v: unknown): boolean {
  return queryString(v) === 'true';
}

/** Page size: default `dflt`, at most `max`; anything else is HubSpot's 400. */
export function queryLimit(v: unknown, dflt: number, max: number): number {
  const s = queryString(v);
  if (s === undefined || s === '') return dflt;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1)
    throw validationError(`limit must be a positive integer, got ${s}`);
  return Math.min(n, max);
}

/** Route params as a plain string (express types them loosely). */
export function param(req: Request, name: string): string {
  const v: unknown = req.params[name];
  return typeof v === 'string' ? v : '';
}
