import { evaluateAlerts, alertLevels, alertMessage, rootOf } from '../../src/domain/alerts.js';
import { alertCodes } from '../../src/domain/settings.js';
import type { OpenAlert } from '../../src/domain/snapshot.js';
import type { AlertCode } from '../../src/domain/settings.js';
import { contact, makeAccount, previousState, won } from './builders.js';
import { alertsInput, ASOF, type InputOverrides } from './alert-fixtures.js';

const codes = (o: InputOverrides) => evaluateAlerts(alertsInput(o)).open.map((a) => a.code);
const openOf = (o: InputOverrides, code: AlertCode) =>
  evaluateAlerts(alertsInput(o)).open.find((a) => a.code === code);
const held = (
  code: AlertCode,
  params: OpenAlert['params'] = {},
  contactIds: string[] = [],
  facts: OpenAlert['evidence']['facts'] = {},
): OpenAlert => ({
  code,
  level: 'yellow',
  params,
  evidence: { contactIds, dealIds: [], facts },
  openedAt: '2026-10-01T08:00:00.000Z',
  root: code,
});
const dm = (id: string, left = false) =>
  contact({ id, name: `DM ${id}`, roles: ['decision_maker'], left });

describe('§6 red — decision maker left', () => {
  const activeCommittee = (ids: string[]) => ({
    decisionMakerIds: ids,
    hasDecisionMaker: ids.length > 0,
  });
  it.each([
    ['a previous DM is no longer linked, none mapped', [], ['c1'], null, [], true, ['c1']],
    ['a previous DM is marked left', [dm('c1', true)], ['c1'], null, [], true, ['c1']],
    [
      'a previous DM left while another DM is still mapped (still news)',
      [dm('c1', true), dm('c2')],
      ['c1', 'c2'],
      null,
      ['c2'],
      true,
      ['c1'],
    ],
    [
      'first evaluation: a DM marked left and none mapped',
      [dm('c1', true)],
      null,
      null,
      [],
      true,
      ['c1'],
    ],
    [
      'first evaluation: a DM marked left, another DM still mapped (gap until replaced)',
      [dm('c1', true), dm('c2')],
      null,
      null,
      ['c2'],
      true,
      ['c1'],
    ],
    [
      'held open while the departed DM is not replaced, though another DM remains',
      [dm('c1', true), dm('c2')],
      ['c2'],
      held('decision_maker_left', {}, ['c1'], { neededDecisionMakers: 2 }),
      ['c2'],
      true,
      ['c1'],
    ],
    [
      'closes once a replacement is mapped',
      [dm('c1', true), dm('c2'), dm('c3')],
      ['c2'],
      held('decision_maker_left', {}, ['c1'], { neededDecisionMakers: 2 }),
      ['c2', 'c3'],
      false,
      [],
    ],
    [
      'a replaced DM still marked left does not reopen it',
      [dm('c1', true), dm('c2'), dm('c3')],
      ['c2', 'c3'],
      null,
      ['c2', 'c3'],
      false,
      [],
    ],
    [
      'held open while no DM is mapped',
      [],
      [],
      held('decision_maker_left', {}, ['c1']),
      [],
      true,
      ['c1'],
    ],
    [
      'closes once a DM is mapped again',
      [dm('c3')],
      [],
      held('decision_maker_left', {}, ['c1']),
      ['c3'],
      false,
      [],
    ],
    ['no DM ever mapped: not this reason', [], [], null, [], false, []],
  ] as const)('%s', (_name, contacts, prevDms, prevAlert, active, expected, evidence) => {
    const previous =
      prevDms === null
        ? null
        : previousState({
            decisionMakerIds: [...prevDms],
            openAlerts: prevAlert ? [prevAlert] : [],
          });
    const a = openOf(
      {
        account: makeAccount({ contacts: [...contacts] }),
        previous,
        committee: activeCommittee([...active]),
      },
      'decision_maker_left',
    );
    expect(a !== undefined).toBe(expected);
    if (a) {
      expect(a.level).toBe('red');
      expect(a.evidence.contactIds).toEqual(evidence);
    }
  });
  it('names a contact still listed, and a removed one by id', () => {
    const a = openOf(
      {
        account: makeAccount({ contacts: [dm('c1', true)] }),
        previous: previousState({ decisionMakerIds: ['c1', 'c9'] }),
      },
      'decision_maker_left',
    );
    expect(a?.params).toEqual({ names: 'DM c1, #c9', count: 2, stillMapped: 0 });
  });
  it('closing says who is mapped now', () => {
    const r = evaluateAlerts(
      alertsInput({
        account: makeAccount({ contacts: [dm('c3')] }),
        previous: previousState({ openAlerts: [held('decision_maker_left', {}, ['c1'])] }),
        committee: {
          decisionMakerIds: ['c3'],
          hasDecisionMaker: true,
          members: [
            {
              contactId: 'c3',
              name: 'DM c3',
              roles: ['decision_maker'],
              stance: null,
              closeness: null,
              solutionAcceptance: null,
              priceAcceptance: null,
              lastTouch: null,
            },
          ],
        },
      }),
    );
    expect(r.closed).toEqual([
      {
        code: 'decision_maker_left',
        level: 'yellow',
        openedAt: '2026-10-01T08:00:00.000Z',
        closedAt: ASOF,
        reason: { code: 'alerts.closed.decision_maker_left', params: { names: 'DM c3' } },
      },
    ]);
  });
});

