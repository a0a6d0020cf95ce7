import { bandOf, evaluateHealth } from '../../src/domain/health.js';
import { changeToScore } from '../../src/domain/health-business.js';
import { evaluateCommittee } from '../../src/domain/committee.js';
import { evaluateCadence } from '../../src/domain/cadence.js';
import { computeFacts } from '../../src/domain/facts.js';
import { dayNumber, fromDayNumber } from '../../src/domain/dates.js';
import type { EvalContext } from '../../src/domain/context.js';
import type { HealthResult } from '../../src/domain/evaluation.js';
import type { Account, AccountState, Contact, Deal, MessageRef, QuarterSnapshot, Tier } from '../../src/domain/snapshot.js';
import { messages } from '../../src/domain/messages/health.js';
import { contact, ctxAt, engagement, makeAccount, previousState, won } from './builders.js';

// Today 2026-11-23. Last 4 completed quarters: 2025Q4 … 2026Q3. Trailing 12 months:
// after 2025-11-23; the 12 before: after 2024-11-23. Frequency windows: after
// 2026-05-27 (recent) and after 2025-11-28 up to 2026-05-27 (earlier).
const TODAY = dayNumber('2026-11-23');
const ago = (n: number) => fromDayNumber(TODAY - n);
const OLD = '2023-03-01';

function run(account: Account, opts: { tier?: Tier; previous?: AccountState | null; ctx?: EvalContext } = {}): HealthResult {
  const ctx = opts.ctx ?? ctxAt();
  const facts = computeFacts(account, ctx);
  const committee = evaluateCommittee(account, facts, ctx);
  const cadence = evaluateCadence(account, facts, ctx, committee, { tier: opts.tier ?? 'ordinary' });
  return evaluateHealth(account, facts, ctx, committee, cadence, opts.previous ?? null);
}

const withDeals = (deals: Deal[]) => run(makeAccount({ deals }));

function expectCatalogued(ref: MessageRef) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const template = messages[locale][ref.code];
    expect(template).toBeDefined();
    for (const m of template.matchAll(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g)) expect(ref.params).toHaveProperty(m[1]);
  }
}

function snapshot(quarter: string, health: number): QuarterSnapshot {
  return {
    quarter,
    takenOn: '2026-10-02',
    score: 50,
    health,
    business: 50,
    relationship: 50,
    ecosystem: 50,
    revenue: 0,
    stage: 'customer',
    tier: 'ordinary',
    isKeyAccount: false,
  };
}

describe('§5 health — business: stability (CV of the last 4 completed quarters)', () => {
  const q = (a: number, b: number, c: number, d: number) => [
    won(a, '2025-12-15'),
    won(b, '2026-02-15'),
    won(c, '2026-05-15'),
    won(d, '2026-08-15'),
  ];
  const cases: [string, Deal[], number, string, string][] = [
    ['no won deal → 50 estimated', [], 50, 'estimated', 'health.stability.no_history'],
    ['equal quarters → 100', q(100, 100, 100, 100), 100, 'computed', 'health.stability.computed'],
    ['CV ⅓ → 66.7', q(100, 200, 100, 200), 66.7, 'computed', 'health.stability.computed'],
    ['CV ≥ 1 → 0', [won(1, OLD), ...q(400, 0, 0, 0)], 0, 'computed', 'health.stability.computed'],
    ['only an old purchase → no revenue, 0', [won(100, OLD)], 0, 'computed', 'health.stability.no_revenue'],
    ['first purchase in the last completed quarter → too new, 50', [won(100, '2026-08-15')], 50, 'estimated', 'health.stability.too_new'],
    ['first purchase this quarter → too new, 50', [won(100, '2026-10-10')], 50, 'estimated', 'health.stability.too_new'],
    ['2 quarters since the first purchase are enough', [won(100, '2026-05-15'), won(100, '2026-08-15')], 100, 'computed', 'health.stability.computed'],
    ['quarters before the first purchase are not zeros', [won(100, '2026-05-15'), won(300, '2026-08-15')], 50, 'computed', 'health.stability.computed'],
    ['a current-quarter deal does not count', [...q(100, 100, 100, 100), won(900, '2026-11-01')], 100, 'computed', 'health.stability.computed'],
  ];
  it.each(cases)('%s', (_name, deals, value, basis, code) => {
    const p = withDeals(deals).parts.stability;
    expect(p.value).toBe(value);
    expect(p.basis).toBe(basis);
    expect(p.explanation.code).toBe(code);
    expectCatalogued(p.explanation);
  });

  it('carries its inputs', () => {
    expect(withDeals(q(100, 200, 100, 200)).parts.stability.explanation.params).toEqual({ quarters: 4, mean: 150, cvPct: 33.3 });
  });

  it('stabilityQuarters = 8 looks further back', () => {
    const deals = [won(1, OLD), won(100, '2026-02-15'), won(100, '2026-05-15'), won(100, '2026-08-15')];
    expect(withDeals(deals).parts.stability.value).toBe(42.3); // 4 quarters: 0,100,100,100 → CV 0.577
    const eight = run(makeAccount({ deals }), { ctx: ctxAt('2026-11-23', { health: { stabilityQuarters: 8 } }) });
    expect(eight.parts.stability.value).toBe(0); // 0×5, 100×3 → CV 1.29
  });
});

