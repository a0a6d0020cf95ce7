import { backfillPortal } from '../../src/sync/backfill.js';
import { recomputeCompanies } from '../../src/sync/recompute.js';
import {
  callsMatching,
  evaluateDirectly,
  resetCalls,
  settingsOf,
  startHarness,
  storedEvaluations,
  type Harness,
} from './mirror-harness.js';

async function mirrorCounts(h: Harness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'mirror_contacts',
    'mirror_deals',
    'mirror_engagements',
    'assoc_contact_company',
    'assoc_deal_company',
    'assoc_engagement_company',
    'assoc_engagement_contact',
  ]) {
    const { rows } = await h.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${t} WHERE portal_id = $1`,
      [h.portalId],
    );
    out[t] = rows[0].n;
  }
  return out;
}

describe('backfill after a crash, and with engagements searched', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ companies: 30 });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  it('resumes at the first page it had not stored', async () => {
    let pages = 0;
    const crash = new Error('worker died');
    await expect(
      backfillPortal(h.deps, h.portalId, {
        onProgress: (p) => {
          // Pages of the listing phases; the third page (contacts, page 2) is stored, then we die.
          if (p.phase === 'companies' || p.phase === 'contacts') pages++;
          if (pages === 3) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const contactPages = callsMatching(h.calls, /^GET \/crm\/v3\/objects\/contacts$/);
    expect(contactPages).toBe(2);

    // A change arriving meanwhile waits for the backfill instead of running a full pass on half a mirror.
    const { rows: firstCompany } = await h.store.db.query<{ id: string }>(
      'SELECT id FROM mirror_companies WHERE portal_id = $1 LIMIT 1',
      [h.portalId],
    );
    const waiting = await recomputeCompanies(h.deps, h.portalId, [firstCompany[0].id]);
    expect(waiting.evaluated).toBe(0);
    expect((await storedEvaluations(h)).size).toBe(0);

    resetCalls(h.calls);
    const result = await backfillPortal(h.deps, h.portalId);
    const { rows: state } = await h.store.db.query<{ progress: unknown }>(
      `SELECT progress FROM sync_checkpoints WHERE portal_id = $1 AND kind = 'backfill:state'`,
      [h.portalId],
    );
    expect(state[0].progress).toEqual({ done: true, pending: [] });
    // Companies were finished: not read again; contacts continue after page 2.
    expect(callsMatching(h.calls, /^GET \/crm\/v3\/objects\/companies$/)).toBe(0);
    expect(callsMatching(h.calls, /^POST \/crm\/v3\/objects\/(companies|contacts)\/search$/)).toBe(
      0,
    );
    expect(result.phases.contacts.pages).toBe(
      contactPages + callsMatching(h.calls, /^GET \/crm\/v3\/objects\/contacts$/),
    );

    const settings = await settingsOf(h);
    const expected = evaluateDirectly(h.portal, settings, h.deps.now());
    const stored = await storedEvaluations(h);
    expect(stored.size).toBe(30);
    for (const [id, ev] of expected) {
      // The deferred company was evaluated once more after the pass: same result, now with a previous state.
      if (id === firstCompany[0].id) {
        expect(stored.get(id)?.score).toEqual({ ...ev.score, previous: ev.score.value });
        expect(stored.get(id)?.rank.pct).toBe(ev.rank.pct);
      } else expect(stored.get(id)).toEqual(ev);
    }
  }, 60_000);

  it('searching the engagement window gives the same mirror as listing', async () => {
    const listed = await mirrorCounts(h);
    const before = await storedEvaluations(h);
    for (const t of ['mirror_engagements', 'assoc_engagement_company', 'assoc_engagement_contact'])
      await h.store.db.query(`DELETE FROM ${t} WHERE portal_id = $1`, [h.portalId]);
    resetCalls(h.calls);
    const result = await backfillPortal(h.deps, h.portalId, {
      restart: true,
      engagementMode: 'search',
      recompute: false,
      budget: { share: 1 },
    });
    expect(result.phases.meetings.mode).toBe('search');
    expect(callsMatching(h.calls, /^GET \/crm\/v3\/objects\/(meetings|calls|emails)$/)).toBe(0);
    expect(
      callsMatching(h.calls, /^POST \/crm\/v4\/associations\/(meetings|calls|emails)\//),
    ).toBeGreaterThan(0);
    expect(await mirrorCounts(h)).toEqual(listed);
    await backfillPortal(h.deps, h.portalId);
    const after = await storedEvaluations(h);
    for (const [id, ev] of before) {
      expect(after.get(id)?.score.value).toBe(ev.score.value);
      expect(after.get(id)?.health.overall).toBe(ev.health.overall);
    }
  }, 60_000);
});
