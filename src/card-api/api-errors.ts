import type { NextFunction, Request, Response } from 'express';
import type { ApiError } from '../cards/contract.js';
import {
  PayloadTooLargeError,
  ValidationError,
  httpStatusFor,
  isAppError,
  toErrorBody,
} from '../errors.js';
import { locals } from '../server/request-context.js';

/**
 * Errors of the card API in the contract's shape (`{ error: { code, message } }`
 * with the contract's lowercase codes). The status still comes from the one
 * mapping in src/errors.ts; only "try again shortly" (503) is ours.
 */

type ApiErrorCode = ApiError['error']['code'];

/** A result that is still being computed (the what-if preview of a large portal). */
export class TryAgainError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TryAgainError';
  }
}

export function apiCodeOf(status: number): ApiErrorCode {
  if (status === 400 || status === 413) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return 'internal';
}

export interface RenderedError {
  status: number;
  body: ApiError;
  headers: Record<string, string>;
}

/** body-parser's own errors (too large, bad encoding) as our typed errors. */
function fromBodyParser(error: unknown): unknown {
  if (error === null || typeof error !== 'object' || !('type' in error)) return error;
  const type = (error as { type: unknown }).type;
  if (type === 'entity.too.large') return new PayloadTooLargeError('Request body is too large');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new ValidationError('request body: unsupported encoding');
  return error;
}

export function renderApiError(raw: unknown): RenderedError {
  const error = fromBodyParser(raw);
  if (error instanceof TryAgainError) {
    return {
      status: 503,
      body: { error: { code: 'unavailable', message: error.message } },
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
    };
  }
  const status = httpStatusFor(error);
  const headers: Record<string, string> = {};
  if (isAppError(error) && error.code === 'RATE_LIMITED') {
    const ms = error.details?.retryAfterMs;
    if (typeof ms === 'number') headers['Retry-After'] = String(Math.max(1, Math.ceil(ms / 1000)));
  }
  // toErrorBody never lets internals (SQL, stacks, tokens) through.
  const message = toErrorBody(error).error.message;
  return { status, body: { error: { code: apiCodeOf(status), message } }, headers };
}

/** The router's error middleware (express 5 passes rejected handlers here). */
export function cardApiErrorHandler(
  err: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(err);
    return;
  }
  const out = renderApiError(err);
  if (out.status >= 500 && !(err instanceof TryAgainError))
    locals(res).logger?.error({ err }, 'card API request failed');
  for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
  res.status(out.status).json(out.body);
}