describe('§6 red — budget frozen, competitor entered', () => {
  it.each([
    ['frozen', { budgetStatus: 'frozen' as const }, ['budget_frozen']],
    ['approved', { budgetStatus: 'approved' as const }, []],
    ['budget unknown', { budgetStatus: null }, []],
    ['competitor active', { competitorActive: true }, ['competitor_entered']],
    ['competitor not active', { competitorActive: false }, []],
    ['competitor unknown', { competitorActive: null }, []],
  ])('%s', (_n, o, expected) => {
    expect(codes({ account: makeAccount(o) })).toEqual(expected);
  });
});

describe('§6 yellow — satisfaction below 70', () => {
  it.each([
    [69.9, true],
    [70, false],
    [0, true],
    [null, false],
  ])('satisfaction %p → alert %p', (satisfaction, expected) => {
    expect(codes({ account: makeAccount({ satisfaction }) }).includes('satisfaction_low')).toBe(
      expected,
    );
  });
  it('follows the threshold setting', () => {
    expect(
      codes({
        account: makeAccount({ satisfaction: 75 }),
        settings: { alerts: { satisfactionBelow: 80 } },
      }),
    ).toEqual(['satisfaction_low']);
  });
});

describe('§6 yellow — renewal unclear', () => {
  it.each([
    ['intent unclear, no date', 'unclear', null, 'unclear'],
    ['intent unclear, date far away', 'unclear', '2027-10-01', 'unclear'],
    ['no intent, renewal today', null, '2026-11-23', 'none_recorded'],
    ['no intent, renewal in exactly 90 days', null, '2027-02-21', 'none_recorded'],
    ['no intent, renewal in 91 days', null, '2027-02-22', null],
    ['no intent, renewal date passed', null, '2026-11-22', null],
    ['no intent, no date', null, null, null],
    ['intent confirmed, renewal in 10 days', 'confirmed', '2026-12-03', null],
    ['intent likely, renewal in 10 days', 'likely', '2026-12-03', null],
  ] as const)('%s', (_n, intent, date, variant) => {
    const a = openOf({ account: makeAccount({ renewal: { intent, date } }) }, 'renewal_unclear');
    expect(a?.params.variant ?? null).toBe(variant);
  });
  it('says how many days are left', () => {
    const a = openOf(
      { account: makeAccount({ renewal: { intent: null, date: '2026-12-03' } }) },
      'renewal_unclear',
    );
    expect(a?.params).toEqual({
      variant: 'none_recorded',
      renewalDate: '2026-12-03',
      daysToRenewal: 10,
    });
  });
});

