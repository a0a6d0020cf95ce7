import { createHmac } from 'node:crypto';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { DEFAULT_CLIENT_SECRET } from '../../src/sandbox/index.js';
import { drainAlertOutbox } from '../../src/alerts/task-outbox.js';
import { pendingCount } from '../../src/alerts/outbox-store.js';
import { runCadenceSweep, runQuarterlyReview } from '../../src/jobs/alert-schedules.js';
import { v2Signature } from '../../src/workflow/signature.js';
import { waitFor } from '../helpers/test-db.js';
import type { DbKind } from '../../src/store/db.js';
import { startStorySession, STORY_START, type StorySession } from './story-session.js';

/**
 * The alert stories end to end: changes made in the sandbox portal reach our
 * webhook endpoint signed, run through the inbox, mirror, recompute and the
 * alert lifecycle, and come back as HubSpot tasks — real api-client, PGlite
 * (alert-stories.test.ts) or PostgreSQL (`alertStoriesSuite('postgres')` from a
 * file in test/postgres). The stories run in order on one installed portal.
 */

const HOUR = 3_600_000;
const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as never;

export function alertStoriesSuite(kind: DbKind): void {
  describe(`alert stories through the sandbox (${kind})`, () => {
    jest.setTimeout(120_000);
    let s: StorySession;
    let ownerId: string;
    beforeAll(async () => {
      s = await startStorySession(kind);
      // Our story companies belong to their own owner, so other accounts' tasks never share a budget with them.
      ownerId = s.sandbox.sandbox.defaultPortal.owners.add({
        firstName: 'Story',
        lastName: 'Owner',
        email: 'story.owner@example.com',
      }).id;
    }, 180_000);
    // Closing waits for running jobs (pg-boss's graceful stop, up to 30 s) and an inbox
    // sweep in progress; on a loaded machine (CI runs the PostgreSQL suites side by side)
    // that took over 60 s once.
    afterAll(() => s?.close(), 120_000);

    const deps = () => s.app.deps;
    const db = () => s.app.deps.db;

    /** Everything sent has arrived and been processed: webhooks, inbox, jobs, outbox. */
    async function settle(): Promise<void> {
      await s.sandbox.runtime.webhooks.whenIdle();
      await waitFor(
        async () => {
          const { rows } = await db().query<{ n: number }>(
            "SELECT count(*)::int AS n FROM webhook_inbox WHERE portal_id = $1 AND status IN ('pending', 'processing')",
            [s.portalId],
          );
          const jobs = (await deps().queue?.size('recompute-company')) ?? 0;
          return rows[0].n === 0 && jobs === 0 && (await pendingCount(db(), s.portalId)) === 0;
        },
        60_000,
        200,
      );
    }

    const evaluation = async (companyId: string): Promise<Evaluation | null> => {
      const { rows } = await db().query<{ evaluation: Evaluation }>(
        'SELECT evaluation FROM evaluations WHERE portal_id = $1 AND company_id = $2',
        [s.portalId, companyId],
      );
      return rows[0]?.evaluation ?? null;
    };

    async function createCompany(
      name: string,
      extra: Record<string, string> = {},
    ): Promise<string> {
      const c = await s.user.crm.companies.basicApi.create({
        properties: { name, hubspot_owner_id: ownerId, ...extra },
        associations: [],
      });
      return c.id;
    }
    async function createContact(companyId: string, first: string, role: string): Promise<string> {
      const c = await s.user.crm.contacts.basicApi.create({
        properties: { firstname: first, lastname: 'Story', kam_buying_role: role },
        associations: [
          {
            to: { id: companyId },
            types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 1 }],
          },
        ],
      });
      return c.id;
    }
    async function createWonDeal(
      companyId: string,
      amount: number,
      closedate: string,
    ): Promise<void> {
      await s.user.crm.deals.basicApi.create({
        properties: {
          dealname: `Deal ${closedate}`,
          amount: String(amount),
          dealstage: 'closedwon',
          closedate,
        },
        associations: [
          {
            to: { id: companyId },
            types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 5 }],
          },
        ],
      });
    }

    let dmCompany = '';
    let respondTaskId = '';

    it('a fresh install of the demo portal opens alerts but creates no tasks (the baseline)', async () => {
      await settle();
      const { rows } = await db().query<{ n: number }>(
        'SELECT count(*)::int AS n FROM alerts WHERE portal_id = $1 AND closed_at IS NULL',
        [s.portalId],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      expect(await s.tasks()).toEqual([]);
    });

    it('a decision maker archived → a red alert and exactly one task due in 2 h, though the webhook comes 3 times and workers race', async () => {
      dmCompany = await createCompany('Story Decider Inc');
      const dm = await createContact(dmCompany, 'Dana', 'decision_maker');
      await createContact(dmCompany, 'Uma', 'user');
      await waitFor(
        async () => (await evaluation(dmCompany))?.committee.decisionMakerIds.includes(dm) === true,
        60_000,
        200,
      );
      await settle();
      expect(await s.tasks(dmCompany)).toEqual([]); // a change, but no alert yet

      // HubSpot delivers each batch twice, and once more later (below).
      await fetch(`${s.sandbox.url}/_sandbox/faults/webhooks`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ duplicateRate: 1 }),
      });
      await s.user.crm.contacts.basicApi.archive(dm);
      await s.sandbox.runtime.webhooks.whenIdle();
      await fetch(`${s.sandbox.url}/_sandbox/faults/webhooks`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ duplicateRate: 0 }),
      });
      // The third delivery: the stored event, signed again, to our endpoint.
      const { rows } = await db().query<{ payload: unknown }>(
        "SELECT payload FROM webhook_inbox WHERE portal_id = $1 AND object_id = $2 AND subscription_type LIKE '%deletion%' LIMIT 1",
        [s.portalId, dm],
      );
      expect(rows).toHaveLength(1);
      const body = JSON.stringify([rows[0].payload]);
      const url = `${deps().config.publicBaseUrl}/webhooks/hubspot`;
      const ts = String(Date.now());
      const third = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': createHmac('sha256', DEFAULT_CLIENT_SECRET)
            .update(`POST${url}${body}${ts}`)
            .digest('base64'),
          'x-hubspot-request-timestamp': ts,
        },
        body,
      });
      expect(third.status).toBe(200);
      // Two more workers race the queue's own.
      await Promise.all([
        drainAlertOutbox(deps(), s.portalId),
        drainAlertOutbox(deps(), s.portalId),
        s.ops.recomputeCompanies(deps(), s.portalId, [dmCompany]),
        s.ops.recomputeCompanies(deps(), s.portalId, [dmCompany]),
      ]);
      await waitFor(async () => (await s.tasks(dmCompany)).length > 0, 60_000, 200);
      await settle();

      const tasks = await s.tasks(dmCompany);
      expect(tasks).toHaveLength(1);
      const [task] = tasks;
      respondTaskId = task.id;
      expect(task.subject).toBe('[KAM] Red alert: Decision maker left — Story Decider Inc');
      expect(task.priority).toBe('HIGH');
      expect(task.ownerId).toBe(ownerId);
      expect(Date.parse(task.due)).toBe(STORY_START + 2 * HOUR);
      expect((await evaluation(dmCompany))?.alerts.level).toBe('red');
    });

    it('the task completed → a plan task appears, due at plan-by', async () => {
      await s.user.crm.objects.tasks.basicApi.update(respondTaskId, {
        properties: { hs_task_status: 'COMPLETED' },
      });
      await waitFor(async () => (await s.tasks(dmCompany)).length === 2, 60_000, 200);
      await settle();
      const plan = (await s.tasks(dmCompany)).find((t) => t.id !== respondTaskId);
      expect(plan?.subject).toBe(
        '[KAM] Plan with 2–3 options: Decision maker left — Story Decider Inc',
      );
      expect(plan?.status).toBe('NOT_STARTED');
      expect(Date.parse(plan?.due ?? '')).toBe(STORY_START + 24 * HOUR);
    });

    it('the decision maker replaced → the alert closes and the open task is completed with a note', async () => {
      await createContact(dmCompany, 'Nina', 'decision_maker');
      await waitFor(
        async () => {
          const open = (await s.tasks(dmCompany)).filter((t) => t.status !== 'COMPLETED');
          return open.length === 0;
        },
        60_000,
        200,
      );
      await settle();
      const tasks = await s.tasks(dmCompany);
      expect(tasks).toHaveLength(2);
      const plan = tasks.find((t) => t.id !== respondTaskId);
      expect(plan?.body).toContain('Completed automatically');
      expect(plan?.body).toContain('A decision maker is mapped again: Nina Story.');
      const { rows } = await db().query<{ closed_at: Date | null }>(
        "SELECT closed_at FROM alerts WHERE portal_id = $1 AND company_id = $2 AND code = 'decision_maker_left'",
        [s.portalId, dmCompany],
      );
      expect(rows.map((r) => r.closed_at !== null)).toEqual([true]);
    });

    it('no touch for 1.5× the cadence → a yellow alert after the daily sweep', async () => {
      const company = await createCompany('Story Cadence Ltd');
      const contact = await createContact(company, 'Cora', 'user');
      await createWonDeal(company, 50_000, '2026-02-01');
      await s.user.crm.objects.meetings.basicApi.create({
        properties: { hs_meeting_title: 'Kick-off', hs_timestamp: '2026-03-05T10:00:00.000Z' },
        associations: [
          {
            to: { id: company },
            types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 188 }],
          },
          {
            to: { id: contact },
            types: [{ associationCategory: HUBSPOT_DEFINED, associationTypeId: 200 }],
          },
        ],
      });
      await waitFor(
        async () => (await evaluation(company))?.cadence.lastTouch === '2026-03-05',
        60_000,
        200,
      );
      await settle();
      expect((await evaluation(company))?.alerts.open.map((a) => a.code)).not.toContain(
        'cadence_overdue',
      );

      s.clock.set(Date.parse('2026-03-17T14:00:00Z')); // 12 days since the last touch, weekly cadence
      expect(await runCadenceSweep(deps(), s.portalId, s.ops)).toMatchObject({ ran: true });
      expect(await runCadenceSweep(deps(), s.portalId, s.ops)).toEqual({
        ran: false,
        companies: 0,
      }); // once a day
      await waitFor(async () => (await s.tasks(company)).length > 0, 60_000, 200);
      await settle();
      const [task] = await s.tasks(company);
      expect(task.subject).toBe('[KAM] Yellow alert: Engagement overdue — Story Cadence Ltd');
      expect(task.priority).toBe('MEDIUM');
    });

    it('revenue down 15 % two quarters in a row (clock moved past the quarter) → yellow after the quarterly review', async () => {
      const company = await createCompany('Story Revenue Co');
      await createWonDeal(company, 100_000, '2025-02-10');
      await createWonDeal(company, 100_000, '2025-05-10');
      await createWonDeal(company, 80_000, '2026-02-10');
      await createWonDeal(company, 80_000, '2026-05-10');
      await waitFor(
        async () => ((await evaluation(company))?.score.trailingRevenue ?? 0) > 0,
        60_000,
        200,
      );
      await settle();
      expect((await evaluation(company))?.alerts.open.map((a) => a.code)).not.toContain(
        'revenue_falling',
      );

      s.clock.set(Date.parse('2026-07-02T14:00:00Z')); // 2026Q2 ended
      const review = await runQuarterlyReview(deps(), s.portalId, s.ops);
      expect(review).toMatchObject({ ran: true, quarter: '2026Q2', recomputed: true });
      expect((await evaluation(company))?.alerts.open.map((a) => a.code)).toContain(
        'revenue_falling',
      );
      const subject = '[KAM] Yellow alert: Revenue falling — Story Revenue Co';
      await waitFor(
        async () => (await s.tasks(company)).some((t) => t.subject === subject),
        60_000,
        200,
      );
      // (It has never been touched either: its cadence alert is a task of its own.)
      const revenue = (await s.tasks(company)).filter((t) => t.subject === subject);
      expect(revenue).toHaveLength(1);
      expect(revenue[0].priority).toBe('MEDIUM');
      expect((await runQuarterlyReview(deps(), s.portalId, s.ops)).ran).toBe(false);
    });

    it('the workflow action over HTTP: a forged signature → 401; a valid call → the task and its outputs', async () => {
      const company = await createCompany('Story Workflow GmbH');
      const path = '/workflow-actions/create-alert-task';
      const url = `${deps().config.publicBaseUrl}${path}`;
      const body = JSON.stringify({
        callbackId: 'ap-story-1',
        origin: { portalId: s.portalId, actionDefinitionId: 1 },
        object: { objectId: Number(company), objectType: 'COMPANY' },
        inputFields: { level: 'red', reason: 'Sponsor resigned' },
      });
      const post = (secret: string) =>
        fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hubspot-signature': v2Signature(secret, 'POST', url, body),
            'x-hubspot-signature-version': 'v2',
          },
          body,
        });
      expect((await post('forged')).status).toBe(401);
      const ok = await post(DEFAULT_CLIENT_SECRET);
      expect(ok.status).toBe(200);
      const out = (await ok.json()) as { outputFields: Record<string, string> };
      const again = (await (await post(DEFAULT_CLIENT_SECRET)).json()) as {
        outputFields: Record<string, string>;
      };
      expect(again).toEqual(out);
      const tasks = await s.tasks(company);
      expect(tasks.map((t) => t.id)).toEqual([out.outputFields.task_id]);
      expect(out.outputFields).toMatchObject({ alert_level: 'red', hs_execution_state: 'SUCCESS' });
    });

    it('kam_alert records are kept in step, and no HubSpot write failed', async () => {
      await settle();
      const { rows } = await db().query<{
        id: number;
        hubspot_alert_id: string | null;
        closed_at: Date | null;
      }>(
        "SELECT id, hubspot_alert_id, closed_at FROM alerts WHERE portal_id = $1 AND company_id = $2 AND code = 'decision_maker_left'",
        [s.portalId, dmCompany],
      );
      expect(rows).toHaveLength(1);
      const recordId = rows[0].hubspot_alert_id;
      expect(recordId).not.toBeNull();
      const record = await s.user.crm.objects.basicApi.getById(
        'kam_alert',
        String(recordId),
        ['code', 'level', 'closed_at', 'outcome', 'respond_by'],
        undefined,
        ['companies'],
      );
      expect(record.properties).toMatchObject({ code: 'decision_maker_left', level: 'red' });
      expect(Date.parse(record.properties.respond_by ?? '')).toBe(STORY_START + 2 * HOUR);
      expect(record.properties.closed_at).toBeTruthy();
      expect(record.properties.outcome).toContain('A decision maker is mapped again');
      expect(record.associations?.companies?.results.map((a) => a.id)).toContain(dmCompany);
      const failed = await db().query<{ kind: string; last_error: string }>(
        "SELECT kind, last_error FROM hubspot_outbox WHERE portal_id = $1 AND status = 'failed'",
        [s.portalId],
      );
      expect(failed.rows).toEqual([]);
    });
  });
}
