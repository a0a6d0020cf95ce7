import { HubSpotError, type HubSpotErrorDetail } from '../errors.js';
import type { JsonBytes } from './json-bytes.js';

/** HubSpot caps batch inputs at 100. */
export const MAX_BATCH_INPUTS = 100;

export function checkBatchSize(n: number, max = MAX_BATCH_INPUTS): void {
  if (n > max) {
    throw new HubSpotError(400, `Batch input must contain at most ${max} inputs, got ${n}`, {
      category: 'VALIDATION_ERROR',
      subCategory: 'BATCH_SIZE_LIMIT_EXCEEDED',
      context: { inputs: [String(n)], limit: [String(max)] },
    });
  }
}

/** One entry of a batch response's `errors[]` (api-client StandardError). */
export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
  errors: HubSpotErrorDetail[];
  links: Record<string, string>;
  subCategory?: string;
}

export function batchError(
  category: string,
  message: string,
  context: Record<string, string[]>,
): BatchError {
  return { status: 'error', category, message, context, errors: [], links: {} };
}

/**
 * HubSpot's batch envelope; 207 Multi-Status when some inputs failed.
 * Answers [httpStatus, body].
 */
export function batchResponse<T>(
  startedAt: number,
  results: T[],
  errors: BatchError[],
  okStatus = 200,
): [number, Record<string, unknown>] {
  const body: Record<string, unknown> = {
    status: 'COMPLETE',
    results,
    startedAt: new Date(startedAt).toISOString(),
    completedAt: new Date().toISOString(),
  };
  if (errors.length > 0) {
    body.errors = errors;
    body.numErrors = errors.length;
    return [207, body];
  }
  return [okStatus, body];
}

/** How a batch answer written as bytes starts; its results follow, then {@link batchEnd}. */
export const BATCH_START = '{"status":"COMPLETE","results":[';

/**
 * The rest of {@link batchResponse}'s envelope after results written into `w`
 * (same keys, same order); answers the status.
 */
export function batchEnd(
  w: JsonBytes,
  startedAt: number,
  errors: BatchError[],
  okStatus = 200,
): number {
  w.ascii('],"startedAt":');
  w.iso(startedAt);
  w.ascii(',"completedAt":');
  w.iso(Date.now());
  if (errors.length > 0) {
    w.ascii(',"errors":');
    w.json(errors);
    w.ascii(',"numErrors":');
    w.num(errors.length);
  }
  w.ascii('}');
  return errors.length > 0 ? 207 : okStatus;
}
