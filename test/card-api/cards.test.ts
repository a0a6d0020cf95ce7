import {
  companyCardResponseSchema,
  contactCardResponseSchema,
  type CompanyCardResponse,
  type ContactCardResponse,
} from '../../src/cards/contract.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import {
  addOtherPortals,
  call,
  companyIds,
  OTHER_PORTAL,
  startCardEnv,
  storedEvaluations,
  SYNCING_PORTAL,
  type CardEnv,
} from './harness.js';

// The card reads over HTTP, signed as HubSpot signs hubspot.fetch, against a
// store filled by our backfill and the engine from a demo portal in the sandbox.

let env: CardEnv;
let evaluations: Evaluation[];

beforeAll(async () => {
  env = await startCardEnv({ companies: 16 });
  evaluations = await storedEvaluations(env);
  await addOtherPortals(env);
}, 180_000);
afterAll(async () => env?.close(), 30_000);

const withAlerts = () => {
  const e = evaluations.find((ev) => ev.alerts.open.length > 0);
  if (!e) throw new Error('the demo portal has no open alert');
  return e;
};

describe('signature checks over HTTP', () => {
  test('missing, forged and stale signatures answer 401 in the contract shape', async () => {
    const [id] = await companyIds(env);
    const path = `/cards/company/${id}`;
    for (const o of [
      { sign: false },
      { secret: 'not-our-secret' },
      { timestamp: env.clock.now() - 6 * 60_000 },
    ]) {
      const res = await call(env, 'GET', path, o);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect((await call(env, 'GET', path)).status).toBe(200);
  });
});

describe('GET /cards/company/{id}', () => {
  test('answers the stored evaluation with the portal, names and 3R view', async () => {
    const e = evaluations[0];
    const res = await call<CompanyCardResponse>(env, 'GET', `/cards/company/${e.accountId}`);
    expect(res.status).toBe(200);
    const body = companyCardResponseSchema.parse(res.body);
    if (body.status !== 'ok') throw new Error(body.status);
    expect(body.evaluation).toEqual(e);
    expect(body.company.id).toBe(e.accountId);
    expect(body.company.name).not.toMatch(/^#/);
    expect(body.portal).toEqual({ currency: 'USD', timeZone: 'America/New_York' });
    expect(body.lastEvaluatedAt).toBe(e.asOf);
    expect(body.renderedAt).toBe(new Date(env.clock.now()).toISOString());
    expect(body.reevaluationQueued).toBe(false);
    expect(body.appObjectsAvailable).toBe(false);
    if (e.ownerId) expect(body.labels.users[e.ownerId]).toEqual(expect.any(String));
  });

  test('open alerts without an episode yet get deadlines from the settings', async () => {
    const e = withAlerts();
    const res = await call<CompanyCardResponse>(env, 'GET', `/cards/company/${e.accountId}`);
    if (res.body.status !== 'ok') throw new Error(res.body.status);
    const roots = [...new Set(e.alerts.open.map((a) => a.root))];
    expect(res.body.sla.map((s) => s.root)).toEqual(roots);
    const first = e.alerts.open.find((a) => a.root === roots[0]);
    const opened = Math.min(
      ...e.alerts.open.filter((a) => a.root === roots[0]).map((a) => Date.parse(a.openedAt)),
    );
    expect(Date.parse(res.body.sla[0].respondBy)).toBe(opened + 2 * 3_600_000);
    expect(res.body.sla[0]).toMatchObject({ clock: 'wall', respondedAt: null });
    expect(first).toBeDefined();
    expect(res.body.taskLinks).toEqual([]);
  });

  test('episodes give task links, completion and why there is no task', async () => {
    const e = withAlerts();
    const root = e.alerts.open[0].root;
    await env.store.db.query(
      `INSERT INTO alert_episodes (portal_id, company_id, root, generation, level, opened_at, task_mode,
         respond_by, plan_by, respond_task_id, respond_completed_at, plan_task_id)
       VALUES ($1, $2, $3, 1, 'red', '2026-03-01T10:00:00Z', 'task', '2026-03-01T12:00:00Z',
               '2026-03-02T10:00:00Z', '5551', '2026-03-01T11:00:00Z', '5552')`,
      [env.portalId, e.accountId, root],
    );
    try {
      const res = await call<CompanyCardResponse>(env, 'GET', `/cards/company/${e.accountId}`);
      if (res.body.status !== 'ok') throw new Error(res.body.status);
      expect(res.body.sla.find((s) => s.root === root)).toEqual({
        root,
        respondBy: '2026-03-01T12:00:00.000Z',
        planBy: '2026-03-02T10:00:00.000Z',
        respondedAt: '2026-03-01T11:00:00.000Z',
        plannedAt: null,
        clock: 'wall',
        noTask: null,
      });
      expect(res.body.taskLinks).toEqual([
        {
          root,
          taskId: '5551',
          kind: 'respond',
          status: 'completed',
          dueAt: '2026-03-01T12:00:00.000Z',
          url: `https://app.hubspot.com/contacts/${env.portalId}/record/0-27/5551`,
        },
        expect.objectContaining({ taskId: '5552', kind: 'plan', status: 'open' }),
      ]);
      await env.store.db.query(
        `UPDATE alert_episodes SET task_mode = 'none', baseline = true, respond_task_id = NULL, plan_task_id = NULL
          WHERE portal_id = $1 AND company_id = $2`,
        [env.portalId, e.accountId],
      );
      const again = await call<CompanyCardResponse>(env, 'GET', `/cards/company/${e.accountId}`);
      if (again.body.status !== 'ok') throw new Error(again.body.status);
      expect(again.body.sla.find((s) => s.root === root)?.noTask).toBe('baseline');
      expect(again.body.taskLinks).toEqual([]);
    } finally {
      await env.store.db.query('DELETE FROM alert_episodes WHERE portal_id = $1', [env.portalId]);
    }
  });

  test('a company without a stored evaluation is "not evaluated"', async () => {
    await env.store.db.query(
      `INSERT INTO mirror_companies (portal_id, id, properties) VALUES ($1, '99999001', '{"name":"Fresh Co"}')`,
      [env.portalId],
    );
    const res = await call(env, 'GET', '/cards/company/99999001');
    expect(res.body).toEqual({
      status: 'not_evaluated',
      reevaluationQueued: false,
      appObjectsAvailable: false,
    });
  });

  test('a company of another portal is a 404, whichever portal asks', async () => {
    const mine = await call(env, 'GET', '/cards/company/88888888');
    expect(mine.status).toBe(404);
    expect(mine.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    const theirs = await call(env, 'GET', `/cards/company/${evaluations[0].accountId}`, {
      portalId: OTHER_PORTAL,
    });
    expect(theirs.status).toBe(404);
    expect(
      (await call(env, 'GET', '/cards/company/88888888', { portalId: OTHER_PORTAL })).status,
    ).toBe(200);
  });

  test('while the first backfill runs, an unknown company is "not evaluated" (not yet synced)', async () => {
    const res = await call(env, 'GET', `/cards/company/${evaluations[0].accountId}`, {
      portalId: SYNCING_PORTAL,
    });
    expect(res.body).toMatchObject({ status: 'not_evaluated' });
  });

  test('ids that cannot be HubSpot ids are 404s; uninstalled portals are "not installed"', async () => {
    expect((await call(env, 'GET', '/cards/company/abc')).status).toBe(404);
    const none = await call(env, 'GET', `/cards/company/${evaluations[0].accountId}`, {
      portalId: 4_242_424,
    });
    expect(none).toMatchObject({ status: 200, body: { status: 'not_installed' } });
  });
});

describe('GET /cards/contact/{id}', () => {
  test('a committee member with their company and its gaps', async () => {
    const e = evaluations.find((ev) => ev.committee.members.length > 0) as Evaluation;
    const member = e.committee.members[0];
    const res = await call<ContactCardResponse>(env, 'GET', `/cards/contact/${member.contactId}`);
    const body = contactCardResponseSchema.parse(res.body);
    if (body.status !== 'ok') throw new Error(body.status);
    expect(body.member).toEqual(member);
    expect(body.company.id).toBe(e.accountId);
    expect(body.committee).toEqual({
      rolesMissing: e.committee.rolesMissing,
      hasDecisionMaker: e.committee.hasDecisionMaker,
      singleThreaded: e.committee.singleThreaded,
      opposingDecisionMaker: e.committee.opposingDecisionMaker,
      isKeyAccount: e.rank.isKeyAccount,
    });
  });

  test('no company, company not evaluated, and other portals\u2019 contacts', async () => {
    await env.store.db.query(
      `INSERT INTO mirror_contacts (portal_id, id, properties) VALUES
         ($1, '99999101', '{"firstname":"Lone","lastname":"Wolf"}'),
         ($1, '99999102', '{"firstname":"New","lastname":"Hire"}')`,
      [env.portalId],
    );
    await env.store.db.query(
      `INSERT INTO assoc_contact_company (portal_id, contact_id, company_id, is_primary) VALUES ($1, '99999102', '99999001', true)`,
      [env.portalId],
    );
    expect((await call(env, 'GET', '/cards/contact/99999101')).body).toEqual({
      status: 'no_company',
    });
    expect((await call(env, 'GET', '/cards/contact/99999102')).body).toEqual({
      status: 'not_evaluated',
      company: { id: '99999001', name: 'Fresh Co' },
    });
    expect(
      (await call(env, 'GET', '/cards/contact/99999101', { portalId: OTHER_PORTAL })).status,
    ).toBe(404);
  });
});
