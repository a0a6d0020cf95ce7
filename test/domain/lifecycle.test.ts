import { evaluateLifecycle, stageOrder } from '../../src/domain/lifecycle.js';
import { computeFacts } from '../../src/domain/facts.js';
import type { EvalContext } from '../../src/domain/context.js';
import type { Account, AccountState, MessageRef } from '../../src/domain/snapshot.js';
import { messages } from '../../src/domain/messages/lifecycle.js';
import type { CatalogPart } from '../../src/domain/messages/types.js';
import { contact, ctxAt, engagement, lost, makeAccount, open, previousState, won } from './builders.js';

// Today is 2026-11-23: the last 4 completed quarters are 2025Q4 … 2026Q3, and the
// trailing 12 months start after 2025-11-23.
const Q4_25 = '2025-12-15';
const Q1 = '2026-02-15';
const Q2 = '2026-05-15';
const Q3 = '2026-08-15';

function run(account: Account, opts: { previous?: AccountState | null; threshold?: number | null; ctx?: EvalContext } = {}) {
  const ctx = opts.ctx ?? ctxAt();
  const threshold = opts.threshold === undefined ? 1000 : opts.threshold;
  return evaluateLifecycle(account, computeFacts(account, ctx), ctx, opts.previous ?? null, threshold);
}

function expectCatalogued(ref: MessageRef, part: CatalogPart = messages) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const template = part[locale][ref.code];
    expect(template).toBeDefined();
    for (const m of template.matchAll(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g)) expect(ref.params).toHaveProperty(m[1]);
  }
}

