import { isRetryable, retryDelayMs, withRetry } from '../../src/hubspot/retry.js';
import { operationOf } from '../../src/hubspot/client.js';

class FakeApiError extends Error {
  constructor(
    public code: number,
    public headers: Record<string, string> = {},
  ) {
    super(`HTTP ${code}`);
  }
}

const fast = { sleep: async () => undefined, random: () => 0.5 };

describe('HubSpot call retries', () => {
  it('retries 429 and 5xx, not other 4xx', () => {
    expect(isRetryable(new FakeApiError(429))).toBe(true);
    expect(isRetryable(new FakeApiError(502))).toBe(true);
    expect(isRetryable(new FakeApiError(400))).toBe(false);
    expect(isRetryable(new FakeApiError(404))).toBe(false);
    expect(isRetryable(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(true);
  });

  it('honours Retry-After and otherwise backs off exponentially', () => {
    const o = { baseDelayMs: 100, maxDelayMs: 20_000, random: () => 0.999 };
    expect(retryDelayMs(new FakeApiError(429, { 'Retry-After': '3' }), 1, o)).toBe(3000);
    expect(retryDelayMs(new FakeApiError(503), 1, o)).toBe(99);
    expect(retryDelayMs(new FakeApiError(503), 4, o)).toBe(799);
    // a 429 without Retry-After waits at least a second: the window needs time to clear
    expect(retryDelayMs(new FakeApiError(429), 1, { ...o, random: () => 0 })).toBe(1000);
  });

  it('gives up after the configured retries and rethrows the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new FakeApiError(500);
      }, { ...fast, retries: 3 }),
    ).rejects.toThrow('HTTP 500');
    expect(calls).toBe(4);
  });

  it('returns as soon as a try succeeds', async () => {
    let calls = 0;
    const seen: number[] = [];
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new FakeApiError(429);
        return 'ok';
      },
      { ...fast, onRetry: (i) => seen.push(i.attempt) },
    );
    expect(result).toBe('ok');
    expect(seen).toEqual([1, 2]);
  });

  it('names operations without ids so counts group by endpoint', () => {
    expect(operationOf('get', 'http://127.0.0.1:4010/crm/v3/objects/companies/123?properties=name')).toBe(
      'GET /crm/v3/objects/companies/{id}',
    );
  });
});