describe('§6/§11 yellow — revenue falling two quarters in a row', () => {
  // Today 2026-11-23: the last two completed quarters are 2026Q2 and 2026Q3.
  const q = (
    q2025: [number, number],
    q2026: [number, number],
    extra: ReturnType<typeof won>[] = [],
  ) =>
    makeAccount({
      deals: [
        won(q2025[0], '2025-05-10'),
        won(q2025[1], '2025-08-10'),
        won(q2026[0], '2026-05-10'),
        won(q2026[1], '2026-08-10'),
        ...extra,
      ],
    });
  it.each([
    ['both quarters −20 % year on year', [1000, 1000], [800, 800], true],
    ['both exactly −15 %', [1000, 1000], [850, 850], true],
    ['one quarter −14.9 %', [1000, 1000], [851, 800], false],
    ['only the last quarter fell', [1000, 1000], [1000, 500], false],
    ['only the earlier quarter fell', [1000, 1000], [500, 1000], false],
    ['a year-earlier quarter had no revenue', [0, 1000], [0, 500], false],
    ['growth', [1000, 1000], [1200, 1300], false],
  ] as const)('%s', (_n, base, now, expected) => {
    expect(codes({ account: q([...base], [...now]) }).includes('revenue_falling')).toBe(expected);
  });
  it('a seasonal dip (quarter on quarter) does not fire in the default year-on-year mode', () => {
    const seasonal = makeAccount({
      deals: [
        won(1000, '2025-02-10'),
        won(800, '2025-05-10'),
        won(600, '2025-08-10'),
        won(1000, '2026-02-10'),
        won(800, '2026-05-10'),
        won(600, '2026-08-10'),
      ],
    });
    expect(codes({ account: seasonal })).not.toContain('revenue_falling');
    const a = openOf(
      { account: seasonal, settings: { alerts: { revenueFallMode: 'quarter_over_quarter' } } },
      'revenue_falling',
    );
    expect(a?.params).toMatchObject({
      variant: 'quarter_over_quarter',
      q1: '2026Q2',
      q1Base: 1000,
      q2: '2026Q3',
      q2Base: 800,
    });
  });
  it('names the quarters, the amounts and the deals', () => {
    const a = openOf({ account: q([1000, 2000], [800, 1000]) }, 'revenue_falling');
    expect(a?.params).toEqual({
      variant: 'year_over_year',
      fallPct: 15,
      q1: '2026Q2',
      q1Revenue: 800,
      q1Base: 1000,
      q1Change: -20,
      q2: '2026Q3',
      q2Revenue: 1000,
      q2Base: 2000,
      q2Change: -50,
    });
    expect(a?.evidence.dealIds).toHaveLength(2);
    expect(a?.root).toBe('revenue');
  });
});

describe('§6/§11 yellow — purchase frequency falling', () => {
  // Recent window: 2026-05-28 … 2026-11-23; earlier window: 2025-11-29 … 2026-05-27.
  const deals = (earlier: number, recent: number) => [
    ...Array.from({ length: earlier }, () => won(100, '2026-01-15')),
    ...Array.from({ length: recent }, () => won(100, '2026-09-15')),
  ];
  it.each([
    [2, 1, true],
    [2, 2, false],
    [3, 2, true],
    [10, 7, false],
    [10, 6, true],
    [1, 0, false],
    [0, 0, false],
  ])('earlier %p, recent %p → alert %p', (earlier, recent, expected) => {
    expect(
      codes({ account: makeAccount({ deals: deals(earlier, recent) }) }).includes(
        'frequency_falling',
      ),
    ).toBe(expected);
  });
  it('shares its root with revenue falling (one task)', () => {
    expect(rootOf('frequency_falling')).toBe(rootOf('revenue_falling'));
    expect(rootOf('cadence_overdue')).toBe('cadence_overdue');
  });
  it('a decision maker who left and no decision maker mapped share one root (one task)', () => {
    expect(rootOf('decision_maker_left')).toBe(rootOf('no_decision_maker'));
  });
});

describe('§6/§7 yellow — engagement cadence overdue', () => {
  const interval = (
    kind: 'formal_touch' | 'executive_touch',
    lastTouch: string | null,
    overdueOn: string | null,
    overdue: boolean,
  ) => ({
    kind,
    days: kind === 'formal_touch' ? 7 : 30,
    lastTouch,
    nextDue: null,
    overdueOn,
    overdue,
  });
  it('follows the cadence module and names the most overdue interval', () => {
    const a = openOf(
      {
        cadence: {
          overdue: true,
          lastTouch: '2026-10-01',
          intervals: [
            interval('formal_touch', '2026-11-01', '2026-11-12', true),
            interval('executive_touch', '2026-09-01', '2026-10-16', true),
          ],
        },
      },
      'cadence_overdue',
    );
    expect(a?.params).toEqual({
      variant: 'late',
      kind: 'executive_touch',
      intervalDays: 30,
      lastTouch: '2026-09-01',
      overdueOn: '2026-10-16',
      overdueCount: 2,
    });
  });
  it('a never-logged interval comes first', () => {
    const a = openOf(
      {
        cadence: {
          overdue: true,
          intervals: [
            interval('formal_touch', '2026-11-01', '2026-11-12', true),
            interval('executive_touch', null, null, true),
          ],
        },
      },
      'cadence_overdue',
    );
    expect(a?.params.variant).toBe('never');
    expect(a?.params.kind).toBe('executive_touch');
  });
  it('not overdue → no alert', () => {
    expect(
      codes({
        cadence: {
          overdue: false,
          intervals: [interval('formal_touch', '2026-11-20', null, false)],
        },
      }),
    ).toEqual([]);
  });
});