describe('§5 health — business: growth (trailing 12 months vs the 12 before)', () => {
  const g = (prior: number, trailing: number) => [won(prior, '2025-06-01'), won(trailing, '2026-06-01')];
  const cases: [string, Deal[], number, string, string][] = [
    ['+50 % → 100', g(100, 150), 100, 'computed', 'health.growth.computed'],
    ['+20 % → 70', g(100, 120), 70, 'computed', 'health.growth.computed'],
    ['0 % → 50', g(100, 100), 50, 'computed', 'health.growth.computed'],
    ['−25 % → 25', g(100, 75), 25, 'computed', 'health.growth.computed'],
    ['−50 % → 0', g(100, 50), 0, 'computed', 'health.growth.computed'],
    ['+200 % is clamped to 100', g(100, 300), 100, 'computed', 'health.growth.computed'],
    ['−100 % is clamped to 0', [won(100, '2025-06-01')], 0, 'computed', 'health.growth.computed'],
    ['no won deal → 50 estimated', [], 50, 'estimated', 'health.growth.no_history'],
    ['new customer: nothing before to compare with → 50 estimated', [won(100, '2026-06-01')], 50, 'estimated', 'health.growth.new_customer'],
    ['revenue resumed after an empty year → 100', [won(100, OLD), won(100, '2026-06-01')], 100, 'computed', 'health.growth.resumed'],
    ['no revenue in either year → 50 estimated', [won(100, OLD)], 50, 'estimated', 'health.growth.no_revenue'],
  ];
  it.each(cases)('%s', (_name, deals, value, basis, code) => {
    const p = withDeals(deals).parts.growth;
    expect(p).toMatchObject({ value, basis });
    expect(p.explanation.code).toBe(code);
    expectCatalogued(p.explanation);
  });

  it('carries its inputs', () => {
    expect(withDeals(g(100, 120)).parts.growth.explanation.params).toEqual({ trailing: 120, prior: 100, changePct: 20, months: 12 });
  });

  it('the span follows settings.health.growthSpanPct', () => {
    const r = run(makeAccount({ deals: g(100, 120) }), { ctx: ctxAt('2026-11-23', { health: { growthSpanPct: 100 } }) });
    expect(r.parts.growth.value).toBe(60);
  });

  it('maps change to score', () => {
    expect([-80, -50, -10, 0, 10, 50, 80].map((c) => changeToScore(c, 50))).toEqual([0, 0, 40, 50, 60, 100, 100]);
  });
});

describe('§5 health — business: frequency (won deals, last 180 days vs the 180 before)', () => {
  const f = (earlier: number[], recent: number[], extra: Deal[] = []) => [
    ...extra,
    ...earlier.map((d) => won(10, ago(d))),
    ...recent.map((d) => won(10, ago(d))),
  ];
  const cases: [string, Deal[], number, string, string][] = [
    ['2 vs 2 → 50', f([200, 300], [10, 100]), 50, 'computed', 'health.frequency.computed'],
    ['3 vs 2 → 100', f([200, 300], [10, 100, 150]), 100, 'computed', 'health.frequency.computed'],
    ['1 vs 2 → 0', f([200, 300], [10]), 0, 'computed', 'health.frequency.computed'],
    ['0 vs 2 → 0', f([200, 300], []), 0, 'computed', 'health.frequency.computed'],
    ['3 vs 4 → 25', f([200, 250, 300, 350], [10, 20, 30]), 25, 'computed', 'health.frequency.computed'],
    ['day 179 is recent, day 180 earlier', f([180], [179]), 50, 'computed', 'health.frequency.computed'],
    ['day 359 is earlier, day 360 outside', f([359, 360], [10]), 50, 'computed', 'health.frequency.computed'],
    ['new customer → 50 estimated', f([], [10]), 50, 'estimated', 'health.frequency.new_customer'],
    ['purchases resumed → 100', f([], [10], [won(1, OLD)]), 100, 'computed', 'health.frequency.resumed'],
    ['none in either window → 50 estimated', [won(1, OLD)], 50, 'estimated', 'health.frequency.none'],
    ['no won deal → 50 estimated', [], 50, 'estimated', 'health.frequency.no_history'],
  ];
  it.each(cases)('%s', (_name, deals, value, basis, code) => {
    const p = withDeals(deals).parts.frequency;
    expect(p).toMatchObject({ value, basis });
    expect(p.explanation.code).toBe(code);
    expectCatalogued(p.explanation);
  });

  it('no revenue history at all: business 50 (estimated)', () => {
    const r = withDeals([]);
    expect(r.business).toBe(50);
    expect([r.parts.stability.basis, r.parts.growth.basis, r.parts.frequency.basis]).toEqual(['estimated', 'estimated', 'estimated']);
  });
});

