import { HUBSPOT_LIMIT_PER_10S, takeTokens, TokenBucket } from '../../../src/store/rate-limit.js';
import type { TestStore } from '../../helpers/test-db.js';
import { maxPer10s } from '../../resilience/drive.js';

/** Wait for the k-th token beyond the burst of 5 at 10 tokens/s. */
const waitFor = (k: number) => Math.ceil((k / 10) * 1000);

export function rateLimitSuite(getStore: () => TestStore): void {
  describe('token bucket', () => {
    const db = () => getStore().db;
    const t0 = new Date('2026-05-01T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    test('a full bucket gives its burst at once, then makes callers wait', async () => {
      expect(await takeTokens(db(), 401, 5, { at: t0 })).toBe(0);
      expect(await takeTokens(db(), 401, 1, { at: t0 })).toBe(waitFor(1));
      expect(await takeTokens(db(), 401, 1, { at: t0 })).toBe(waitFor(2));
    });

    test('refills at 100 per 10 s and never beyond its capacity', async () => {
      await takeTokens(db(), 402, 5, { at: t0 });
      // Half a second later: 5 tokens back.
      expect(await takeTokens(db(), 402, 5, { at: at(500) })).toBe(0);
      expect(await takeTokens(db(), 402, 1, { at: at(500) })).toBe(waitFor(1));
      // An hour idle fills it to 5, not more.
      expect(await takeTokens(db(), 402, 5, { at: at(3_600_000) })).toBe(0);
      expect(await takeTokens(db(), 402, 1, { at: at(3_600_000) })).toBe(waitFor(1));
    });

    test('a clock going backwards refills nothing and breaks nothing', async () => {
      await takeTokens(db(), 403, 5, { at: t0 });
      expect(await takeTokens(db(), 403, 1, { at: at(-5000) })).toBe(waitFor(1));
    });

    test('portals and buckets are independent; options set capacity and rate', async () => {
      await takeTokens(db(), 404, 5, { at: t0 });
      expect(await takeTokens(db(), 405, 5, { at: t0 })).toBe(0);
      expect(
        await takeTokens(db(), 404, 5, { at: t0, bucket: 'search', capacity: 5, refillPer10s: 50 }),
      ).toBe(0);
      expect(
        await takeTokens(db(), 404, 1, { at: t0, bucket: 'search', capacity: 5, refillPer10s: 50 }),
      ).toBe(200);
    });

    test('concurrent callers share it exactly: 5 go now, the rest queue up in turn', async () => {
      const bucket = new TokenBucket(db());
      const waits = await Promise.all(
        Array.from({ length: 200 }, () => bucket.take(406, 1, { at: t0 })),
      );
      waits.sort((a, b) => a - b);
      expect(waits.filter((w) => w === 0)).toHaveLength(5);
      expect(waits.slice(5)).toEqual(Array.from({ length: 195 }, (_, i) => waitFor(i + 1)));
    });

    test('no rolling 10 s window ever holds more than HubSpot’s 110, however callers arrive', async () => {
      // 150 callers at once after an idle hour, then one every 40 ms for 12 s; each call is made when its wait ends.
      const calls: number[] = [];
      for (let i = 0; i < 450; i++) {
        const t = i < 150 ? 0 : (i - 150) * 40;
        calls.push(t + (await takeTokens(db(), 409, 1, { at: at(t) })));
      }
      expect(maxPer10s(calls)).toBeLessThanOrEqual(HUBSPOT_LIMIT_PER_10S);
    }, 60_000);

    test('uses the database clock by default', async () => {
      const bucket = new TokenBucket(db());
      expect(await bucket.take(407, 1)).toBe(0);
      await bucket.acquire(407, 1);
    });

    test('refuses to take more than the capacity', async () => {
      await expect(takeTokens(db(), 408, 6)).rejects.toThrow(/cannot take 6/);
    });
  });
}