describe('§6 yellow — key account without a decision maker or single-threaded', () => {
  it.each([
    ['key, no DM', true, false, false, ['no_decision_maker']],
    ['not key, no DM', false, false, false, []],
    ['key, DM mapped', true, true, false, []],
    ['key, single-threaded', true, true, true, ['single_threaded']],
    ['not key, single-threaded', false, true, true, []],
    ['key, no DM and single-threaded', true, false, true, ['no_decision_maker', 'single_threaded']],
  ] as const)('%s', (_n, isKeyAccount, hasDecisionMaker, singleThreaded, expected) => {
    expect(
      codes({
        rank: { isKeyAccount },
        committee: { hasDecisionMaker, singleThreaded, engagedContacts: singleThreaded ? 1 : 3 },
      }),
    ).toEqual([...expected]);
  });
  it('closing says why: mapped, or no longer key', () => {
    const previous = previousState({
      openAlerts: [held('no_decision_maker'), held('single_threaded')],
    });
    const r1 = evaluateAlerts(
      alertsInput({
        previous,
        rank: { isKeyAccount: true },
        committee: { hasDecisionMaker: true, engagedContacts: 3 },
      }),
    );
    expect(r1.closed.map((c) => c.reason.code)).toEqual([
      'alerts.closed.no_decision_maker.mapped',
      'alerts.closed.single_threaded.widened',
    ]);
    const r2 = evaluateAlerts(alertsInput({ previous, rank: { isKeyAccount: false } }));
    expect(r2.closed.map((c) => c.reason.code)).toEqual([
      'alerts.closed.no_decision_maker.not_key',
      'alerts.closed.single_threaded.not_key',
    ]);
  });
});

describe('§3/§6 yellow — lifecycle stage moved backwards', () => {
  it('needs a previous evaluation (says so when skipped)', () => {
    const r = evaluateAlerts(
      alertsInput({ lifecycle: { stage: 'customer', movedBackward: false } }),
    );
    expect(r.skipped).toContainEqual({
      code: 'stage_moved_back',
      reason: { code: 'alerts.skipped.no_previous_stage', params: {} },
    });
  });
  it.each([
    [
      'moved back repeat → customer',
      'customer',
      true,
      'repeat',
      undefined,
      { from: 'repeat', to: 'customer' },
    ],
    ['moved forward', 'repeat', false, 'customer', undefined, null],
    [
      'still below the stage it fell from',
      'customer',
      false,
      'customer',
      'major',
      { from: 'major', to: 'customer' },
    ],
    [
      'fell further while open keeps the higher origin',
      'user',
      true,
      'customer',
      'major',
      { from: 'major', to: 'user' },
    ],
    ['back at the stage it fell from', 'major', false, 'repeat', 'major', null],
  ] as const)('%s', (_n, stage, movedBackward, previousStage, heldFrom, expected) => {
    const previous = previousState({
      stage: previousStage,
      openAlerts: heldFrom ? [held('stage_moved_back', { from: heldFrom, to: previousStage })] : [],
    });
    const a = openOf(
      { previous, lifecycle: { stage, movedBackward, previous: previousStage } },
      'stage_moved_back',
    );
    expect(a?.params ?? null).toEqual(expected);
  });
});

describe('§3/§6 yellow — stage moved back while pinned', () => {
  it('the pin is shown, the computed fall is still told', () => {
    const a = openOf(
      {
        previous: previousState({ stage: 'repeat' }),
        lifecycle: {
          stage: 'repeat',
          computedStage: 'customer',
          pinned: true,
          movedBackward: true,
          previous: 'repeat',
        },
      },
      'stage_moved_back',
    );
    expect(a?.params).toEqual({ from: 'repeat', to: 'customer' });
    expect(a?.evidence.facts.pinned).toBe(true);
  });
});

describe('§5/§11 yellow — health fell ≥ 15 points below the last quarterly snapshot', () => {
  it('needs a quarterly snapshot (says so when skipped)', () => {
    const r = evaluateAlerts(alertsInput({ health: { overall: 10, lastQuarter: null } }));
    expect(r.open).toEqual([]);
    expect(r.skipped.map((s) => s.reason.code)).toContain('alerts.skipped.no_quarter_snapshot');
  });
  it.each([
    [70, 55, true],
    [70.1, 55.1, true],
    [70, 55.1, false],
    [60, 80, false],
  ])('snapshot %p, now %p → alert %p', (snap, now, expected) => {
    const a = openOf(
      {
        health: {
          overall: now,
          lastQuarter: { quarter: '2026Q3', health: snap, change: now - snap },
        },
      },
      'health_fell',
    );
    expect(a !== undefined).toBe(expected);
  });
});