describe('§5 health — relationship: interaction against the cadence', () => {
  const DM = contact({ id: 'dm', roles: ['decision_maker'] });
  const U = contact({ id: 'u', roles: ['user'] });
  const X = contact({ id: 'x' });
  // Phase "new" (first won 10 days ago): a weekly formal touch → 90/7 ≈ 12.86 touches expected in 90 days.
  const newCustomer = (touchDays: number[], ids: string[] = ['u']) =>
    makeAccount({
      deals: [won(100, ago(10))],
      contacts: [DM, U, X],
      engagements: touchDays.map((d) => engagement({ date: ago(d), contactIds: ids })),
    });
  const cases: [string, Account, number, string][] = [
    ['no won deal → no cadence → 50 estimated', makeAccount({ contacts: [U], engagements: [engagement({ date: ago(1), contactIds: ['u'] })] }), 50, 'estimated'],
    ['6 touches of 12.86 → 46.7', newCustomer([1, 2, 3, 4, 5, 6]), 46.7, 'computed'],
    ['13 touches → capped at 100', newCustomer([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]), 100, 'computed'],
    ['no touch → 0', newCustomer([]), 0, 'computed'],
    ['a touch 90 days ago is outside the window', newCustomer([90]), 0, 'computed'],
    ['a touch with a non-member does not count', newCustomer([1, 2], ['x']), 0, 'computed'],
    ['one engagement with two members is one touch', newCustomer([1], ['u', 'dm']), 7.8, 'computed'],
  ];
  it.each(cases)('%s', (_name, account, value, basis) => {
    const p = run(account).parts.interaction;
    expect(p).toMatchObject({ value, basis });
    expectCatalogued(p.explanation);
  });

  it('carries its inputs', () => {
    expect(run(newCustomer([1, 2, 3])).parts.interaction.explanation).toEqual({
      code: 'health.interaction.computed',
      params: { touches: 3, expected: 12.9, days: 90 },
    });
  });

  it('a shorter window expects proportionally fewer touches', () => {
    // 30 days: 12.86 × 30/90 = 4.29 expected; touches on days 1, 2 (day 40 is outside).
    const r = run(newCustomer([1, 2, 40]), { ctx: ctxAt('2026-11-23', { health: { interactionWindowDays: 30 } }) });
    expect(r.parts.interaction.value).toBe(46.7);
  });
});

describe('§5 health — relationship: satisfaction', () => {
  it.each([
    [null, 50, 'not_rated', 'health.satisfaction.not_rated'],
    [80, 80, 'rating', 'health.satisfaction.survey'],
    [0, 0, 'rating', 'health.satisfaction.survey'],
  ] as const)('satisfaction %s → %s', (satisfaction, value, basis, code) => {
    const p = run(makeAccount({ satisfaction })).parts.satisfaction;
    expect(p).toMatchObject({ value, basis });
    expect(p.explanation.code).toBe(code);
    expectCatalogued(p.explanation);
  });
});

