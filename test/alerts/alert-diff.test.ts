import { diffCompany, type DiffInput } from '../../src/alerts/alert-diff.js';
import type { OpenReason, StoredAlert, StoredEpisode } from '../../src/alerts/alert-types.js';

const T0 = new Date('2026-03-10T10:00:00Z');
const HOUR = 3_600_000;
const ev = { contactIds: [], dealIds: [], facts: {} };

const reason = (
  code: OpenReason['code'],
  level: OpenReason['level'],
  root: string = code,
): OpenReason => ({ code, level, root, params: {}, evidence: ev });
const row = (
  id: number,
  r: OpenReason,
  episodeId: number,
  closedAt: Date | null = null,
): StoredAlert => ({
  id,
  companyId: 'c1',
  ...r,
  openedAt: T0,
  closedAt,
  episodeId,
});
const episode = (
  id: number,
  root: string,
  level: StoredEpisode['level'],
  closedAt: Date | null = null,
  generation = 1,
): StoredEpisode => ({
  id,
  companyId: 'c1',
  root,
  generation,
  source: 'engine',
  level,
  ownerId: 'o1',
  openedAt: T0,
  closedAt,
  baseline: false,
  taskMode: 'task',
  taskDay: '2026-03-10',
  respondBy: null,
  planBy: null,
  respondTaskId: 't1',
  respondCompletedAt: null,
  planTaskId: null,
  planCompletedAt: null,
  tasksClosedOnClear: false,
  autoCompletedTaskIds: [],
  escalatedAt: null,
});
function diff(over: Partial<DiffInput>) {
  return diffCompany({
    companyId: 'c1',
    asOf: new Date(T0.getTime() + HOUR),
    quietMs: 72 * HOUR,
    open: [],
    closedRefs: new Map(),
    rows: [],
    recentlyClosed: [],
    episodes: [],
    maxGeneration: new Map(),
    ...over,
  });
}

describe('alert diff — one company, state against evaluation', () => {
  it('a new reason opens a row in a new episode (next generation)', () => {
    const d = diff({
      open: [reason('budget_frozen', 'red')],
      maxGeneration: new Map([['budget_frozen', 2]]),
    });
    expect(d.newEpisodes).toEqual([{ root: 'budget_frozen', generation: 3, level: 'red' }]);
    expect(d.insertRows).toHaveLength(1);
    expect(d.events).toEqual([
      {
        handle: { root: 'budget_frozen' },
        root: 'budget_frozen',
        event: 'opened',
        level: 'red',
        previousLevel: null,
      },
    ]);
  });

  it('nothing changed → no change at all (idempotent)', () => {
    const r = reason('budget_frozen', 'red');
    const d = diff({
      open: [r],
      rows: [row(1, r, 10)],
      episodes: [episode(10, 'budget_frozen', 'red')],
    });
    expect(d).toMatchObject({
      newEpisodes: [],
      insertRows: [],
      updateRows: [],
      closeRows: [],
      events: [],
    });
  });

  it('a worse reason joining the root raises the episode', () => {
    const dm = reason('no_decision_maker', 'yellow', 'decision_maker');
    const left = reason('decision_maker_left', 'red', 'decision_maker');
    const d = diff({
      open: [left, dm],
      rows: [row(1, dm, 10)],
      episodes: [episode(10, 'decision_maker', 'yellow')],
    });
    expect(d.insertRows.map((r) => [r.code, r.episode])).toEqual([
      ['decision_maker_left', { id: 10 }],
    ]);
    expect(d.episodeLevels).toEqual([{ id: 10, level: 'red' }]);
    expect(d.events).toEqual([
      {
        handle: { id: 10 },
        root: 'decision_maker',
        event: 'joined',
        level: 'red',
        previousLevel: 'yellow',
      },
    ]);
  });

  it('the last reason clearing closes the episode with the evaluation’s reason', () => {
    const r = reason('budget_frozen', 'red');
    const ref = { code: 'alerts.closed.budget_frozen', params: {} };
    const d = diff({
      rows: [row(1, r, 10)],
      episodes: [episode(10, 'budget_frozen', 'red')],
      closedRefs: new Map([['budget_frozen', ref]]),
    });
    expect(d.closeRows).toEqual([{ id: 1, closeRef: ref }]);
    expect(d.closeEpisodes).toEqual([10]);
    expect(d.events.map((e) => e.event)).toEqual(['closed']);
  });

  it('back within the quiet period: the same row and episode reopen', () => {
    const r = reason('budget_frozen', 'red');
    const d = diff({
      open: [r],
      recentlyClosed: [row(1, r, 10, T0)],
      episodes: [episode(10, 'budget_frozen', 'red', T0)],
    });
    expect(d.reopenRows.map((x) => [x.id, x.episode])).toEqual([[1, { id: 10 }]]);
    expect(d.reopenEpisodes).toEqual([10]);
    expect(d.newEpisodes).toEqual([]);
    expect(d.events.map((e) => e.event)).toEqual(['reopened']);
  });

  it('a reason of the same root back while another is open joins the open episode', () => {
    const rev = reason('revenue_falling', 'yellow', 'revenue');
    const freq = reason('frequency_falling', 'yellow', 'revenue');
    const d = diff({
      open: [rev, freq],
      rows: [row(2, freq, 11)],
      recentlyClosed: [row(1, rev, 10, T0)],
      episodes: [episode(10, 'revenue', 'yellow', T0), episode(11, 'revenue', 'yellow', null, 2)],
    });
    expect(d.reopenRows.map((x) => [x.id, x.episode])).toEqual([[1, { id: 11 }]]);
    expect(d.reopenEpisodes).toEqual([]);
  });

  it('changed evidence updates the row without an event', () => {
    const r = reason('cadence_overdue', 'yellow');
    const d = diff({
      open: [{ ...r, params: { kind: 'formal_touch' } }],
      rows: [row(1, r, 10)],
      episodes: [episode(10, 'cadence_overdue', 'yellow')],
    });
    expect(d.updateRows.map((x) => x.id)).toEqual([1]);
    expect(d.events).toEqual([]);
  });
});
