import { evaluateCadence } from '../../src/domain/cadence.js';
import { evaluateCommittee } from '../../src/domain/committee.js';
import { computeFacts } from '../../src/domain/facts.js';
import { dayNumber, fromDayNumber } from '../../src/domain/dates.js';
import type { EvalContext } from '../../src/domain/context.js';
import type { Account, Engagement, MessageRef, Tier } from '../../src/domain/snapshot.js';
import { messages } from '../../src/domain/messages/cadence.js';
import { contact, ctxAt, engagement, makeAccount, won } from './builders.js';

const TODAY = dayNumber('2026-11-23');
const ago = (n: number) => fromDayNumber(TODAY - n);

// A decision maker, a user (committee member) and a contact with no role (not a member).
const DM = 'dm';
const USER = 'usr';
const OTHER = 'oth';
const people = () => [
  contact({ id: DM, roles: ['decision_maker'] }),
  contact({ id: USER, roles: ['user'] }),
  contact({ id: OTHER }),
];

function run(account: Account, tier: Tier = 'ordinary', ctx: EvalContext = ctxAt()) {
  const facts = computeFacts(account, ctx);
  return evaluateCadence(account, facts, ctx, evaluateCommittee(account, facts, ctx), { tier });
}

/** An account whose first won deal was `firstWonAgo` days ago, with the given engagements. */
function customer(firstWonAgo: number, engagements: Partial<Engagement>[] = []): Account {
  return makeAccount({
    deals: [won(1000, ago(firstWonAgo))],
    contacts: people(),
    engagements: engagements.map((e) => engagement(e)),
  });
}

function expectCatalogued(ref: MessageRef) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const template = messages[locale][ref.code];
    expect(template).toBeDefined();
    for (const m of template.matchAll(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g)) expect(ref.params).toHaveProperty(m[1]);
  }
}

describe('§7 cadence — phases by relationship age', () => {
  it('no won deal → no cadence (phase none), never overdue', () => {
    const account = makeAccount({ contacts: people(), engagements: [engagement({ date: ago(3), contactIds: [USER] })] });
    const r = run(account, 'strategic');
    expect(r).toEqual({
      relationshipAgeDays: null,
      phase: 'none',
      intervals: [],
      lastTouch: ago(3),
      nextDue: null,
      overdue: false,
      expectedTouchesPer90Days: 0,
      explanation: [{ code: 'cadence.phase.none', params: {} }],
    });
  });

  // 3 months before 2026-11-23 is 2026-08-23 (92 days); 12 months is 2025-11-23 (365 days).
  const cases: [string, number, string, string[]][] = [
    ['first won yesterday → new', 1, 'new', ['formal_touch']],
    ['one day short of 3 months → new', 91, 'new', ['formal_touch']],
    ['exactly 3 months → developing', 92, 'developing', ['business_review', 'executive_touch']],
    ['one day short of 12 months → developing', 364, 'developing', ['business_review', 'executive_touch']],
    ['exactly 12 months → established', 365, 'established', ['strategy_session']],
    ['years → established', 2000, 'established', ['strategy_session']],
  ];
  it.each(cases)('%s', (_name, age, phase, kinds) => {
    const r = run(customer(age));
    expect(r.phase).toBe(phase);
    expect(r.relationshipAgeDays).toBe(age);
    expect(r.intervals.map((i) => i.kind)).toEqual(kinds);
    expect(r.explanation[0]).toEqual({ code: `cadence.phase.${phase}`, params: { since: ago(age), ageDays: age } });
  });

  it('relationship age runs from the first won deal', () => {
    const account = makeAccount({ deals: [won(1, ago(20)), won(1, ago(400)), won(1, ago(5))] });
    expect(run(account).relationshipAgeDays).toBe(400);
  });

  it('phase boundaries follow the settings', () => {
    const ctx = ctxAt('2026-11-23', { cadence: { newRelationshipMonths: 1, establishedMonths: 6 } });
    expect(run(customer(40), 'ordinary', ctx).phase).toBe('developing');
    expect(run(customer(200), 'ordinary', ctx).phase).toBe('established');
  });
});

