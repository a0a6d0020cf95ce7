import express from 'express';
import type { AddressInfo } from 'node:net';
import { RateLimiter } from '../../src/sandbox/limits/limiter.js';
import { bodySizeMiddleware, rateLimitMiddleware } from '../../src/sandbox/limits/middleware.js';
import { RollingWindow } from '../../src/sandbox/limits/rolling-window.js';

const caller = { portalId: 1, appId: 2 };

describe('rolling window', () => {
  it('allows max hits per interval and frees them as time passes', () => {
    const w = new RollingWindow(3, 1000);
    expect([0, 100, 200, 300].map((t) => w.hit('k', t).allowed)).toEqual([true, true, true, false]);
    expect(w.hit('k', 999).retryAfterMs).toBe(1);
    expect(w.hit('k', 1000).allowed).toBe(true);
  });
  it('forgets hits from the future when the clock moves back', () => {
    const w = new RollingWindow(1, 1000);
    w.hit('k', 5000);
    expect(w.hit('k', 100).allowed).toBe(true);
  });
});

describe('rate limiter', () => {
  it('answers 110 per 10 s, then TEN_SECONDLY_ROLLING with HubSpot headers', () => {
    const limiter = new RateLimiter();
    let t = 0;
    for (let i = 0; i < 110; i++)
      expect(limiter.check(caller, false, (t += 10)).rejected).toBeUndefined();
    const over = limiter.check(caller, false, (t += 10));
    expect(over.rejected).toMatchObject({
      status: 'error',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
    });
    expect(over.headers).toMatchObject({
      'X-HubSpot-RateLimit-Max': '110',
      'X-HubSpot-RateLimit-Remaining': '0',
      'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
    });
    // Another portal and another app have their own budgets.
    expect(limiter.check({ portalId: 9, appId: 2 }, false, t).rejected).toBeUndefined();
    expect(limiter.check({ portalId: 1, appId: 3 }, false, t).rejected).toBeUndefined();
    expect(limiter.check(caller, false, t + 10_000).rejected).toBeUndefined();
  });
  it('limits search to 5 per second with the secondly message the api-client retries on', () => {
    const limiter = new RateLimiter();
    const results = Array.from({ length: 6 }, (_, i) => limiter.check(caller, true, 1000 + i));
    expect(results.slice(0, 5).every((r) => !r.rejected)).toBe(true);
    expect(results[5].rejected).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    });
    expect(results[4].headers['X-HubSpot-RateLimit-Secondly']).toBe('5');
    expect(limiter.check(caller, true, 2001).rejected).toBeUndefined();
  });
  it('can be switched off and reconfigured', () => {
    const limiter = new RateLimiter({ tenSecondlyMax: 2 });
    limiter.check(caller, false, 0);
    limiter.check(caller, false, 0);
    expect(limiter.check(caller, false, 0).rejected).toBeDefined();
    limiter.configure({ enabled: false });
    expect(limiter.check(caller, false, 0).rejected).toBeUndefined();
    limiter.configure({ enabled: true, tenSecondlyMax: 50 });
    expect(limiter.current.tenSecondlyMax).toBe(50);
  });
});

describe('limit middleware', () => {
  it('sets headers, answers 429 and 413', async () => {
    const limiter = new RateLimiter({ tenSecondlyMax: 1, maxBodyBytes: 50 });
    const app = express();
    app.use(bodySizeMiddleware(() => limiter.current.maxBodyBytes));
    app.use(rateLimitMiddleware({ limiter, now: () => 0, caller: () => caller }));
    app.all('/{*rest}', (_req, res) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = await fetch(`${base}/crm/v3/objects/companies`);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
      const second = await fetch(`${base}/crm/v3/objects/companies`);
      expect(second.status).toBe(429);
      const big = await fetch(`${base}/crm/v3/objects/companies`, {
        method: 'POST',
        body: 'x'.repeat(100),
      });
      expect(big.status).toBe(413);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
