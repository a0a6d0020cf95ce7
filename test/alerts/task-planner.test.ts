import {
  planTaskActions,
  type PlannedEpisode,
  type PlanInput,
} from '../../src/alerts/task-planner.js';
import { defaultSettings, settingsSchema, type SettingsInput } from '../../src/domain/settings.js';

const now = new Date('2026-03-10T10:00:00Z');
let nextId = 1;
function ep(overrides: Partial<PlannedEpisode> = {}): PlannedEpisode {
  return {
    id: nextId++,
    companyId: `c${nextId}`,
    root: 'budget_frozen',
    event: 'opened',
    level: 'red',
    previousLevel: null,
    ownerId: 'o1',
    taskMode: 'none',
    tasksClosedOnClear: false,
    ...overrides,
  };
}
function plan(
  episodes: PlannedEpisode[],
  opts: { baseline?: boolean; settings?: SettingsInput; used?: [string, number][] } = {},
) {
  const input: PlanInput = {
    settings: opts.settings ? settingsSchema.parse(opts.settings) : defaultSettings,
    baseline: opts.baseline ?? false,
    now,
    today: '2026-03-10',
    episodes,
    usedToday: new Map(opts.used ?? []),
  };
  return planTaskActions(input);
}
const kinds = (actions: ReturnType<typeof plan>) => actions.map((a) => `${a.kind}:${a.episodeId}`);

describe('task planner — noise control', () => {
  it('a new red alert gets a respond task due in 2 h with the plan due in 24 h', () => {
    const e = ep();
    const [a] = plan([e]);
    expect(a).toMatchObject({
      kind: 'create_respond',
      episodeId: e.id,
      ownerId: 'o1',
      level: 'red',
    });
    if (a.kind !== 'create_respond') throw new Error('unexpected');
    expect(a.respondBy.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect(a.planBy.toISOString()).toBe('2026-03-11T10:00:00.000Z');
  });

  it('the baseline opens alerts without tasks (unless switched off)', () => {
    const e = ep();
    expect(plan([e], { baseline: true })).toEqual([
      { kind: 'skip', episodeId: e.id, why: 'baseline' },
    ]);
    expect(
      kinds(plan([e], { baseline: true, settings: { alerts: { baselineWithoutTasks: false } } })),
    ).toEqual([`create_respond:${e.id}`]);
  });

  it('after the baseline, a reason joining a task-less episode creates the task', () => {
    const e = ep({
      event: 'joined',
      previousLevel: 'yellow',
      level: 'red',
      root: 'decision_maker',
    });
    expect(kinds(plan([e]))).toEqual([`create_respond:${e.id}`]);
  });

  it('severity gate: only the configured levels create tasks', () => {
    const red = ep();
    const yellow = ep({ level: 'yellow', root: 'satisfaction_low' });
    const green = ep({ level: 'green', root: 'service_wobble' });
    expect(kinds(plan([red, yellow, green]))).toEqual([
      `skip:${green.id}`,
      `create_respond:${red.id}`,
      `create_respond:${yellow.id}`,
    ]);
    const onlyRed = plan([yellow], { settings: { alerts: { taskLevels: ['red'] } } });
    expect(onlyRed).toEqual([{ kind: 'skip', episodeId: yellow.id, why: 'severity' }]);
  });

  it("createTasks 'workflow-only' never creates engine tasks", () => {
    const e = ep();
    expect(plan([e], { settings: { alerts: { createTasks: 'workflow-only' } } })).toEqual([
      { kind: 'skip', episodeId: e.id, why: 'workflow-only' },
    ]);
  });

  it('per-owner daily budget: red first, the overflow goes to the digest', () => {
    const y1 = ep({ level: 'yellow', companyId: 'a', root: 'satisfaction_low' });
    const r1 = ep({ level: 'red', companyId: 'z' });
    const y2 = ep({ level: 'yellow', companyId: 'b', root: 'satisfaction_low' });
    const other = ep({ level: 'yellow', companyId: 'c', ownerId: 'o2', root: 'satisfaction_low' });
    const actions = plan([y1, r1, y2, other], {
      settings: { alerts: { dailyTaskBudgetPerOwner: 3 } },
      used: [['o1', 1]],
    });
    expect(kinds(actions)).toEqual([
      `create_respond:${r1.id}`,
      `create_respond:${y1.id}`,
      `digest:${y2.id}`,
      `create_respond:${other.id}`,
    ]);
  });

  it('a worse reason joining an episode with a task raises the task instead of adding one', () => {
    const e = ep({
      event: 'joined',
      taskMode: 'task',
      previousLevel: 'yellow',
      level: 'red',
      root: 'decision_maker',
    });
    expect(plan([e])).toEqual([{ kind: 'update_task', episodeId: e.id, level: 'red' }]);
    const same = ep({
      event: 'joined',
      taskMode: 'task',
      previousLevel: 'yellow',
      level: 'yellow',
      root: 'revenue',
    });
    expect(plan([same])).toEqual([]);
  });

  it('closing completes the tasks (when configured); reopening within the quiet period reopens them', () => {
    const closed = ep({ event: 'closed', taskMode: 'task' });
    expect(plan([closed])).toEqual([{ kind: 'complete_tasks', episodeId: closed.id }]);
    expect(plan([closed], { settings: { alerts: { completeTasksWhenCleared: false } } })).toEqual(
      [],
    );
    const back = ep({ event: 'reopened', taskMode: 'task', tasksClosedOnClear: true });
    expect(plan([back])).toEqual([{ kind: 'reopen_tasks', episodeId: back.id }]);
    const backNoTask = ep({ event: 'reopened', taskMode: 'none' });
    expect(plan([backNoTask])).toEqual([]);
  });

  it('an episode already in the digest stays there', () => {
    expect(plan([ep({ event: 'joined', taskMode: 'digest', previousLevel: 'yellow' })])).toEqual(
      [],
    );
  });

  it('business-hours SLA moves the deadlines out of the weekend', () => {
    const friday = new Date('2026-03-13T17:00:00Z');
    const [a] = planTaskActions({
      settings: settingsSchema.parse({ alerts: { slaClock: 'business' } }),
      baseline: false,
      now: friday,
      today: '2026-03-13',
      episodes: [ep()],
      usedToday: new Map(),
    });
    if (a.kind !== 'create_respond') throw new Error('unexpected');
    expect(a.respondBy.toISOString()).toBe('2026-03-16T10:00:00.000Z');
  });
});
