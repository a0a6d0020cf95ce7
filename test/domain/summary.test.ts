import {
  buildSummary,
  summaryText,
  truncate,
  type SummaryInput,
} from '../../src/domain/summary.js';
import type { FactorResult, ScoreResult } from '../../src/domain/evaluation.js';
import type { AccountState } from '../../src/domain/snapshot.js';
import { factorNames, type FactorName } from '../../src/domain/settings.js';
import { previousState } from './builders.js';
import {
  cadenceOf,
  committeeOf,
  healthOf,
  lifecycleOf,
  rankOf,
  ASOF,
  TODAY,
} from './alert-fixtures.js';

const weights: Record<FactorName, number> = {
  sales: 0.4,
  potential: 0.3,
  reference: 0.15,
  winnability: 0.15,
};

function scoreOf(values: Partial<Record<FactorName, number>> = {}): ScoreResult {
  const factors = {} as Record<FactorName, FactorResult>;
  let total = 0;
  for (const name of factorNames) {
    const value = values[name] ?? 50;
    total += weights[name] * value;
    factors[name] = {
      name,
      value,
      weight: weights[name],
      contribution: weights[name] * value,
      basis: 'computed',
      explanation: [],
    };
  }
  return {
    value: Math.round(total * 10) / 10,
    factors,
    trailingRevenue: 0,
    previous: null,
    changes: [],
    explanation: [],
  };
}

function evaluationOf(o: Partial<SummaryInput> = {}): SummaryInput {
  return {
    accountId: 'acc',
    asOf: ASOF,
    today: TODAY,
    segment: null,
    ownerId: null,
    score: scoreOf(),
    rank: rankOf(),
    tier: {
      tier: 'ordinary',
      contribution: 50,
      importance: 50,
      contributionHigh: true,
      importanceHigh: true,
      previous: null,
      explanation: [],
    },
    lifecycle: lifecycleOf({ stage: 'stranger' }),
    committee: committeeOf(),
    health: healthOf(),
    alerts: { level: 'none', open: [], opened: [], closed: [], skipped: [] },
    cadence: cadenceOf(),
    purchaseFactors: { ratings: [], rated: 0, advantage: null, gaps: [] },
    team: { phase: 'winning', members: [], required: [], missing: [], gap: false },
    quarterSnapshot: null,
    ...o,
  };
}

const prev = (o: Partial<AccountState> = {}) =>
  previousState({ score: 50, health: 50, tier: 'ordinary', stage: 'stranger', ...o });
const codesOf = (ev: SummaryInput, p: AccountState | null) =>
  buildSummary(ev, p).map((r) => r.code);

