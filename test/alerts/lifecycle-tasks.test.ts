import { makeAccount, contact } from '../domain/builders.js';
import {
  startAlertHarness,
  seedCompany,
  QUIET_DEFAULTS,
  START,
  type AlertHarness,
} from './harness.js';
import { ensureEpisodeTask } from '../../src/alerts/task-create.js';
import { getEpisode } from '../../src/alerts/alert-store.js';
import { drainAlertOutbox } from '../../src/alerts/task-outbox.js';
import { closeOrphanedAlerts } from '../../src/alerts/orphans.js';

/**
 * Alert lifecycle → outbox → HubSpot tasks, on PGlite and the sandbox with the
 * real api-client (the engine is run in the test on accounts built here).
 */

jest.setTimeout(30_000);

describe('alert lifecycle and 3R tasks', () => {
  let h: AlertHarness;
  beforeAll(async () => {
    h = await startAlertHarness();
  }, 60_000);
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  const alerts = async () =>
    (
      await h.store.db.query<{
        code: string;
        closed_at: Date | null;
        respond_task_id: string | null;
        reopened: number;
      }>(
        'SELECT code, closed_at, respond_task_id, reopened FROM alerts WHERE portal_id = $1 ORDER BY id',
        [h.portalId],
      )
    ).rows;

  it('a red alert creates exactly one task due in 2 h, owned by the company owner and linked to the company', async () => {
    const { companyId } = seedCompany(h, 'Acme Corp');
    const acme = makeAccount({
      id: companyId,
      name: 'Acme Corp',
      ownerId: h.ownerIds[0],
      budgetStatus: 'frozen',
    });
    await h.evaluate([acme]);
    await h.evaluate([acme]); // the same state again: nothing new
    await Promise.all([h.drain(), h.drain()]); // two workers race
    await h.drain();

    const tasks = await h.tasks();
    expect(tasks).toHaveLength(1);
    const [task] = tasks;
    expect(task.subject).toBe('[KAM] Red alert: Budget frozen — Acme Corp');
    expect(task.status).toBe('NOT_STARTED');
    expect(task.priority).toBe('HIGH');
    expect(task.ownerId).toBe(h.ownerIds[0]);
    expect(Date.parse(task.due)).toBe(START + 2 * 3_600_000);
    expect(task.companyIds).toEqual([companyId]);
    expect(task.body).toContain('The account&#39;s budget is frozen.');
    expect(await alerts()).toEqual([
      { code: 'budget_frozen', closed_at: null, respond_task_id: task.id, reopened: 0 },
    ]);
  });

  it('a crash after HubSpot created the task but before we recorded it never makes a second task', async () => {
    const { companyId } = seedCompany(h, 'Beta');
    await h.evaluate([
      makeAccount({ id: companyId, ownerId: h.ownerIds[0], competitorActive: true }),
    ]);
    const { rows } = await h.store.db.query<{ id: number }>(
      'SELECT id FROM alert_episodes WHERE portal_id = $1',
      [h.portalId],
    );
    const episode = await getEpisode(h.store.db, h.portalId, Number(rows[0].id));
    if (!episode) throw new Error('no episode');
    // The "crashed" worker: the task exists in HubSpot, our outbox row is still pending.
    const first = await ensureEpisodeTask(h.deps, h.client, h.portalId, episode, {
      episodeId: episode.id,
      kind: 'respond',
    });
    expect(first.created).toBe(true);
    await h.drain();
    const tasks = await h.tasks();
    expect(tasks.map((t) => t.id)).toEqual([first.taskId]);
    expect((await alerts())[0].respond_task_id).toBe(first.taskId);
  });

  it('a claimed row whose worker died is taken over after its lease', async () => {
    const { companyId } = seedCompany(h, 'Gamma');
    await h.evaluate([
      makeAccount({ id: companyId, ownerId: h.ownerIds[0], budgetStatus: 'frozen' }),
    ]);
    // Claim with a lease and "die".
    await h.store.db.query(
      `UPDATE hubspot_outbox SET status = 'in_flight', next_attempt_at = $2 WHERE portal_id = $1`,
      [h.portalId, new Date(START + 120_000)],
    );
    expect((await h.drain()).done).toBe(0);
    h.clock.advance(121_000);
    expect((await h.drain()).done).toBe(1);
    expect(await h.tasks()).toHaveLength(1);
  });

  it('the baseline opens alerts without tasks; a change after it creates one', async () => {
    const { companyId } = seedCompany(h, 'Delta');
    const delta = makeAccount({ id: companyId, ownerId: h.ownerIds[0], budgetStatus: 'frozen' });
    await h.evaluate([delta], { baseline: true });
    await h.evaluate([delta]);
    await h.drain();
    expect(await h.tasks()).toHaveLength(0);
    expect((await alerts()).map((a) => a.code)).toEqual(['budget_frozen']);

    await h.evaluate([{ ...delta, competitorActive: true }]);
    await h.drain();
    const tasks = await h.tasks();
    expect(tasks.map((t) => t.subject)).toEqual(['[KAM] Red alert: Competitor entered — Delta']);
  });

  it('a cleared alert completes its task with a note; back within the quiet period it reopens the same alert and task', async () => {
    const { companyId } = seedCompany(h, 'Epsilon');
    const frozen = makeAccount({
      id: companyId,
      name: 'Epsilon',
      ownerId: h.ownerIds[0],
      budgetStatus: 'frozen',
    });
    await h.evaluate([frozen]);
    await h.drain();
    h.clock.advance(3_600_000);
    await h.evaluate([{ ...frozen, budgetStatus: 'normal' }]);
    await h.drain();
    let [task] = await h.tasks();
    expect(task.status).toBe('COMPLETED');
    expect(task.body).toContain(
      'Completed automatically on 2026-03-10 11:00: The budget is no longer frozen.',
    );
    expect((await alerts())[0].closed_at).not.toBeNull();

    h.clock.advance(3_600_000); // within the 72 h quiet period
    await h.evaluate([frozen]);
    await h.drain();
    const tasks = await h.tasks();
    expect(tasks).toHaveLength(1);
    [task] = tasks;
    expect(task.status).toBe('NOT_STARTED');
    expect(task.body).toContain('Reopened on 2026-03-10 12:00');
    expect(await alerts()).toEqual([
      { code: 'budget_frozen', closed_at: null, respond_task_id: task.id, reopened: 1 },
    ]);
  });

  it('back after the quiet period it is a new alert with a new task', async () => {
    const { companyId } = seedCompany(h, 'Zeta');
    const frozen = makeAccount({ id: companyId, ownerId: h.ownerIds[0], budgetStatus: 'frozen' });
    await h.evaluate([frozen]);
    await h.evaluate([{ ...frozen, budgetStatus: 'normal' }]);
    h.clock.advance(73 * 3_600_000);
    await h.evaluate([frozen]);
    await h.drain();
    const tasks = await h.tasks();
    // The first task was never created (the alert cleared before the outbox ran); the new alert has its own.
    expect(tasks).toHaveLength(1);
    expect((await alerts()).map((a) => a.closed_at === null)).toEqual([false, true]);
  });

  it('over the daily budget, alerts go into one digest task per owner, red first', async () => {
    await h.settings({
      ...QUIET_DEFAULTS,
      alerts: { ...QUIET_DEFAULTS.alerts, dailyTaskBudgetPerOwner: 1 },
    });
    const a = seedCompany(h, 'Alpha');
    const b = seedCompany(h, 'Bravo');
    const c = seedCompany(h, 'Charlie');
    await h.evaluate([
      makeAccount({ id: a.companyId, name: 'Alpha', ownerId: h.ownerIds[0], satisfaction: 50 }),
      makeAccount({
        id: b.companyId,
        name: 'Bravo',
        ownerId: h.ownerIds[0],
        budgetStatus: 'frozen',
      }),
      makeAccount({
        id: c.companyId,
        name: 'Charlie',
        ownerId: h.ownerIds[0],
        competitorActive: true,
      }),
    ]);
    await h.drain();
    const tasks = await h.tasks();
    expect(tasks.map((t) => t.subject).sort()).toEqual([
      '[KAM] Alert digest 2026-03-10: 2 alerts over your daily task budget',
      '[KAM] Red alert: Budget frozen — Bravo',
    ]);
    const digest = tasks.find((t) => t.subject.includes('digest'));
    expect(digest?.body).toContain('Charlie: Competitor entered (Red)');
    expect(digest?.body).toContain('Alpha: Low satisfaction (Yellow)');
  });

  it('a deactivated owner: the task goes to the fallback user', async () => {
    await h.settings({
      ...QUIET_DEFAULTS,
      alerts: { ...QUIET_DEFAULTS.alerts, fallbackOwnerId: h.ownerIds[1] },
    });
    h.sb.sandbox.defaultPortal.owners.archive(h.ownerIds[2]);
    const { companyId } = seedCompany(h, 'Eta');
    await h.evaluate([
      makeAccount({ id: companyId, ownerId: h.ownerIds[2], budgetStatus: 'frozen' }),
    ]);
    await h.drain();
    expect((await h.tasks()).map((t) => t.ownerId)).toEqual([h.ownerIds[1]]);
  });

  it('reasons sharing a root share one task: the decision maker left and none is mapped', async () => {
    await h.settings({
      alerts: { disabled: ['single_threaded', 'cadence_overdue', 'renewal_unclear'] },
    });
    const { companyId, contactIds } = seedCompany(h, 'Theta', ['Dana Decider']);
    const dm = contact({ id: contactIds[0], name: 'Dana Decider', roles: ['decision_maker'] });
    const theta = makeAccount({
      id: companyId,
      name: 'Theta',
      ownerId: h.ownerIds[0],
      contacts: [dm],
    });
    await h.evaluate([theta]);
    await h.evaluate([{ ...theta, contacts: [{ ...dm, left: true }] }]);
    await h.drain();
    const tasks = await h.tasks();
    expect(tasks).toHaveLength(1);
    expect(tasks[0].subject).toBe('[KAM] Red alert: Decision maker left — Theta');
    expect(tasks[0].contactIds).toEqual(contactIds);
    expect(tasks[0].body).toContain('Find out who decides now');
  });

  it('a company deleted in HubSpot (no evaluation any more): its alerts close and its task is completed', async () => {
    const kept = seedCompany(h, 'Kept');
    const gone = seedCompany(h, 'Gone');
    await h.evaluate([
      makeAccount({ id: kept.companyId, ownerId: h.ownerIds[0], budgetStatus: 'frozen' }),
      makeAccount({ id: gone.companyId, ownerId: h.ownerIds[0], budgetStatus: 'frozen' }),
    ]);
    await h.drain();
    await h.store.db.query(
      `INSERT INTO evaluations (portal_id, company_id, evaluation, evaluated_at, input_hash) VALUES ($1, $2, '{}', now(), 'h')`,
      [h.portalId, kept.companyId],
    );
    expect(await closeOrphanedAlerts(h.deps, h.portalId)).toBe(1);
    await h.drain();
    const tasks = await h.tasks();
    const goneTask = tasks.find((t) => t.companyIds.includes(gone.companyId));
    const keptTask = tasks.find((t) => t.companyIds.includes(kept.companyId));
    expect(goneTask?.status).toBe('COMPLETED');
    expect(goneTask?.body).toContain('The company was deleted or merged in HubSpot.');
    expect(keptTask?.status).toBe('NOT_STARTED');
  });

  it('two drains after the queue is empty do nothing', async () => {
    expect(await drainAlertOutbox(h.deps, h.portalId)).toEqual({ done: 0, retried: 0, failed: 0 });
  });
});