describe('§7 cadence — strategic tier', () => {
  it.each([
    ['new', 10, ['formal_touch', 'executive_touch']],
    ['developing (already has one)', 100, ['business_review', 'executive_touch']],
    ['established', 500, ['strategy_session', 'executive_touch']],
  ])('%s', (_name, age, kinds) => {
    const r = run(customer(age), 'strategic');
    expect(r.intervals.map((i) => i.kind)).toEqual(kinds);
    expect(r.intervals.find((i) => i.kind === 'executive_touch')?.days).toBe(30);
  });

  it('explains the extra executive touch', () => {
    expect(run(customer(500), 'strategic').explanation[1]).toEqual({ code: 'cadence.strategic_executive', params: { days: 30 } });
  });

  it('other tiers and the switched-off setting add nothing', () => {
    expect(run(customer(500), 'profit').intervals.map((i) => i.kind)).toEqual(['strategy_session']);
    const off = ctxAt('2026-11-23', { cadence: { strategicMonthlyExecutive: false } });
    expect(run(customer(500), 'strategic', off).intervals.map((i) => i.kind)).toEqual(['strategy_session']);
  });
});

describe('§7 cadence — what counts as a touch', () => {
  const cases: [string, number, Partial<Engagement>, Record<string, string | null>][] = [
    // phase new (formal touch: any touch with a member)
    ['a call with a committee member is a formal touch', 10, { type: 'call', date: ago(2), contactIds: [USER] }, { formal_touch: ago(2) }],
    ['an email with a committee member is a formal touch', 10, { type: 'email', date: ago(2), contactIds: [USER] }, { formal_touch: ago(2) }],
    ['a contact with no role is not the committee', 10, { date: ago(2), contactIds: [OTHER] }, { formal_touch: null }],
    ['an engagement with no contact is not a touch', 10, { date: ago(2), contactIds: [] }, { formal_touch: null }],
    ['a future meeting is not a touch yet', 10, { date: '2026-11-25', contactIds: [USER] }, { formal_touch: null }],
    // phase developing
    ['a touch with a user is a review, not an executive touch', 100, { type: 'call', date: ago(2), contactIds: [USER] }, { business_review: ago(2), executive_touch: null }],
    ['an email with the DM is both', 100, { type: 'email', date: ago(2), contactIds: [DM] }, { business_review: ago(2), executive_touch: ago(2) }],
    // phase established
    ['a meeting with the DM is a strategy session', 500, { type: 'meeting', date: ago(2), contactIds: [DM, OTHER] }, { strategy_session: ago(2) }],
    ['a call with the DM is not a strategy session', 500, { type: 'call', date: ago(2), contactIds: [DM] }, { strategy_session: null }],
    ['a meeting with a user is not a strategy session', 500, { type: 'meeting', date: ago(2), contactIds: [USER] }, { strategy_session: null }],
  ];
  it.each(cases)('%s', (_name, age, e, want) => {
    const r = run(customer(age, [e]));
    const got = Object.fromEntries(r.intervals.map((i) => [i.kind, i.lastTouch]));
    expect(got).toEqual(want);
  });

  it('each interval takes its own latest matching touch', () => {
    const r = run(
      customer(500, [
        { type: 'call', date: ago(3), contactIds: [DM] },
        { type: 'meeting', date: ago(40), contactIds: [DM] },
        { type: 'meeting', date: ago(80), contactIds: [DM] },
        { type: 'email', date: ago(1), contactIds: [USER] },
      ]),
      'strategic',
    );
    expect(Object.fromEntries(r.intervals.map((i) => [i.kind, i.lastTouch]))).toEqual({ strategy_session: ago(40), executive_touch: ago(3) });
    expect(r.lastTouch).toBe(ago(1));
  });

  it('with no role mapped at all, every contact is a committee member', () => {
    const account = makeAccount({
      deals: [won(1, ago(10))],
      contacts: [contact({ id: 'x' })],
      engagements: [engagement({ date: ago(2), contactIds: ['x'] })],
    });
    expect(run(account).intervals[0].lastTouch).toBe(ago(2));
  });
});