describe('§6 green — service wobble', () => {
  it.each([
    ['one late delivery', true],
    ['   ', false],
    [null, false],
  ])('%p → %p', (serviceIssue, expected) => {
    const a = openOf({ account: makeAccount({ serviceIssue }) }, 'service_wobble');
    expect(a !== undefined).toBe(expected);
    if (a) expect(a.level).toBe('green');
  });
});

describe('§6 level, precedence, opened and closed', () => {
  it('alertCodes lists red, then yellow, then green reasons (the open list relies on it)', () => {
    const rank = { red: 0, yellow: 1, green: 2 } as const;
    const levels = alertCodes.map((c) => rank[alertLevels[c]]);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });
  const busy = () =>
    makeAccount({
      serviceIssue: 'late delivery',
      satisfaction: 50,
      competitorActive: true,
      budgetStatus: 'frozen',
    });
  it('level is the worst open reason; open sorted red, yellow, green', () => {
    const r = evaluateAlerts(alertsInput({ account: busy() }));
    expect(r.level).toBe('red');
    expect(r.open.map((a) => a.code)).toEqual([
      'budget_frozen',
      'competitor_entered',
      'satisfaction_low',
      'service_wobble',
    ]);
    expect(evaluateAlerts(alertsInput({ account: makeAccount({ serviceIssue: 'x' }) })).level).toBe(
      'green',
    );
    expect(evaluateAlerts(alertsInput()).level).toBe('none');
  });
  it('first evaluation opens everything at asOf', () => {
    const r = evaluateAlerts(alertsInput({ account: busy() }));
    expect(r.opened).toEqual([
      'budget_frozen',
      'competitor_entered',
      'satisfaction_low',
      'service_wobble',
    ]);
    expect(r.open.every((a) => a.openedAt === ASOF)).toBe(true);
    expect(r.closed).toEqual([]);
  });
  it('a reason still open keeps its opened-at; a cleared one closes at asOf', () => {
    const previous = previousState({
      openAlerts: [held('satisfaction_low'), held('budget_frozen')],
    });
    const r = evaluateAlerts(alertsInput({ account: makeAccount({ satisfaction: 50 }), previous }));
    expect(r.open.map((a) => [a.code, a.openedAt])).toEqual([
      ['satisfaction_low', '2026-10-01T08:00:00.000Z'],
    ]);
    expect(r.opened).toEqual([]);
    expect(r.closed).toEqual([
      {
        code: 'budget_frozen',
        level: 'yellow',
        openedAt: '2026-10-01T08:00:00.000Z',
        closedAt: ASOF,
        reason: { code: 'alerts.closed.budget_frozen', params: {} },
      },
    ]);
  });
  it('a switched-off reason is skipped, and closes if it was open', () => {
    const previous = previousState({ openAlerts: [held('budget_frozen')] });
    const r = evaluateAlerts(
      alertsInput({
        account: busy(),
        previous,
        settings: { alerts: { disabled: ['budget_frozen', 'service_wobble'] } },
      }),
    );
    expect(r.open.map((a) => a.code)).toEqual(['competitor_entered', 'satisfaction_low']);
    expect(
      r.skipped.filter((s) => s.reason.code === 'alerts.skipped.disabled').map((s) => s.code),
    ).toEqual(['budget_frozen', 'service_wobble']);
    expect(r.closed.map((c) => [c.code, c.reason.code])).toEqual([
      ['budget_frozen', 'alerts.closed.disabled'],
    ]);
  });
  it('is pure: same input, same output; the input is not changed', () => {
    const input = alertsInput({
      account: busy(),
      previous: previousState({ openAlerts: [held('satisfaction_low')] }),
    });
    const before = JSON.stringify({ ...input, facts: null });
    expect(evaluateAlerts(input)).toEqual(evaluateAlerts(input));
    expect(JSON.stringify({ ...input, facts: null })).toBe(before);
  });
  it('alertMessage picks the variant text', () => {
    expect(alertMessage({ code: 'renewal_unclear', params: { variant: 'unclear' } }).code).toBe(
      'alerts.reason.renewal_unclear.unclear',
    );
    expect(alertMessage({ code: 'budget_frozen', params: {} }).code).toBe(
      'alerts.reason.budget_frozen',
    );
  });
});
