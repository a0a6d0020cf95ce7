import { takeTokens, TokenBucket } from '../../../src/store/rate-limit.js';
import type { TestStore } from '../../helpers/test-db.js';

/** Wait for the k-th token beyond the burst at 11 tokens/s. */
const waitFor = (k: number) => Math.ceil((k / 11) * 1000);

export function rateLimitSuite(getStore: () => TestStore): void {
  describe('token bucket', () => {
    const db = () => getStore().db;
    const t0 = new Date('2026-05-01T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    test('a full bucket gives its burst at once, then makes callers wait', async () => {
      expect(await takeTokens(db(), 401, 110, { at: t0 })).toBe(0);
      expect(await takeTokens(db(), 401, 1, { at: t0 })).toBe(waitFor(1));
      expect(await takeTokens(db(), 401, 1, { at: t0 })).toBe(waitFor(2));
    });

    test('refills at 110 per 10 s and never beyond its capacity', async () => {
      await takeTokens(db(), 402, 110, { at: t0 });
      // 1 s later: 11 tokens back.
      expect(await takeTokens(db(), 402, 11, { at: at(1000) })).toBe(0);
      expect(await takeTokens(db(), 402, 1, { at: at(1000) })).toBe(waitFor(1));
      // An hour idle fills it to 110, not more.
      expect(await takeTokens(db(), 402, 110, { at: at(3_600_000) })).toBe(0);
      expect(await takeTokens(db(), 402, 1, { at: at(3_600_000) })).toBe(waitFor(1));
    });

    test('a clock going backwards refills nothing and breaks nothing', async () => {
      await takeTokens(db(), 403, 110, { at: t0 });
      expect(await takeTokens(db(), 403, 1, { at: at(-5000) })).toBe(waitFor(1));
    });

    test('portals and buckets are independent; options set capacity and rate', async () => {
      await takeTokens(db(), 404, 110, { at: t0 });
      expect(await takeTokens(db(), 405, 110, { at: t0 })).toBe(0);
      expect(
        await takeTokens(db(), 404, 5, { at: t0, bucket: 'search', capacity: 5, refillPer10s: 50 }),
      ).toBe(0);
      expect(
        await takeTokens(db(), 404, 1, { at: t0, bucket: 'search', capacity: 5, refillPer10s: 50 }),
      ).toBe(200);
    });

    test('concurrent callers share it exactly: 110 go now, the rest queue up in turn', async () => {
      const bucket = new TokenBucket(db());
      const waits = await Promise.all(
        Array.from({ length: 200 }, () => bucket.take(406, 1, { at: t0 })),
      );
      waits.sort((a, b) => a - b);
      expect(waits.filter((w) => w === 0)).toHaveLength(110);
      expect(waits.slice(110)).toEqual(Array.from({ length: 90 }, (_, i) => waitFor(i + 1)));
    });

    test('uses the database clock by default', async () => {
      const bucket = new TokenBucket(db());
      expect(await bucket.take(407, 1)).toBe(0);
      await bucket.acquire(407, 1);
    });

    test('refuses to take more than the capacity', async () => {
      await expect(takeTokens(db(), 408, 111)).rejects.toThrow(/cannot take 111/);
    });
  });
}
