import type { NextFunction, Request, Response } from 'express';
import {
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
  httpStatusFor,
  toErrorBody,
} from '../errors.js';
import { locals } from './request-context.js';

/**
 * The one place HTTP errors are rendered: body-parser failures become our
 * typed errors, then `httpStatusFor`/`toErrorBody` (src/errors.ts) decide the
 * status and body. 5xx are logged with the error; 4xx are the client's doing.
 */

function bodyParserError(err: unknown): Error | null {
  if (err === null || typeof err !== 'object' || !('type' in err)) return null;
  const type = (err as { type: unknown }).type;
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: unknown }).limit;
    return new PayloadTooLargeError(
      `Request body is larger than ${typeof limit === 'number' ? `${limit} bytes` : 'the limit'}`,
      typeof limit === 'number' ? { limitBytes: limit } : undefined,
    );
  }
  if (type === 'entity.parse.failed')
    return new ValidationError('request body: must be valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new ValidationError('request body: unsupported encoding');
  return null;
}

export function notFound(req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError(`No route for ${req.method} ${req.path}`));
}

export function errorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const error = bodyParserError(err) ?? err;
  const status = httpStatusFor(error);
  if (status >= 500) locals(res).logger?.error({ err: error }, 'request failed');
  res.status(status).json(toErrorBody(error));
}
