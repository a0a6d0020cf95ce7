import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** One item of HubSpot's `errors[]` (api-client model ErrorDetail). */
export interface HubSpotErrorDetail {
  message: string;
  in?: string;
  code?: string;
  subCategory?: string;
  context?: Record<string, string[]>;
}

export interface HubSpotErrorInit {
  category: string;
  subCategory?: string;
  errors?: HubSpotErrorDetail[];
  context?: Record<string, string[]>;
}

/** An error the sandbox answers in HubSpot's JSON error shape. */
export class HubSpotError extends Error {
  readonly category: string;
  readonly subCategory?: string;
  readonly errors?: HubSpotErrorDetail[];
  readonly context?: Record<string, string[]>;

  constructor(
    readonly httpStatus: number,
    message: string,
    init: HubSpotErrorInit,
  ) {
    super(message);
    this.category = init.category;
    this.subCategory = init.subCategory;
    this.errors = init.errors;
    this.context = init.context;
  }

  toBody(): HubSpotErrorBody {
    return errorBody(this.message, {
      category: this.category,
      subCategory: this.subCategory,
      errors: this.errors,
      context: this.context,
    });
  }
}

export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  errors?: HubSpotErrorDetail[];
  context?: Record<string, string[]>;
}

export function errorBody(message: string, init: HubSpotErrorInit): HubSpotErrorBody {
  const body: HubSpotErrorBody = {
    status: 'error',
    message,
    correlationId: randomUUID(),
    category: init.category,
  };
  if (init.subCategory) body.subCategory = init.subCategory;
  if (init.errors && init.errors.length > 0) body.errors = init.errors;
  if (init.context) body.context = init.context;
  return body;
}

export const validationError = (
  message: string,
  errors?: HubSpotErrorDetail[],
  context?: Record<string, string[]>,
) => new HubSpotError(400, message, { category: 'VALIDATION_ERROR', errors, context });

export const notFound = (message = 'Object not found', context?: Record<string, string[]>) =>
  new HubSpotError(404, message, { category: 'OBJECT_NOT_FOUND', context });

export const conflict = (message: string, context?: Record<string, string[]>) =>
  new HubSpotError(409, message, { category: 'CONFLICT', context });

/** Unknown paths: 404 in HubSpot's shape rather than express' HTML page. */
export const unknownPathHandler: RequestHandler = (req, res) => {
  res.status(404).json(
    errorBody(`Unable to route ${req.method} ${req.path}: resource not found`, {
      category: 'OBJECT_NOT_FOUND',
    }),
  );
};

interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

/** Last handler: turns thrown errors into HubSpot error bodies. */
export const errorHandler: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof HubSpotError) {
    res.status(err.httpStatus).json(err.toBody());
    return;
  }
  const parse = err as BodyParserError;
  if (parse && parse.type === 'entity.parse.failed') {
    res
      .status(400)
      .json(errorBody('Invalid input JSON on line 1', { category: 'VALIDATION_ERROR' }));
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  const status = typeof parse?.status === 'number' && parse.status >= 400 ? parse.status : 500;
  res.status(status).json(
    errorBody(status === 500 ? `internal error: ${message}` : message, {
      category: status === 500 ? 'INTERNAL_ERROR' : 'VALIDATION_ERROR',
    }),
  );
};