describe('§7 cadence — due and overdue (overdue when today > last + 1.5 × interval)', () => {
  // Weekly formal touch (phase new): overdue once more than 10.5 days have passed.
  const cases: [string, number, { nextDue: string; overdueOn: string; overdue: boolean }][] = [
    ['touched today', 0, { nextDue: ago(-7), overdueOn: ago(-11), overdue: false }],
    ['touched 7 days ago: due today, not overdue', 7, { nextDue: ago(0), overdueOn: ago(-4), overdue: false }],
    ['touched 10 days ago: 10 ≤ 10.5, not overdue', 10, { nextDue: ago(3), overdueOn: ago(-1), overdue: false }],
    ['touched 11 days ago: 11 > 10.5, overdue', 11, { nextDue: ago(4), overdueOn: ago(0), overdue: true }],
  ];
  it.each(cases)('%s', (_name, d, want) => {
    const r = run(customer(60, [{ date: ago(d), contactIds: [USER] }]));
    expect(r.intervals).toEqual([{ kind: 'formal_touch', days: 7, lastTouch: ago(d), ...want }]);
    expect(r.overdue).toBe(want.overdue);
    expect(r.nextDue).toBe(want.nextDue);
  });

  it('a whole-number limit: 14-day review overdue only after day 21', () => {
    const at21 = run(customer(200, [{ date: ago(21), contactIds: [DM] }]));
    expect(at21.intervals[0]).toMatchObject({ kind: 'business_review', overdue: false, overdueOn: ago(-1) });
    const at22 = run(customer(200, [{ date: ago(22), contactIds: [DM] }]));
    expect(at22.intervals[0].overdue).toBe(true);
  });

  it('no matching touch ever: measured from the relationship start', () => {
    const fresh = run(customer(10));
    expect(fresh.intervals[0]).toEqual({ kind: 'formal_touch', days: 7, lastTouch: null, nextDue: ago(3), overdueOn: ago(-1), overdue: false });
    const late = run(customer(11));
    expect(late.intervals[0]).toMatchObject({ lastTouch: null, overdue: true, overdueOn: ago(0) });
    expect(late.explanation[1].code).toBe('cadence.formal_touch.never_overdue');
  });

  it('a touch before the first won deal does not start the clock earlier', () => {
    const r = run(customer(5, [{ date: ago(30), contactIds: [USER] }]));
    expect(r.intervals[0]).toMatchObject({ lastTouch: ago(30), nextDue: ago(-2), overdue: false });
  });

  it('overall: the earliest next due, overdue when any interval is', () => {
    const r = run(
      customer(200, [
        { type: 'call', date: ago(2), contactIds: [USER] },
        { type: 'call', date: ago(50), contactIds: [DM] },
      ]),
    );
    expect(r.intervals.map((i) => [i.kind, i.overdue])).toEqual([
      ['business_review', false],
      ['executive_touch', true],
    ]);
    expect(r.overdue).toBe(true);
    expect(r.nextDue).toBe(ago(20)); // the executive touch, already past due
  });

  it('the overdue factor and intervals follow the settings', () => {
    const ctx = ctxAt('2026-11-23', { cadence: { overdueFactor: 2, weeklyDays: 5 } });
    const r = run(customer(30, [{ date: ago(10), contactIds: [USER] }]), 'ordinary', ctx);
    expect(r.intervals[0]).toMatchObject({ days: 5, nextDue: ago(5), overdueOn: ago(-1), overdue: false });
  });
});

describe('§7 cadence — expected touches per 90 days', () => {
  it.each([
    ['none', 0, 'ordinary', 0],
    ['new', 10, 'ordinary', 90 / 7],
    ['developing', 100, 'ordinary', 90 / 14 + 90 / 30],
    ['established', 500, 'ordinary', 90 / 91],
    ['established, strategic', 500, 'strategic', 90 / 91 + 3],
    ['new, strategic', 10, 'strategic', 90 / 7 + 3],
  ] as const)('%s', (_name, age, tier, expected) => {
    const account = age === 0 ? makeAccount() : customer(age);
    expect(run(account, tier).expectedTouchesPer90Days).toBeCloseTo(expected, 10);
  });
});

describe('§7 cadence — messages', () => {
  it('every emitted explanation is catalogued', () => {
    const refs = [
      run(makeAccount()),
      run(customer(10)),
      run(customer(11)),
      run(customer(60, [{ date: ago(2), contactIds: [USER] }])),
      run(customer(60, [{ date: ago(20), contactIds: [USER] }])),
      run(customer(200), 'strategic'),
      run(customer(500, [{ date: ago(2), contactIds: [DM] }]), 'strategic'),
    ].flatMap((r) => r.explanation);
    for (const ref of refs) expectCatalogued(ref);
    expect(new Set(refs.map((r) => r.code)).size).toBeGreaterThanOrEqual(10);
  });

  it('every template exists in both languages with the same placeholders', () => {
    const en = Object.keys(messages.en).sort();
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(en);
    const names = (t: string) => [...t.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const code of en) expect(names(messages['zh-CN'][code])).toEqual(names(messages.en[code]));
    expect(en).toContain('cadence.strategy_session.last_overdue');
  });
});