describe('§3 lifecycle — stage rules (§11)', () => {
  const cases: [string, Partial<Account>, string, string][] = [
    ['nothing at all → stranger', {}, 'stranger', 'lifecycle.rule.stranger'],
    ['engagement 179 days ago → user', { engagements: [engagement({ date: '2026-05-28' })] }, 'user', 'lifecycle.rule.user_engaged'],
    ['engagement exactly 180 days ago → stranger', { engagements: [engagement({ date: '2026-05-27' })] }, 'stranger', 'lifecycle.rule.stranger'],
    ['a future meeting is not an engagement yet', { engagements: [engagement({ date: '2026-12-01' })] }, 'stranger', 'lifecycle.rule.stranger'],
    ['open deal → user', { deals: [open('2027-01-10')] }, 'user', 'lifecycle.rule.user_open_deal'],
    ['only lost deals → stranger', { deals: [lost('2026-03-01')] }, 'stranger', 'lifecycle.rule.stranger'],
    ['product trial → user', { productUsage: 'trial' }, 'user', 'lifecycle.rule.user_trial'],
    ['active product use → user', { productUsage: 'active' }, 'user', 'lifecycle.rule.user_active'],
    ['product usage none → stranger', { productUsage: 'none' }, 'stranger', 'lifecycle.rule.stranger'],
    ['one old won deal → customer', { deals: [won(500, '2023-03-01')] }, 'customer', 'lifecycle.rule.customer'],
    ['won beats open deal and engagement', { deals: [won(500, '2023-03-01'), open()], engagements: [engagement()] }, 'customer', 'lifecycle.rule.customer'],
    ['won in 1 of the last 4 quarters → customer', { deals: [won(500, '2025-08-01'), won(500, Q1)] }, 'customer', 'lifecycle.rule.customer'],
    ['two deals in one quarter count once → customer', { deals: [won(500, Q1), won(500, '2026-03-01')] }, 'customer', 'lifecycle.rule.customer'],
    ['current quarter is not completed → customer', { deals: [won(500, '2026-10-05'), won(500, Q3)] }, 'customer', 'lifecycle.rule.customer'],
    ['won in 2 of the last 4 quarters → repeat', { deals: [won(500, Q4_25), won(500, Q2)] }, 'repeat', 'lifecycle.rule.repeat'],
    ['3 quarters, revenue ≥ threshold → major', { deals: [won(400, Q1), won(300, Q2), won(300, Q3)] }, 'major', 'lifecycle.rule.major'],
    ['3 quarters, revenue below threshold → repeat', { deals: [won(400, Q1), won(300, Q2), won(299, Q3)] }, 'repeat', 'lifecycle.rule.repeat_below_threshold'],
    ['4 quarters, revenue above threshold → major', { deals: [won(100, Q4_25), won(400, Q1), won(300, Q2), won(300, Q3)] }, 'major', 'lifecycle.rule.major'],
  ];
  it.each(cases)('%s', (_name, overrides, stage, code) => {
    const r = run(makeAccount(overrides));
    expect(r.computedStage).toBe(stage);
    expect(r.stage).toBe(stage);
    expect(r.rule.code).toBe(code);
    expectCatalogued(r.rule);
    expectCatalogued(r.nextControlPoint);
  });

  it('without a segment threshold an account cannot be major, and says so', () => {
    const r = run(makeAccount({ deals: [won(400, Q1), won(300, Q2), won(300, Q3)] }), { threshold: null });
    expect(r.computedStage).toBe('repeat');
    expect(r.rule).toEqual({
      code: 'lifecycle.rule.repeat_no_threshold',
      params: { wonQuarters: 3, window: 4, revenue: 1000, months: 12 },
    });
  });

  it('the major rule carries its numbers', () => {
    const r = run(makeAccount({ deals: [won(400, Q1), won(300, Q2), won(300, Q3)] }), { threshold: 800 });
    expect(r.rule.params).toEqual({ wonQuarters: 3, window: 4, revenue: 1000, months: 12, threshold: 800, percentile: 80 });
    expect(r.wonQuartersInWindow).toBe(3);
  });

  it('a threshold of 0 still needs the won quarters', () => {
    const r = run(makeAccount({ deals: [won(400, Q1), won(300, Q2)] }), { threshold: 0 });
    expect(r.computedStage).toBe('repeat');
  });

  it('quarter counts follow the settings', () => {
    const account = makeAccount({ deals: [won(500, Q4_25), won(500, Q2)] });
    expect(run(account, { ctx: ctxAt('2026-11-23', { lifecycle: { repeatMinQuarters: 3 } }) }).computedStage).toBe('customer');
    // A 2-quarter window sees Q2 and Q3 only.
    const r = run(account, { ctx: ctxAt('2026-11-23', { lifecycle: { quartersWindow: 2 } }) });
    expect(r.wonQuartersInWindow).toBe(1);
    expect(r.computedStage).toBe('customer');
  });

  it('the user window follows the settings', () => {
    const account = makeAccount({ engagements: [engagement({ date: '2026-09-01' })] });
    expect(run(account, { ctx: ctxAt('2026-11-23', { lifecycle: { userEngagementDays: 60 } }) }).computedStage).toBe('stranger');
  });

  it('quarters follow the fiscal year start', () => {
    // June and July are two calendar quarters but one fiscal quarter (May–Jul) when the year starts in February.
    const account = makeAccount({ deals: [won(500, '2026-06-15'), won(500, '2026-07-15')] });
    expect(run(account).wonQuartersInWindow).toBe(2);
    const r = run(account, { ctx: ctxAt('2026-11-23', { fiscalYearStartMonth: 2 }) });
    expect(r.wonQuartersInWindow).toBe(1);
  });
});

describe('§3 lifecycle — control points', () => {
  it.each([
    ['stranger', {}],
    ['user', { productUsage: 'trial' as const }],
    ['customer', { deals: [won(1, '2023-01-01')] }],
    ['repeat', { deals: [won(1, Q1), won(1, Q2)] }],
    ['major', { deals: [won(400, Q1), won(400, Q2), won(400, Q3)] }],
  ])('%s → its control point', (stage, overrides) => {
    const r = run(makeAccount(overrides));
    expect(r.stage).toBe(stage);
    expect(r.nextControlPoint).toEqual({ code: `lifecycle.control.${stage}`, params: {} });
  });
});