describe('§5 health — relationship: committee coverage', () => {
  /** Contacts with their roles; touched = engaged in the last 90 days. */
  const committee = (people: [Partial<Contact>, boolean][]) => {
    const contacts = people.map(([c]) => contact(c));
    const engagements = people.flatMap(([, t], i) => (t ? [engagement({ date: ago(5), contactIds: [contacts[i].id] })] : []));
    return makeAccount({ contacts, engagements });
  };
  const all5: Contact['roles'] = ['gatekeeper', 'buyer', 'user', 'decision_maker', 'influencer'];
  const cases: [string, Account, number, string][] = [
    ['no contacts → 0', makeAccount(), 0, 'health.coverage.no_contacts'],
    ['contacts without roles → 0', committee([[{}, true], [{}, true]]), 0, 'health.coverage.no_roles'],
    ['all five roles, two people engaged → 100', committee([[{ roles: all5 }, true], [{ roles: ['user'] }, true]]), 100, 'health.coverage.computed'],
    ['all five roles, nobody engaged → 100 (not single-threaded)', committee([[{ roles: all5 }, false], [{ roles: ['user'] }, false]]), 100, 'health.coverage.computed'],
    ['all five roles on one engaged person → capped at 40', committee([[{ roles: all5 }, true]]), 40, 'health.coverage.single_threaded'],
    ['decision maker only → 40', committee([[{ roles: ['decision_maker'] }, false]]), 40, 'health.coverage.computed'],
    ['influencer + user + buyer + gatekeeper → 60', committee([[{ roles: ['influencer', 'user'] }, true], [{ roles: ['buyer', 'gatekeeper'] }, true]]), 60, 'health.coverage.computed'],
    ['opposing DM + influencer → 40', committee([[{ roles: ['decision_maker'], stance: 'opponent' }, true], [{ roles: ['influencer'] }, true]]), 40, 'health.coverage.opposing'],
    ['opposing DM alone → 20', committee([[{ roles: ['decision_maker'], stance: 'opponent' }, false]]), 20, 'health.coverage.opposing'],
    ['opposing DM, all roles, single-threaded → 80 capped at 40', committee([[{ roles: all5, stance: 'opponent' }, true]]), 40, 'health.coverage.single_threaded'],
  ];
  it.each(cases)('%s', (_name, account, value, code) => {
    const p = run(account).parts.coverage;
    expect(p).toMatchObject({ value, basis: 'computed' });
    expect(p.explanation.code).toBe(code);
    expectCatalogued(p.explanation);
  });

  it('never below 0', () => {
    const ctx = ctxAt('2026-11-23', { health: { coverage: { opposingDecisionMakerPenalty: 60 } } });
    const r = run(committee([[{ roles: ['decision_maker'], stance: 'opponent' }, false]]), { ctx });
    expect(r.parts.coverage.value).toBe(0);
  });
});

describe('§5 health — ecosystem', () => {
  const cases: [string, Deal[], number, string, string][] = [
    ['nothing bought → 0', [], 0, 'computed', 'health.breadth.none'],
    ['bought long ago only → 0', [won(1, OLD, { productLine: 'A' })], 0, 'computed', 'health.breadth.none'],
    ['recent purchases without a product line → 50 estimated', [won(1, '2026-03-01')], 50, 'estimated', 'health.breadth.not_recorded'],
    ['2 lines, 1 a year ago → widened: 70', [won(1, '2026-03-01', { productLine: 'A' }), won(1, '2025-06-01', { productLine: 'B' })], 70, 'computed', 'health.breadth.widened'],
    ['2 lines, 2 a year ago → 50', [won(1, '2025-01-01', { productLine: 'A' }), won(1, '2025-06-01', { productLine: 'B' }), won(1, '2026-03-01', { productLine: 'A' })], 50, 'computed', 'health.breadth.computed'],
    ['4 new lines → 100 + 20 capped at 100', ['A', 'B', 'C', 'D'].map((l) => won(1, '2026-03-01', { productLine: l })), 100, 'computed', 'health.breadth.widened'],
    ['the same line twice counts once', [won(1, '2026-03-01', { productLine: 'A' }), won(1, '2026-04-01', { productLine: 'A' })], 45, 'computed', 'health.breadth.widened'],
  ];
  it.each(cases)('breadth: %s', (_name, deals, value, basis, code) => {
    const p = withDeals(deals).parts.breadth;
    expect(p).toMatchObject({ value, basis });
    expect(p.explanation.code).toBe(code);
    expectCatalogued(p.explanation);
  });

  it.each([
    [null, 50, 'not_rated'],
    [1, 0, 'rating'],
    [4, 75, 'rating'],
    [5, 100, 'rating'],
  ] as const)('joint work rating %s → %s', (jointWork, value, basis) => {
    const p = run(makeAccount({ ratings: { jointWork } })).parts.jointWork;
    expect(p).toMatchObject({ value, basis });
    expectCatalogued(p.explanation);
  });

  it('ecosystem = 0.6 × breadth + 0.4 × joint work', () => {
    const r = run(
      makeAccount({
        deals: [won(1, '2026-03-01', { productLine: 'A' }), won(1, '2025-06-01', { productLine: 'B' })],
        ratings: { jointWork: 4 },
      }),
    );
    expect(r.ecosystem).toBe(72); // 0.6 × 70 + 0.4 × 75
  });
});

