import { z } from 'zod';
import { isAppError, UpstreamError } from '../errors.js';
import { hubspotRetries } from '../server/metrics.js';
import { statusOf, withRetry, type RetryOptions } from './retry.js';

/**
 * One HubSpot call as every module here makes it: retried on 429/5xx/network
 * (counted in `kam_hubspot_retries_total`), one more try after a 401 (the
 * access layer has refreshed the token by then, once), and any failure left
 * as a typed UpstreamError naming the operation, with HubSpot's message and
 * category but never headers or tokens.
 */

export interface CallOptions {
  /** Retry tuning; tests pass a no-op sleep. */
  retry?: Partial<RetryOptions>;
}

const hubspotErrorBody = z.object({
  message: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.unknown().optional(),
  correlationId: z.string().optional(),
  status: z.string().optional(),
});
export type HubSpotErrorBody = z.infer<typeof hubspotErrorBody>;

/** HubSpot's error body of an api-client ApiException (parsed JSON or text), or {}. */
export function errorBodyOf(error: unknown): HubSpotErrorBody {
  if (typeof error !== 'object' || error === null || !('body' in error)) return {};
  let body: unknown = (error as { body: unknown }).body;
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return { message: text.slice(0, 300) };
    }
  }
  const parsed = hubspotErrorBody.safeParse(body);
  return parsed.success ? parsed.data : {};
}

export function toUpstreamError(operation: string, error: unknown): Error {
  if (isAppError(error)) return error;
  const status = statusOf(error);
  const body = errorBodyOf(error);
  const said = body.message ? `: ${body.message.slice(0, 500)}` : '';
  const message =
    status === null
      ? `HubSpot could not be reached (${operation}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
      : `HubSpot answered ${status} to ${operation}${said}`;
  return new UpstreamError(
    message,
    status,
    {
      operation,
      ...(body.category ? { category: body.category } : {}),
      ...(typeof body.subCategory === 'string' ? { subCategory: body.subCategory } : {}),
      ...(body.correlationId ? { correlationId: body.correlationId } : {}),
    },
    { cause: error },
  );
}

export async function callHubSpot<T>(
  operation: string,
  fn: () => Promise<T>,
  options: CallOptions = {},
): Promise<T> {
  const run = () =>
    withRetry(fn, {
      ...options.retry,
      onRetry: (info) => {
        hubspotRetries.inc({ status: info.status === null ? 'network' : String(info.status) });
        options.retry?.onRetry?.(info);
      },
    });
  try {
    try {
      return await run();
    } catch (error) {
      if (statusOf(error) !== 401) throw error;
      return await run();
    }
  } catch (error) {
    throw toUpstreamError(operation, error);
  }
}

/** The HubSpot status of an UpstreamError (or api-client error), null when none. */
export function upstreamStatusOf(error: unknown): number | null {
  if (error instanceof UpstreamError) return error.upstreamStatus;
  return statusOf(error);
}

/** The HubSpot error category of an UpstreamError made here, e.g. VALIDATION_ERROR. */
export function upstreamCategoryOf(error: unknown): string | null {
  if (error instanceof UpstreamError) {
    const category = error.details?.category;
    return typeof category === 'string' ? category : null;
  }
  return errorBodyOf(error).category ?? null;
}
