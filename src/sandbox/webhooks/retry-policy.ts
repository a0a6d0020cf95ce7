import { z } from 'zod';

/**
 * HubSpot retries a failed delivery (connection error, timeout, 4xx/5xx) up to
 * 10 times, spread over the next 24 hours. It does not publish the exact
 * delays; this schedule (1 min … 10 h, ≈ 24 h in total) has that shape.
 * `timeScale` divides every delay so tests can run a day of retries in
 * milliseconds.
 */
export const DEFAULT_RETRY_DELAYS_MS = [
  60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 21_600_000, 36_000_000,
];

export const deliverySettingsSchema = z.object({
  /** Tries in total (first + retries). */
  maxAttempts: z.number().int().min(1).max(50).default(10),
  retryDelaysMs: z.array(z.number().int().min(0)).min(1).default(DEFAULT_RETRY_DELAYS_MS),
  timeScale: z.number().positive().default(1),
  /** HubSpot gives up on a request after 5 s. */
  timeoutMs: z.number().int().min(1).default(5_000),
  /** Events of one portal and app arriving within this window share a POST. */
  batchWindowMs: z.number().int().min(0).default(20),
  maxBatchSize: z.number().int().min(1).max(100).default(100),
});
export type DeliverySettings = z.infer<typeof deliverySettingsSchema>;
export type DeliverySettingsInput = z.input<typeof deliverySettingsSchema>;

/** Real milliseconds to wait before try number `attemptNumber` (1 = first retry). */
export function retryDelay(settings: DeliverySettings, attemptNumber: number): number {
  const delays = settings.retryDelaysMs;
  const base = delays[Math.min(attemptNumber - 1, delays.length - 1)];
  return base / settings.timeScale;
}

/** HubSpot retries on any non-2xx answer, connection error or timeout. */
export function shouldRetry(httpStatus: number | undefined): boolean {
  return httpStatus === undefined || httpStatus < 200 || httpStatus >= 300;
}
