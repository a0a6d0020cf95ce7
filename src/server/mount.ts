import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AppDeps } from '../app/deps.js';
import type { Handler, HandlerRequest, HandlerResponse } from './handler.js';
import { locals } from './request-context.js';

/**
 * Mounts `serverless/` entry points on express. A route is either a portable
 * handler (plain request → plain response; the body arrives raw, up to the
 * route's limit, so signature checks see the exact bytes) or a ready Router.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteDefinition =
  | { kind: 'handler'; method: HttpMethod; path: string; handler: Handler; bodyLimitBytes?: number }
  | { kind: 'router'; path: string; router: (deps: AppDeps) => Router };

function toHandlerRequest(req: Request, res: Response): HandlerRequest {
  const ctx = locals(res);
  return {
    method: req.method,
    originalUrl: req.originalUrl,
    path: req.path,
    query: req.query as Record<string, unknown>,
    headers: req.headers,
    rawBody: Buffer.isBuffer(req.body) ? req.body : null,
    requestId: ctx.requestId,
    logger: ctx.logger,
  };
}

export function send(res: Response, out: HandlerResponse): void {
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
  res.status(out.status);
  if (out.body === undefined) res.end();
  else if (typeof out.body === 'string' || Buffer.isBuffer(out.body)) res.send(out.body);
  else res.json(out.body);
}

/** The portal a request concerns, for the request log, when the body or query names one. */
function portalOf(req: Request): number | undefined {
  const q = req.query.portalId;
  const n = typeof q === 'string' ? Number(q) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function mountRoutes(
  app: express.Express,
  deps: AppDeps,
  routes: readonly RouteDefinition[],
): void {
  for (const route of routes) {
    if (route.kind === 'router') {
      app.use(route.path, route.router(deps));
      continue;
    }
    const raw = express.raw({ type: () => true, limit: route.bodyLimitBytes ?? 100 * 1024 });
    const run = async (req: Request, res: Response, next: NextFunction) => {
      try {
        const portalId = portalOf(req);
        if (portalId !== undefined) locals(res).portalId = portalId;
        const out = await route.handler(deps, toHandlerRequest(req, res));
        if (out.portalId !== undefined) locals(res).portalId = out.portalId;
        send(res, out);
      } catch (err) {
        next(err);
      }
    };
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    app[method](route.path, raw, run);
  }
}
