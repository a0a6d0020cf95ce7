import type { AddressInfo } from 'node:net';
import express from 'express';
import { cardDataProvider } from '../../src/card-api/provider.js';
import {
  getSettingsResponseSchema,
  portfolioResponseSchema,
  type PortfolioResponse,
} from '../../src/cards/contract.js';
import { aggregateRowOf, buildAggregates } from '../../src/domain/aggregates.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { settingsSchema } from '../../src/domain/settings.js';
import { createPreviewRouter } from '../../src/preview/router.js';
import { addOtherPortals, call, startCardEnv, storedEvaluations, type CardEnv } from './harness.js';

// The settings page and app home reads, and the HTML preview's data, over a
// store filled by our backfill and the engine from a demo portal in the sandbox.

let env: CardEnv;
let evaluations: Evaluation[];

beforeAll(async () => {
  env = await startCardEnv({ companies: 16 });
  evaluations = await storedEvaluations(env);
  await addOtherPortals(env);
}, 180_000);
afterAll(async () => env?.close(), 30_000);

describe('GET /settings', () => {
  test('the portal settings with defaults, the portal time zone and the owners', async () => {
    const res = await call(env, 'GET', '/settings');
    const body = getSettingsResponseSchema.parse(res.body);
    if (body.status !== 'ok') throw new Error(body.status);
    expect(body.settings).toEqual(settingsSchema.parse({ timeZone: 'America/New_York' }));
    expect(body.updatedAt).toBeNull();
    expect(body.owners.length).toBeGreaterThan(0);
  });
});

describe('GET /portfolio', () => {
  const filters: [Record<string, string>, { ownerId?: string | null; segment?: string | null }][] =
    [];

  beforeAll(() => {
    const owner = evaluations.find((e) => e.ownerId !== null)?.ownerId as string;
    const segment = evaluations.find((e) => e.segment !== null)?.segment as string;
    filters.push(
      [{}, {}],
      [{ owner }, { ownerId: owner }],
      [{ owner: 'none' }, { ownerId: null }],
      [{ segment }, { segment }],
      [{ segment: 'none' }, { segment: null }],
      [
        { owner, segment },
        { ownerId: owner, segment },
      ],
    );
  });

  test('equals the engine\u2019s aggregates over the stored evaluations, for each filter', async () => {
    const settings = settingsSchema.parse({ timeZone: 'America/New_York' });
    for (const [query, filter] of filters) {
      const res = await call<PortfolioResponse>(env, 'GET', '/portfolio', { query });
      const body = portfolioResponseSchema.parse(res.body);
      if (body.status !== 'ok') throw new Error(body.status);
      expect(body.aggregates).toEqual(
        buildAggregates(evaluations.map(aggregateRowOf), settings, filter),
      );
    }
  });

  test('a re-evaluated account shows at once (the cached sums follow row revisions)', async () => {
    const keys = async () => {
      const res = await call<PortfolioResponse>(env, 'GET', '/portfolio');
      if (res.body.status !== 'ok') throw new Error(res.body.status);
      return res.body.aggregates.overall.keyAccounts;
    };
    const before = await keys();
    const flip = () =>
      env.store.db.query(
        `UPDATE evaluations SET is_key = NOT is_key, revision = nextval('evaluation_revision_seq')
          WHERE portal_id = $1 AND company_id = $2`,
        [env.portalId, evaluations[0].accountId],
      );
    await flip();
    try {
      expect(await keys()).toBe(before + (evaluations[0].rank.isKeyAccount ? -1 : 1));
    } finally {
      await flip();
    }
    expect(await keys()).toBe(before);
  });

  test('owners, segments and the as-of time', async () => {
    const res = await call<PortfolioResponse>(env, 'GET', '/portfolio');
    if (res.body.status !== 'ok') throw new Error(res.body.status);
    const segments = [
      ...new Set(evaluations.map((e) => e.segment).filter((s): s is string => s !== null)),
    ];
    expect(res.body.segments).toEqual(segments.sort((a, b) => a.localeCompare(b)));
    expect(res.body.owners.length).toBeGreaterThan(0);
    expect(res.body.asOf).toBe(evaluations[0].asOf);
  });

  test('3R compliance over the last 30 days', async () => {
    const e = evaluations[0];
    const day = 86_400_000;
    const at = (msAgo: number) => new Date(env.clock.now() - msAgo).toISOString();
    const episodes = [
      // [respond_by, responded, closed]
      [at(2 * day), at(2 * day + 3_600_000), null], // on time
      [at(3 * day), at(3 * day - 3_600_000), null], // late
      [at(4 * day), null, null], // open, overdue
      [at(5 * day), null, at(5 * day)], // cleared before anyone responded: left out
      [at(40 * day), at(41 * day), null], // outside the window
      [at(-day), null, null], // not due yet
    ];
    let gen = 0;
    for (const [due, done, closed] of episodes)
      await env.store.db.query(
        `INSERT INTO alert_episodes (portal_id, company_id, root, generation, level, opened_at, task_mode,
           respond_by, respond_task_id, respond_completed_at, closed_at)
         VALUES ($1, $2, $3, 1, 'red', $4, 'task', $4, '1', $5, $6)`,
        [env.portalId, e.accountId, `r${++gen}`, due, done, closed],
      );
    try {
      const res = await call<PortfolioResponse>(env, 'GET', '/portfolio');
      if (res.body.status !== 'ok') throw new Error(res.body.status);
      expect(res.body.sla).toEqual({
        windowDays: 30,
        due: 3,
        respondedOnTime: 1,
        respondedLate: 1,
        openOverdue: 1,
        compliancePct: 33.3,
      });
      const other = evaluations.find((ev) => ev.ownerId !== e.ownerId);
      const filtered = await call<PortfolioResponse>(env, 'GET', '/portfolio', {
        query: { owner: other?.ownerId ?? 'none' },
      });
      if (filtered.body.status !== 'ok') throw new Error(filtered.body.status);
      expect(filtered.body.sla).toMatchObject({ due: 0, compliancePct: null });
    } finally {
      await env.store.db.query('DELETE FROM alert_episodes WHERE portal_id = $1', [env.portalId]);
    }
  });

  test('a bad filter names the parameter', async () => {
    const res = await call(env, 'GET', '/portfolio', { query: { owner: '' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'bad_request', message: expect.stringContaining('query.owner') },
    });
  });
});

describe('the preview page data (npm start)', () => {
  test('cardDataProvider answers what the card gets, null for other portals\u2019 companies', async () => {
    const provide = cardDataProvider(env.deps);
    const e = evaluations[0];
    const answer = await provide(String(env.portalId), e.accountId);
    expect(answer).toMatchObject({ status: 'ok', evaluation: e });
    expect(await provide(String(env.portalId), '88888888')).toBeNull();
    expect(await provide('4242424', e.accountId)).toEqual({ status: 'not_installed' });
    expect(await provide('not-a-portal', e.accountId)).toBeNull();
  });

  test('the preview router renders a stored company as HTML', async () => {
    const app = express();
    app.use(createPreviewRouter({ companyData: cardDataProvider(env.deps) }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const e = evaluations[0];
      const res = await fetch(
        `http://127.0.0.1:${port}/preview/company/${e.accountId}?portalId=${env.portalId}`,
      );
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<html');
      const missing = await fetch(
        `http://127.0.0.1:${port}/preview/company/88888888?portalId=${env.portalId}`,
      );
      expect(missing.status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }, 60_000);
});