describe('§3 lifecycle — pinned stage', () => {
  it('shows the pinned stage, keeps the computed one and its rule', () => {
    const r = run(makeAccount({ pinnedStage: 'major', deals: [won(1, '2023-01-01')] }));
    expect(r).toMatchObject({ stage: 'major', computedStage: 'customer', pinned: true });
    expect(r.rule.code).toBe('lifecycle.rule.customer');
    expect(r.nextControlPoint.code).toBe('lifecycle.control.major');
  });

  it('a pin is not a move: history and backward moves follow the computed stage', () => {
    const previous = previousState({ stage: 'customer', stageHistory: [{ stage: 'customer', on: '2026-01-10' }] });
    const r = run(makeAccount({ pinnedStage: 'stranger', deals: [won(1, '2023-01-01')] }), { previous });
    expect(r.movedBackward).toBe(false);
    expect(r.history).toEqual(previous.stageHistory);
    expect(r.previous).toBe('customer');
  });

  it('while pinned, a computed fall still counts as moving backward', () => {
    const previous = previousState({ stage: 'major', stageHistory: [{ stage: 'repeat', on: '2026-01-10' }] });
    const r = run(makeAccount({ pinnedStage: 'major', deals: [won(1, '2023-01-01')] }), { previous });
    expect(r.movedBackward).toBe(true);
    expect(r.previous).toBe('repeat');
  });

  it('the pinned template names both stages', () => {
    expectCatalogued({ code: 'lifecycle.pinned', params: { stage: 'major', computedStage: 'customer' } });
  });
});

describe('§3 lifecycle — history and backward moves', () => {
  const repeat = () => makeAccount({ deals: [won(1, Q1), won(1, Q2)] });

  it('the first evaluation records the initial stage', () => {
    const r = run(repeat());
    expect(r.history).toEqual([{ stage: 'repeat', on: '2026-11-23' }]);
    expect(r.previous).toBeNull();
    expect(r.movedBackward).toBe(false);
  });

  it('an unchanged stage keeps the history as it is', () => {
    const history = [{ stage: 'customer' as const, on: '2025-01-01' }, { stage: 'repeat' as const, on: '2026-06-01' }];
    const r = run(repeat(), { previous: previousState({ stage: 'repeat', stageHistory: history }) });
    expect(r.history).toEqual(history);
    expect(r.movedBackward).toBe(false);
  });

  it('a move forward is appended with today’s date', () => {
    const history = [{ stage: 'customer' as const, on: '2025-01-01' }];
    const r = run(repeat(), { previous: previousState({ stage: 'customer', stageHistory: history }) });
    expect(r.history).toEqual([...history, { stage: 'repeat', on: '2026-11-23' }]);
    expect(r.movedBackward).toBe(false);
    expect(r.previous).toBe('customer');
  });

  it.each([
    ['major', 'repeat', true],
    ['repeat', 'repeat', false],
    ['user', 'repeat', false],
    ['stranger', 'repeat', false],
  ] as const)('previous %s, now %s → movedBackward %s', (prev, now, back) => {
    const r = run(repeat(), { previous: previousState({ stage: prev, stageHistory: [{ stage: prev, on: '2026-01-01' }] }) });
    expect(r.computedStage).toBe(now);
    expect(r.movedBackward).toBe(back);
  });

  it('a previous state without history falls back to its stage and starts a history', () => {
    const r = run(makeAccount(), { previous: previousState({ stage: 'customer', stageHistory: [] }) });
    expect(r.previous).toBe('customer');
    expect(r.movedBackward).toBe(true);
    expect(r.history).toEqual([{ stage: 'stranger', on: '2026-11-23' }]);
  });

  it('does not mutate the previous history', () => {
    const history = [{ stage: 'customer' as const, on: '2025-01-01' }];
    run(repeat(), { previous: previousState({ stage: 'customer', stageHistory: history }) });
    expect(history).toHaveLength(1);
  });

  it('orders stages', () => {
    expect(['stranger', 'user', 'customer', 'repeat', 'major'].map((s) => stageOrder(s as never))).toEqual([0, 1, 2, 3, 4]);
  });

  it('contacts do not matter for the stage', () => {
    expect(run(makeAccount({ contacts: [contact({ roles: ['decision_maker'] })] })).computedStage).toBe('stranger');
  });
});

describe('§3 lifecycle — messages', () => {
  it('every template exists in both languages with the same placeholders', () => {
    const en = Object.keys(messages.en).sort();
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(en);
    const names = (t: string) => [...t.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const code of en) expect(names(messages['zh-CN'][code])).toEqual(names(messages.en[code]));
  });
});
