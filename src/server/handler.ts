import type { AppDeps } from '../app/deps.js';
import type { Logger } from '../logger.js';

/**
 * The portable shape of our function entry points (`serverless/`): a plain
 * request in, a plain response out, no express types. The server adapts them
 * (src/server/mount.ts); errors are thrown as AppErrors and rendered by the
 * one error middleware.
 */

export type HeaderValue = string | string[] | undefined;

export interface HandlerRequest {
  method: string;
  /** Path and query as received, e.g. `/webhooks/hubspot?x=1`. */
  originalUrl: string;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, HeaderValue>;
  /** The body exactly as received (handlers that verify signatures need the bytes). */
  rawBody: Buffer | null;
  requestId: string;
  logger: Logger;
}

export interface HandlerResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are. */
  body?: unknown;
  /** The portal the request concerned, for the request log line. */
  portalId?: number;
}

export type Handler = (deps: AppDeps, req: HandlerRequest) => Promise<HandlerResponse>;

/** A header's single value (the first when repeated). */
export function header(req: Pick<HandlerRequest, 'headers'>, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
