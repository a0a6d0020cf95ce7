import express from 'express';
import type { AddressInfo } from 'node:net';
import { FaultInjector } from '../../src/sandbox/faults/injector.js';
import { FaultMiddleware } from '../../src/sandbox/faults/middleware.js';
import { globToRegExp } from '../../src/sandbox/faults/rules.js';

describe('fault rules', () => {
  it('matches globs within and across segments', () => {
    expect(globToRegExp('/crm/v3/objects/*/search').test('/crm/v3/objects/companies/search')).toBe(
      true,
    );
    expect(globToRegExp('/crm/v3/objects/*').test('/crm/v3/objects/companies/1')).toBe(false);
    expect(globToRegExp('/crm/**').test('/crm/v3/objects/companies/1')).toBe(true);
  });
  it('fires for the next N calls only', () => {
    const f = new FaultInjector();
    f.add({ path: '/crm/**', action: { kind: 'status', status: 503 }, times: 2 });
    const fired = Array.from(
      { length: 4 },
      () => f.decide({ method: 'GET', path: '/crm/v3/x' }).terminal?.kind,
    );
    expect(fired).toEqual(['status', 'status', undefined, undefined]);
    expect(f.list()).toHaveLength(0);
  });
  it('is deterministic for a seed and respects the rate', () => {
    const run = () => {
      const f = new FaultInjector();
      f.add({
        pathRegex: '^/crm/',
        method: 'POST',
        action: { kind: 'status', status: 500 },
        rate: 0.3,
        seed: 42,
      });
      return Array.from({ length: 200 }, () =>
        f.decide({ method: 'POST', path: '/crm/a' }).terminal ? 1 : 0,
      );
    };
    const a = run();
    expect(run()).toEqual(a);
    const hits = a.reduce<number>((s, x) => s + x, 0);
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });
  it('ignores other methods, paths and portals; sums latency', () => {
    const f = new FaultInjector();
    f.add({ path: '/a', method: 'GET', portalId: 7, action: { kind: 'latency', ms: 5 } });
    f.add({ path: '/a', action: { kind: 'latency', ms: 7 } });
    expect(f.decide({ method: 'GET', path: '/a', portalId: 7 }).delayMs).toBe(12);
    expect(f.decide({ method: 'POST', path: '/a', portalId: 7 }).delayMs).toBe(7);
    expect(f.decide({ method: 'GET', path: '/b' }).delayMs).toBe(0);
  });
  it('rejects a rule with neither path nor regex', () => {
    expect(() => new FaultInjector().add({ action: { kind: 'timeout' } })).toThrow(
      'exactly one of path',
    );
  });
});

describe('fault middleware', () => {
  it('answers injected statuses and hangs until the client gives up', async () => {
    const injector = new FaultInjector();
    const faults = new FaultMiddleware({ injector });
    const app = express();
    app.use(faults.handler);
    app.get('/{*rest}', (_req, res) => {
      res.json({ ok: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      injector.add({ path: '/x', action: { kind: 'status', status: 502 }, times: 1 });
      injector.add({ path: '/limited', action: { kind: 'status', status: 429 } });
      expect((await fetch(`${base}/x`)).status).toBe(502);
      expect((await fetch(`${base}/x`)).status).toBe(200);
      const limited = await fetch(`${base}/limited`);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({
        policyName: 'TEN_SECONDLY_ROLLING',
        errorType: 'RATE_LIMIT',
      });

      injector.add({ path: '/hang', action: { kind: 'timeout' } });
      await expect(fetch(`${base}/hang`, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
      injector.add({ id: 'slow', path: '/slow', action: { kind: 'latency', ms: 30 } });
      expect((await fetch(`${base}/slow`)).status).toBe(200);
      expect(injector.remove('slow')).toBe(true);
    } finally {
      faults.releaseAll();
      server.closeAllConnections();
      server.close();
    }
  });
});
