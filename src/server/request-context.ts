import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { childLogger, type Logger } from '../logger.js';

/**
 * Request ids and request logs. An incoming `X-Request-Id` is kept when it
 * looks like an id (so a proxy's id links the logs), otherwise a fresh one is
 * made; it is echoed in the response. One log line per request, with the
 * portal when the handler learned it (`res.locals.portalId`).
 */

const ID_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

export interface RequestLocals {
  requestId: string;
  logger: Logger;
  portalId?: number;
}

export function locals(res: Response): RequestLocals {
  return res.locals as RequestLocals;
}

export function requestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && ID_PATTERN.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const ctx = locals(res);
    ctx.requestId = requestId;
    ctx.logger = childLogger(logger, { requestId });
    const started = performance.now();
    res.on('finish', () => {
      // Health probes and scrapes are frequent and uninteresting: debug only.
      const quiet = req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics';
      const line = {
        req,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        ...(ctx.portalId === undefined ? {} : { portalId: ctx.portalId }),
      };
      if (quiet) ctx.logger.debug(line, 'request');
      else if (res.statusCode >= 500) ctx.logger.error(line, 'request');
      else ctx.logger.info(line, 'request');
    });
    next();
  };
}
