import { evaluatePortfolio } from '../../src/domain/portfolio.js';
import { evaluationSchema } from '../../src/domain/evaluation.js';
import { SNAPSHOTS_KEPT } from '../../src/domain/evaluate.js';
import type { Account, AccountState, QuarterSnapshot } from '../../src/domain/snapshot.js';
import {
  contact,
  engagement,
  lost,
  makeAccount,
  open,
  previousState,
  settingsWith,
  won,
} from './builders.js';

const ASOF = '2026-11-23T12:00:00.000Z';
const settings = settingsWith();

function evaluateOne(
  account: Account,
  previous: AccountState | null = null,
  peers: Account[] = [],
) {
  const r = evaluatePortfolio(
    [{ account, previous }, ...peers.map((p) => ({ account: p, previous: null }))],
    settings,
    ASOF,
  );
  return r.evaluations[0];
}

const rich = () =>
  makeAccount({
    id: '101',
    deals: [
      won(5000, '2026-08-10', { productLine: 'Platform' }),
      won(3000, '2026-04-02'),
      lost('2026-02-01'),
      open('2027-01-15'),
    ],
    contacts: [
      contact({ id: 'dm', roles: ['decision_maker'], stance: 'supporter' }),
      contact({ id: 'u1', roles: ['user'] }),
    ],
    engagements: [
      engagement({ date: '2026-11-10', contactIds: ['dm'] }),
      engagement({ date: '2026-10-01', contactIds: ['u1'], type: 'call' }),
    ],
    ratings: { potential: 4, reference: 3 },
    purchaseFactors: { price: -1, brand: 1 },
  });

describe('evaluation — every part filled, in the engine order', () => {
  it('matches the Evaluation schema (every field present and typed)', () => {
    const e = evaluateOne(rich());
    expect(() => evaluationSchema.parse(e)).not.toThrow();
    expect(e).toMatchObject({
      accountId: '101',
      asOf: ASOF,
      today: '2026-11-23',
      segment: 'Manufacturing',
      ownerId: 'owner-1',
    });
  });
  it('carries the parts into the next state', () => {
    const e = evaluateOne(rich());
    expect(e.state).toMatchObject({
      evaluatedAt: ASOF,
      score: e.score.value,
      factors: {
        sales: e.score.factors.sales.value,
        potential: e.score.factors.potential.value,
        reference: e.score.factors.reference.value,
        winnability: e.score.factors.winnability.value,
      },
      rankPct: e.rank.pct,
      isKeyAccount: e.rank.isKeyAccount,
      tier: e.tier.tier,
      stage: e.lifecycle.stage,
      stageHistory: e.lifecycle.history,
      health: e.health.overall,
      decisionMakerIds: ['dm'],
      openAlerts: e.alerts.open,
    });
  });
  it('feeds purchase factors into winnability and the key flag into the team', () => {
    const e = evaluateOne(rich());
    expect(e.purchaseFactors.gaps).toEqual(['price']);
    expect(e.score.factors.winnability.explanation[2].params).toMatchObject({
      advantage: 50,
      rated: 2,
    });
    expect(e.rank.isKeyAccount).toBe(true); // alone in the portfolio: ceil(20 % × 1) = 1
    expect(e.team.gap).toBe(e.team.missing.length > 0);
  });
  it('has a summary (first evaluation)', () => {
    expect(evaluateOne(rich()).summary[0].code).toBe('summary.first');
  });
});

describe('§3 lifecycle threshold — the segment 80th percentile of trailing revenue (from the statistics)', () => {
  const wins = (amount: number) => [
    won(amount, '2025-12-10'),
    won(amount, '2026-02-10'),
    won(amount, '2026-05-10'),
    won(amount, '2026-08-10'),
  ];
  it('the top account with wins in ≥ 3 of the last 4 quarters is major; a smaller one with the same pattern is repeat', () => {
    const top = makeAccount({ id: '1', deals: wins(10_000) });
    const peers = [2, 3, 4, 5].map((i) => makeAccount({ id: String(i), deals: wins(100 * i) }));
    const r = evaluatePortfolio(
      [top, ...peers].map((account) => ({ account, previous: null })),
      settings,
      ASOF,
    );
    expect(r.evaluations[0].lifecycle.stage).toBe('major');
    expect(r.evaluations[1].lifecycle.stage).toBe('repeat');
  });
});

describe('§5 quarterly snapshot — taken when the last completed quarter has none', () => {
  const snap = (quarter: string): QuarterSnapshot => ({
    quarter,
    takenOn: '2026-07-02',
    score: 40,
    health: 60,
    business: 60,
    relationship: 60,
    ecosystem: 60,
    revenue: 0,
    stage: 'customer',
    tier: 'ordinary',
    isKeyAccount: false,
  });
  it('first evaluation: a snapshot of 2026Q3 with that quarter’s revenue', () => {
    const e = evaluateOne(rich());
    expect(e.quarterSnapshot).toMatchObject({
      quarter: '2026Q3',
      takenOn: '2026-11-23',
      revenue: 5000,
      score: e.score.value,
      health: e.health.overall,
    });
    expect(e.state.quarterSnapshots).toEqual([e.quarterSnapshot]);
  });
  it('none when the quarter already has one; the history is carried', () => {
    const prev = previousState({ quarterSnapshots: [snap('2026Q2'), snap('2026Q3')] });
    const e = evaluateOne(rich(), prev);
    expect(e.quarterSnapshot).toBeNull();
    expect(e.state.quarterSnapshots).toEqual(prev.quarterSnapshots);
  });
  it('appends to older ones and keeps the last 12', () => {
    const older = Array.from({ length: SNAPSHOTS_KEPT }, (_, i) =>
      snap(`${2023 + Math.floor(i / 4)}Q${(i % 4) + 1}`),
    );
    const e = evaluateOne(rich(), previousState({ quarterSnapshots: older }));
    expect(e.state.quarterSnapshots).toHaveLength(SNAPSHOTS_KEPT);
    expect(e.state.quarterSnapshots.at(-1)?.quarter).toBe('2026Q3');
    expect(e.state.quarterSnapshots[0].quarter).toBe('2023Q2');
  });
});

describe('previous state — changes are reported against it', () => {
  it('score changes, rank change and summary use the previous state', () => {
    const prev = previousState({
      score: 10,
      isKeyAccount: false,
      factors: { sales: 0, potential: 0, reference: 0, winnability: 0 },
    });
    const e = evaluateOne(rich(), prev);
    expect(e.score.previous).toBe(10);
    expect(e.score.changes.length).toBeGreaterThan(0);
    expect(e.rank.change).toBe('entered');
    expect(e.summary.map((s) => s.code)).toContain('summary.key.entered');
  });
});