describe('§5 health — overall and bands', () => {
  it('a prospect with nothing known', () => {
    const r = run(makeAccount());
    // business 50; relationship (50 + 50 + 0) / 3 = 33.3; ecosystem 0.4 × 50 = 20.
    expect(r).toMatchObject({ business: 50, relationship: 33.3, ecosystem: 20, overall: 37.3, band: 'at_risk' });
  });

  it('a worked example', () => {
    const quarterly = (year: number, line = 'A') =>
      [`${year - 1}-12-15`, `${year}-02-15`, `${year}-05-15`, `${year}-08-15`].map((d) => won(100, d, { productLine: line }));
    const account = makeAccount({
      deals: [...quarterly(2025), ...quarterly(2026).slice(0, 3), won(100, '2026-08-15', { productLine: 'B' })],
      contacts: [contact({ id: 'dm', roles: ['decision_maker'] }), contact({ id: 'u', roles: ['user'] })],
      engagements: [
        engagement({ type: 'meeting', date: ago(20), contactIds: ['dm'] }),
        engagement({ type: 'call', date: ago(5), contactIds: ['u'] }),
      ],
      satisfaction: 80,
      ratings: { jointWork: 5 },
    });
    const r = run(account);
    // stability 100 (4 × 100), growth 50 (400 vs 400), frequency 0 (1 vs 3) → business 50.
    expect([r.parts.stability.value, r.parts.growth.value, r.parts.frequency.value, r.business]).toEqual([100, 50, 0, 50]);
    // interaction 100 (2 touches vs 0.99 expected), satisfaction 80, coverage 60 (DM + user) → 80.
    expect([r.parts.interaction.value, r.parts.satisfaction.value, r.parts.coverage.value, r.relationship]).toEqual([100, 80, 60, 80]);
    // breadth 70 (A, B; widened from A), joint work 100 → 82.
    expect([r.parts.breadth.value, r.parts.jointWork.value, r.ecosystem]).toEqual([70, 100, 82]);
    // 0.4 × 50 + 0.4 × 80 + 0.2 × 82 = 68.4
    expect(r).toMatchObject({ overall: 68.4, band: 'watch', previous: null, change: null, lastQuarter: null });
    for (const p of Object.values(r.parts)) expectCatalogued(p.explanation);
  });

  it.each([
    [100, 'healthy'],
    [70, 'healthy'],
    [69.9, 'watch'],
    [40, 'watch'],
    [39.9, 'at_risk'],
    [0, 'at_risk'],
  ] as const)('%s → %s', (value, band) => {
    expect(bandOf(value, { healthy: 70, watch: 40 })).toBe(band);
  });

  it('bands follow the settings', () => {
    const r = run(makeAccount(), { ctx: ctxAt('2026-11-23', { health: { bands: { healthy: 80, watch: 30 } } }) });
    expect(r.band).toBe('watch');
  });

  it('weights follow the settings', () => {
    const ctx = ctxAt('2026-11-23', { health: { weights: { business: 1, relationship: 0, ecosystem: 0 } } });
    expect(run(makeAccount(), { ctx }).overall).toBe(50);
  });

  it('every value has one decimal at most', () => {
    const r = run(makeAccount({ deals: [won(100, '2025-12-15'), won(200, '2026-02-15'), won(100, '2026-05-15'), won(200, '2026-08-15')] }));
    for (const v of [r.overall, r.business, r.relationship, r.ecosystem, ...Object.values(r.parts).map((p) => p.value)]) {
      expect(Math.round(v * 10) / 10).toBe(v);
    }
  });
});

describe('§5 health — change against the previous state and the last quarterly snapshot', () => {
  it('no previous state → no change', () => {
    expect(run(makeAccount())).toMatchObject({ previous: null, change: null, lastQuarter: null });
  });

  it('change against the previous evaluation', () => {
    const r = run(makeAccount(), { previous: previousState({ health: 50 }) });
    expect(r).toMatchObject({ previous: 50, change: -12.7, lastQuarter: null });
  });

  it('the last quarterly snapshot, whatever the order they are stored in', () => {
    const previous = previousState({ health: 40, quarterSnapshots: [snapshot('2026Q3', 60), snapshot('2025Q4', 90), snapshot('2026Q2', 45)] });
    expect(run(makeAccount(), { previous }).lastQuarter).toEqual({ quarter: '2026Q3', health: 60, change: -22.7 });
  });
});

describe('§5 health — messages', () => {
  it('every template exists in both languages with the same placeholders', () => {
    const en = Object.keys(messages.en).sort();
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(en);
    const names = (t: string) => [...t.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const code of en) expect(names(messages['zh-CN'][code])).toEqual(names(messages.en[code]));
  });
});
