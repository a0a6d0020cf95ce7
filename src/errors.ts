import type { z } from 'zod';

/**
 * Typed errors with stable codes. The HTTP status of each code is decided here
 * and nowhere else; handlers throw these and one error middleware renders them
 * with `httpStatusFor` + `toErrorBody`.
 */

export const errorCodes = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'RATE_LIMITED',
  'UPSTREAM_FAILED',
  'PAYLOAD_TOO_LARGE',
  'CONFIG_INVALID',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  CONFIG_INVALID: 500,
  UPSTREAM_FAILED: 502,
};

export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details?: ErrorDetails,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('VALIDATION_FAILED', message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('NOT_FOUND', message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required', details?: ErrorDetails) {
    super('UNAUTHORIZED', message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed', details?: ErrorDetails) {
    super('FORBIDDEN', message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('CONFLICT', message, details);
  }
}

export class RateLimitedError extends AppError {
  /** How long the caller should wait before trying again. */
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, details?: ErrorDetails) {
    super('RATE_LIMITED', message, { ...details, retryAfterMs });
    this.retryAfterMs = retryAfterMs;
  }
}

export class UpstreamError extends AppError {
  /** Status the upstream (HubSpot) answered with, when there was an answer. */
  readonly upstreamStatus: number | null;
  constructor(
    message: string,
    upstreamStatus: number | null,
    details?: ErrorDetails,
    options?: { cause?: unknown },
  ) {
    super('UPSTREAM_FAILED', message, { ...details, upstreamStatus }, options);
    this.upstreamStatus = upstreamStatus;
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: ErrorDetails) {
    super('PAYLOAD_TOO_LARGE', message, details);
  }
}

export interface ConfigProblem {
  /** Environment variable at fault. */
  variable: string;
  problem: string;
  fix: string;
}

export class ConfigError extends AppError {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    const lines = problems.map((p) => `- ${p.variable}: ${p.problem}. Fix: ${p.fix}`);
    super('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, { problems });
    this.problems = problems;
  }
}

export class InternalError extends AppError {
  constructor(message: string, details?: ErrorDetails, options?: { cause?: unknown }) {
    super('INTERNAL', message, details, options);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export function httpStatusFor(error: unknown): number {
  return isAppError(error) ? statusByCode[error.code] : 500;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
}

/**
 * The JSON body for an error response. Unknown errors become a generic
 * INTERNAL so no stack, SQL or token ever reaches a client; so do server-side
 * configuration errors (they name environment variables).
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (!isAppError(error) || error.code === 'INTERNAL' || error.code === 'CONFIG_INVALID') {
    return { error: { code: 'INTERNAL', message: 'Internal error' } };
  }
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  return body;
}

type ZodIssue = z.core.$ZodIssue;

/** `['score', 'weights', 0]` → `score.weights[0]`. */
export function formatPath(path: readonly PropertyKey[], root?: string): string {
  let out = root ?? '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describe(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return null;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function issueText(issue: ZodIssue, input: unknown): string {
  const got = describe(valueAt(input, issue.path));
  const suffix = got === null ? '' : `, got ${got}`;
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined && input !== undefined
        ? `is required (${issue.expected})`
        : `must be ${issue.expected}${suffix}`;
    case 'too_small': {
      const op = issue.inclusive === false ? '>' : '≥';
      if (issue.origin === 'string')
        return `must have at least ${String(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at least ${String(issue.minimum)} items`;
      return `must be ${op} ${String(issue.minimum)}${suffix}`;
    }
    case 'too_big': {
      const op = issue.inclusive === false ? '<' : '≤';
      if (issue.origin === 'string') return `must have at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have at most ${String(issue.maximum)} items`;
      return `must be ${op} ${String(issue.maximum)}${suffix}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${suffix}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}; remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}${suffix}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}${suffix}`;
    default: {
      // Custom messages often start with the field path already ("score.weights must …").
      const bare = formatPath(issue.path);
      return bare !== '' && issue.message.startsWith(`${bare} `)
        ? issue.message.slice(bare.length + 1)
        : issue.message;
    }
  }
}

/**
 * A ValidationError whose message names each field path and what to do, e.g.
 * `settings.score.weights: must sum to 1, got 0.95`. `what` is the root name
 * (`settings`, `request body`); pass the input to have offending values quoted.
 */
export function fromZodError(err: z.ZodError, what: string, input?: unknown): ValidationError {
  const issues = err.issues.map((issue) => {
    const path = formatPath(issue.path, what);
    return { path, message: issueText(issue, input) };
  });
  const message = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ValidationError(message, { issues });
}
