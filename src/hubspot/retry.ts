/**
 * Retries for HubSpot calls. The api-client's own retry ignores Retry-After and
 * logs to the console, so we switch it off and retry here: 429 and 5xx and
 * network failures, with exponential back-off and full jitter, honouring
 * Retry-After when HubSpot sends it. Other 4xx are final (retrying cannot help).
 */

export interface RetryOptions {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests and the sandbox's compressed time stay fast. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (info: { attempt: number; status: number | null; delayMs: number }) => void;
}

export const defaultRetryOptions: RetryOptions = {
  retries: 5,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** The HTTP status of an api-client error (ApiException has `code`), or null for network errors. */
export function statusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return null;
}

function headerOf(error: unknown, name: string): string | undefined {
  if (typeof error !== 'object' || error === null || !('headers' in error)) return undefined;
  const headers = (error as { headers: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.toLowerCase() === name && typeof v === 'string') return v;
  }
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== null) return status === 429 || (status >= 500 && status <= 599);
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  const cause = typeof error === 'object' && error !== null && 'cause' in error ? (error as { cause: unknown }).cause : undefined;
  const causeCode =
    typeof cause === 'object' && cause !== null && 'code' in cause ? (cause as { code: unknown }).code : undefined;
  return (typeof code === 'string' && RETRYABLE_NETWORK.has(code)) || (typeof causeCode === 'string' && RETRYABLE_NETWORK.has(causeCode)) || error instanceof TypeError;
}

/** Delay before retry `attempt` (1-based): Retry-After if given, else capped exponential with full jitter. */
export function retryDelayMs(error: unknown, attempt: number, o: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const retryAfter = headerOf(error, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(o.maxDelayMs, seconds * 1000);
  }
  const cap = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
  // A 429 from the ten-second window clears within the window: never retry sooner than a second.
  const floor = statusOf(error) === 429 ? Math.min(1000, o.maxDelayMs) : 0;
  return Math.max(floor, Math.floor(o.random() * cap));
}

export async function withRetry<T>(fn: () => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const o = { ...defaultRetryOptions, ...options };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt > o.retries || !isRetryable(error)) throw error;
      const delayMs = retryDelayMs(error, attempt, o);
      o.onRetry?.({ attempt, status: statusOf(error), delayMs });
      await o.sleep(delayMs);
    }
  }
}
