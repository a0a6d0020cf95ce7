import { z } from 'zod';
import { settingsSchema } from '../../src/domain/settings.js';
import {
  AppError,
  ConfigError,
  ConflictError,
  ForbiddenError,
  fromZodError,
  httpStatusFor,
  InternalError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  toErrorBody,
  UnauthorizedError,
  UpstreamError,
  ValidationError,
} from '../../src/errors.js';

describe('errors', () => {
  test('map each code to one HTTP status', () => {
    const cases: [AppError, number, string][] = [
      [new ValidationError('bad'), 400, 'VALIDATION_FAILED'],
      [new UnauthorizedError(), 401, 'UNAUTHORIZED'],
      [new ForbiddenError(), 403, 'FORBIDDEN'],
      [new NotFoundError('no company 5'), 404, 'NOT_FOUND'],
      [new ConflictError('stale version'), 409, 'CONFLICT'],
      [new PayloadTooLargeError('over 1 MB'), 413, 'PAYLOAD_TOO_LARGE'],
      [new RateLimitedError('slow down', 1500), 429, 'RATE_LIMITED'],
      [new InternalError('x'), 500, 'INTERNAL'],
      [new ConfigError([]), 500, 'CONFIG_INVALID'],
      [new UpstreamError('HubSpot 503', 503), 502, 'UPSTREAM_FAILED'],
    ];
    for (const [error, status, code] of cases) {
      expect([httpStatusFor(error), error.code, error instanceof Error]).toEqual([
        status,
        code,
        true,
      ]);
    }
    expect(httpStatusFor(new Error('plain'))).toBe(500);
  });

  test('render a client body without internals', () => {
    expect(toErrorBody(new NotFoundError('no company 5', { companyId: '5' }))).toEqual({
      error: { code: 'NOT_FOUND', message: 'no company 5', details: { companyId: '5' } },
    });
    expect(toErrorBody(new RateLimitedError('slow down', 1500))).toEqual({
      error: { code: 'RATE_LIMITED', message: 'slow down', details: { retryAfterMs: 1500 } },
    });
    const leaky = new Error('duplicate key value violates unique constraint "x" at SELECT token');
    expect(toErrorBody(leaky)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(toErrorBody(new InternalError('db password wrong'))).toEqual({
      error: { code: 'INTERNAL', message: 'Internal error' },
    });
  });

  test('fromZodError names the field path and the rule', () => {
    const input = {
      score: { weights: { sales: 0.4, potential: 0.3, reference: 0.15, winnability: 0.1 } },
    };
    const result = settingsSchema.safeParse(input);
    expect(result.success).toBe(false);
    const error = fromZodError((result as { error: z.ZodError }).error, 'settings', input);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('settings.score.weights: must sum to 1, got 0.95');
    expect(error.details).toEqual({
      issues: [{ path: 'settings.score.weights', message: 'must sum to 1, got 0.95' }],
    });
  });

  test('fromZodError explains common rules with the value received', () => {
    const schema = z.object({
      port: z.number().int().min(1),
      role: z.enum(['web', 'worker']),
      tags: z.array(z.string()).max(1),
      name: z.string(),
    });
    const input = { port: 0, role: 'db', tags: ['a', 'b'] };
    const result = schema.safeParse(input);
    const error = fromZodError((result as { error: z.ZodError }).error, 'body', input);
    expect(error.message.split('; ')).toEqual([
      'body.port: must be ≥ 1, got 0',
      'body.role: must be one of "web", "worker", got "db"',
      'body.tags: must have at most 1 items',
      'body.name: is required (string)',
    ]);
  });
});