describe('summary — why it changed since last time', () => {
  it('first evaluation: one "first evaluation" line with the headline numbers', () => {
    const ev = evaluationOf({
      rank: rankOf({ isKeyAccount: true }),
      tier: { ...evaluationOf().tier, tier: 'strategic' },
    });
    expect(buildSummary(ev, null)).toEqual([
      {
        code: 'summary.first',
        params: {
          score: 50,
          key: 'key',
          tier: 'strategic',
          stage: 'stranger',
          health: 50,
          band: 'watch',
        },
      },
    ]);
  });
  it('nothing moved: says so', () => {
    expect(buildSummary(evaluationOf(), prev())).toEqual([
      { code: 'summary.unchanged', params: { score: 50 } },
    ]);
  });
  it('score moved: from → to and the factor that moved it most (by weighted contribution)', () => {
    const ev = evaluationOf({ score: scoreOf({ sales: 80, potential: 90 }) }); // sales +12 pts, potential +12 pts → tie: spec order
    expect(buildSummary(ev, prev())[0]).toEqual({
      code: 'summary.score.changed',
      params: { from: 50, to: 74, factor: 'sales', factorFrom: 50, factorTo: 80 },
    });
    const ev2 = evaluationOf({ score: scoreOf({ sales: 55, winnability: 10 }) });
    expect(buildSummary(ev2, prev({ score: 50 }))[0].params.factor).toBe('winnability');
  });
  it('score moved without any factor moving (weights changed): plain line', () => {
    expect(buildSummary(evaluationOf(), prev({ score: 48 }))).toEqual([
      { code: 'summary.score.changed_plain', params: { from: 48, to: 50 } },
    ]);
  });
  it.each([
    ['entered', true, false, [], 'summary.key.entered'],
    ['left', false, true, [], 'summary.key.left'],
    [
      'left, disqualified',
      false,
      true,
      [{ code: 'rank.disqualified.late_payer', params: {} }],
      'summary.key.disqualified',
    ],
  ] as const)('key status %s', (_n, isKeyAccount, wasKey, disqualifiers, code) => {
    expect(
      codesOf(
        evaluationOf({ rank: rankOf({ isKeyAccount, disqualifiers: [...disqualifiers] }) }),
        prev({ isKeyAccount: wasKey }),
      ),
    ).toEqual([code]);
  });
  it('tier and stage changes', () => {
    const ev = evaluationOf({
      tier: { ...evaluationOf().tier, tier: 'profit' },
      lifecycle: lifecycleOf({ stage: 'customer' }),
    });
    expect(buildSummary(ev, prev())).toEqual([
      { code: 'summary.tier.changed', params: { from: 'ordinary', to: 'profit' } },
      { code: 'summary.stage.changed', params: { from: 'stranger', to: 'customer' } },
    ]);
  });
  it.each([
    [50.9, false],
    [51, true],
    [38.5, true],
  ])('health %p against 50 mentioned: %p', (overall, mentioned) => {
    expect(
      codesOf(evaluationOf({ health: healthOf({ overall }) }), prev()).includes(
        'summary.health.changed',
      ),
    ).toBe(mentioned);
  });
  it('alerts opened and closed, after the other changes', () => {
    const ev = evaluationOf({
      score: scoreOf({ sales: 60 }),
      alerts: {
        level: 'red',
        open: [
          {
            code: 'budget_frozen',
            level: 'red',
            params: {},
            evidence: { contactIds: [], dealIds: [], facts: {} },
            openedAt: ASOF,
            root: 'budget_frozen',
          },
        ],
        opened: ['budget_frozen'],
        closed: [
          {
            code: 'satisfaction_low',
            level: 'yellow',
            openedAt: ASOF,
            closedAt: ASOF,
            reason: { code: 'alerts.closed.satisfaction_low', params: {} },
          },
        ],
        skipped: [],
      },
    });
    expect(buildSummary(ev, prev()).slice(1)).toEqual([
      { code: 'summary.alert.opened', params: { alert: 'budget_frozen', level: 'red' } },
      { code: 'summary.alert.closed', params: { alert: 'satisfaction_low' } },
    ]);
  });
});

describe('summary — rendered for kam_score_explanation', () => {
  const ev = evaluationOf({
    score: scoreOf({ sales: 80 }),
    lifecycle: lifecycleOf({ stage: 'repeat' }),
  });
  const refs = buildSummary(ev, prev({ stage: 'customer' }));
  it('English', () => {
    expect(summaryText(refs, 'en')).toBe(
      'Score 50.0 → 62.0, moved most by sales (50.0 → 80.0). Lifecycle stage Customer → Repeat.',
    );
  });
  it('Simplified Chinese', () => {
    expect(summaryText(refs, 'zh-CN')).toBe(
      '得分 50.0 → 62.0，主要受销售额影响（50.0 → 80.0）。生命周期阶段：客户 → 小型交易。',
    );
  });
  it('first evaluation in both languages', () => {
    const first = buildSummary(evaluationOf({ rank: rankOf({ isKeyAccount: true }) }), null);
    expect(summaryText(first, 'en')).toBe(
      'First evaluation: score 50.0, key account, Ordinary tier, stage Stranger, health 50.0 (watch).',
    );
    expect(summaryText(first, 'zh-CN')).toBe(
      '首次评估：得分 50.0，大客户，普通级客户，阶段为“陌生”，健康度 50.0（需关注）。',
    );
  });
  it('stays well under HubSpot’s 65,536-character limit however many lines there are', () => {
    const many = Array.from({ length: 5000 }, () => refs[0]);
    const text = summaryText(many, 'en');
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['longer than ten', 10, 'longer th…'],
    ['abc', 0, ''],
  ])('%p to %p', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });
  it('never splits a surrogate pair', () => {
    const text = 'ab😀cd'; // 😀 is two UTF-16 units at index 2–3
    const cut = truncate(text, 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });
});
