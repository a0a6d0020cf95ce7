import { makeAccount } from '../domain/builders.js';
import {
  startAlertHarness,
  seedCompany,
  QUIET_DEFAULTS,
  START,
  type AlertHarness,
} from './harness.js';
import { checkAlertTasks, onTaskChanged, onTaskChanges } from '../../src/alerts/task-events.js';
import { escalateEpisode } from '../../src/alerts/escalation.js';

jest.setTimeout(30_000);

/** Completion, the plan task that follows, and escalation after respond-by. */
describe('alert task events', () => {
  let h: AlertHarness;
  beforeAll(async () => {
    h = await startAlertHarness();
  }, 60_000);
  afterAll(() => h?.close());
  beforeEach(() => h.reset());

  async function redAlert(name = 'Acme') {
    const { companyId } = seedCompany(h, name);
    const account = makeAccount({
      id: companyId,
      name,
      ownerId: h.ownerIds[0],
      budgetStatus: 'frozen',
    });
    await h.evaluate([account]);
    await h.drain();
    const [task] = await h.tasks();
    return { companyId, account, task };
  }
  const complete = (taskId: string) =>
    h.sb.sandbox.defaultPortal.updateObject('tasks', taskId, { hs_task_status: 'COMPLETED' });
  const episodeId = async () =>
    Number(
      (
        await h.store.db.query<{ id: number }>(
          'SELECT id FROM alert_episodes WHERE portal_id = $1',
          [h.portalId],
        )
      ).rows[0].id,
    );

  it('the respond task completed while the alert is open → one plan task due at plan-by', async () => {
    const { task } = await redAlert();
    complete(task.id);
    expect(await onTaskChanged(h.deps, h.portalId, [task.id])).toEqual({ plans: 1 });
    // Redelivered webhook and the periodic check: still one plan task.
    await onTaskChanges(h.deps, h.portalId, [
      {
        taskId: task.id,
        propertyName: 'hs_task_status',
        propertyValue: 'COMPLETED',
        occurredAt: START,
      },
    ]);
    await checkAlertTasks(h.deps, h.portalId);
    const tasks = await h.tasks();
    expect(tasks).toHaveLength(2);
    const plan = tasks.find((t) => t.id !== task.id);
    expect(plan?.subject).toBe('[KAM] Plan with 2–3 options: Budget frozen — Acme');
    expect(plan?.status).toBe('NOT_STARTED');
    expect(Date.parse(plan?.due ?? '')).toBe(START + 24 * 3_600_000);
    expect(plan?.body).toContain('Write a plan with 2–3 options by 2026-03-11 10:00');
  });

  it('the periodic check finds a completion whose webhook was lost', async () => {
    const { task } = await redAlert();
    complete(task.id);
    expect(await checkAlertTasks(h.deps, h.portalId)).toMatchObject({ checked: 1, plans: 1 });
    expect(await h.tasks()).toHaveLength(2);
  });

  it('the alert clearing completes the open plan task with a note and leaves the answered respond task alone', async () => {
    const { task, account } = await redAlert();
    complete(task.id);
    await onTaskChanged(h.deps, h.portalId, [task.id]);
    h.clock.advance(3_600_000);
    await h.evaluate([{ ...account, budgetStatus: 'approved' }]);
    await h.drain();
    const tasks = await h.tasks();
    expect(tasks.map((t) => t.status)).toEqual(['COMPLETED', 'COMPLETED']);
    expect(tasks[0].body).not.toContain('Completed automatically');
    expect(tasks[1].body).toContain(
      'Completed automatically on 2026-03-10 11:00: The budget is no longer frozen.',
    );
  });

  it('respond-by passing without a response escalates once to the escalation users', async () => {
    await h.settings({
      ...QUIET_DEFAULTS,
      alerts: { ...QUIET_DEFAULTS.alerts, escalationOwnerIds: [h.ownerIds[3]] },
    });
    const { task } = await redAlert();
    const id = await episodeId();
    expect(await escalateEpisode(h.deps, h.portalId, id)).toBe(false); // too early
    h.clock.advance(2 * 3_600_000);
    expect(await escalateEpisode(h.deps, h.portalId, id)).toBe(true);
    expect(await escalateEpisode(h.deps, h.portalId, id)).toBe(false);
    await checkAlertTasks(h.deps, h.portalId);
    const tasks = await h.tasks();
    expect(tasks).toHaveLength(2);
    const esc = tasks.find((t) => t.id !== task.id);
    expect(esc?.ownerId).toBe(h.ownerIds[3]);
    expect(esc?.subject).toBe(
      '[KAM] Escalation, no response by 2026-03-10 12:00: Budget frozen — Acme',
    );
    expect(esc?.body).toContain('Alex Morgan');
  });

  it('no escalation when the owner answered in time (even if the webhook is late)', async () => {
    await h.settings({
      ...QUIET_DEFAULTS,
      alerts: { ...QUIET_DEFAULTS.alerts, escalationOwnerIds: [h.ownerIds[3]] },
    });
    const { task } = await redAlert();
    complete(task.id);
    h.clock.advance(3 * 3_600_000);
    expect(await escalateEpisode(h.deps, h.portalId, await episodeId())).toBe(false);
    await h.drain();
    // The late completion was learned on the way: the plan task exists, no escalation task.
    expect((await h.tasks()).map((t) => t.subject)).toEqual([
      '[KAM] Red alert: Budget frozen — Acme',
      '[KAM] Plan with 2–3 options: Budget frozen — Acme',
    ]);
  });
});
