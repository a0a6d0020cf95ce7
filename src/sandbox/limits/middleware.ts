import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { CallerKey, RateLimiter } from './limiter.js';

export interface RateLimitMiddlewareOptions {
  limiter: RateLimiter;
  now: () => number;
  /** The authenticated caller; calls without one (token endpoints, admin) are not limited. */
  caller: (req: Request, res: Response) => CallerKey | undefined;
}

/** CRM search endpoints have their own per-second limit. */
export function isSearchCall(req: Request): boolean {
  return req.method === 'POST' && /\/search\/?$/.test(req.path);
}

/** Adds HubSpot's rate-limit headers to every limited answer and turns excess calls into 429s. */
export function rateLimitMiddleware(options: RateLimitMiddlewareOptions): RequestHandler {
  return (req, res, next) => {
    const caller = options.caller(req, res);
    if (!caller) return next();
    const decision = options.limiter.check(caller, isSearchCall(req), options.now());
    // setHeader directly: res.set() re-checks each name for Content-Type handling.
    const headers = decision.headers;
    for (const name in headers) res.setHeader(name, headers[name]);
    if (decision.rejected) {
      res.status(429).json(decision.rejected);
      return;
    }
    next();
  };
}

/**
 * Rejects bodies over the size ceiling before anything parses them, with 413
 * as HubSpot does. Relies on Content-Length, which the api-client always sends.
 */
export function bodySizeMiddleware(maxBytes: () => number): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(length) && length > maxBytes()) {
      res.status(413).json({
        status: 'error',
        message: `Request body of ${length} bytes exceeds the limit of ${maxBytes()} bytes`,
        correlationId: randomUUID(),
        category: 'VALIDATION_ERROR',
      });
      // The unread body would otherwise keep the socket busy.
      req.resume();
      return;
    }
    next();
  };
}
