import {
  aggregateRowOfState,
  buildAggregates,
  type AggregateRow,
} from '../../src/domain/aggregates.js';
import type { LifecycleStage, Tier } from '../../src/domain/snapshot.js';
import { previousState, settingsWith } from './builders.js';

let seq = 0;
function row(over: Partial<AggregateRow> = {}): AggregateRow {
  return {
    accountId: String(++seq),
    ownerId: 'o1',
    segment: 'S',
    isKeyAccount: false,
    tier: 'ordinary',
    stage: 'stranger',
    health: 50,
    healthBand: 'watch',
    alertLevel: 'none',
    openAlerts: { red: 0, yellow: 0, green: 0 },
    ...over,
  };
}
const stages = (spec: [LifecycleStage, number][]) =>
  spec.flatMap(([stage, n]) => Array.from({ length: n }, () => row({ stage })));

describe('§10 funnel — conversion = share at stage k or beyond that reached k+1 or beyond', () => {
  it('computes reached counts and conversions', () => {
    const a = buildAggregates(
      stages([
        ['stranger', 4],
        ['user', 2],
        ['customer', 2],
        ['repeat', 1],
        ['major', 1],
      ]),
      settingsWith(),
    );
    expect(a.overall.funnel).toEqual([
      { stage: 'stranger', count: 4, reached: 10, conversionToNext: 60 },
      { stage: 'user', count: 2, reached: 6, conversionToNext: 66.7 },
      { stage: 'customer', count: 2, reached: 4, conversionToNext: 50 },
      { stage: 'repeat', count: 1, reached: 2, conversionToNext: 50 },
      { stage: 'major', count: 1, reached: 1, conversionToNext: null },
    ]);
  });
  it('no account reached a stage → conversion null, not 0', () => {
    const a = buildAggregates(stages([['stranger', 3]]), settingsWith());
    expect(a.overall.funnel[1]).toEqual({
      stage: 'user',
      count: 0,
      reached: 0,
      conversionToNext: null,
    });
    expect(a.overall.funnel[0].conversionToNext).toBe(0);
  });
});

describe('§10 per owner and overall', () => {
  const tiers: Tier[] = ['strategic', 'strategic', 'potential', 'profit', 'ordinary'];
  const rows = [
    ...tiers.map((tier, i) =>
      row({ ownerId: 'o1', tier, isKeyAccount: i < 3, health: 80, healthBand: 'healthy' }),
    ),
    row({
      ownerId: 'o2',
      isKeyAccount: true,
      alertLevel: 'red',
      openAlerts: { red: 1, yellow: 2, green: 0 },
      health: 30,
      healthBand: 'at_risk',
    }),
    row({
      ownerId: null,
      segment: null,
      alertLevel: 'green',
      openAlerts: { red: 0, yellow: 0, green: 1 },
    }),
  ];
  const a = buildAggregates(rows, settingsWith({ portfolio: { maxKeyAccountsPerRep: 2 } }));
  it('counts key accounts, tiers, alerts and health overall', () => {
    expect(a.overall).toMatchObject({
      accounts: 7,
      keyAccounts: 4,
      tiers: { strategic: 2, potential: 1, profit: 1, ordinary: 3 },
      openAlerts: { red: 1, yellow: 2, green: 1 },
      accountsByAlertLevel: { red: 1, yellow: 0, green: 1, none: 5 },
      health: { healthy: 5, watch: 1, at_risk: 1 },
      averageHealth: 68.6,
    });
  });
  it('per owner, most key accounts first; overload above the per-rep maximum', () => {
    expect(a.owners.map((o) => [o.ownerId, o.keyAccounts, o.overloaded])).toEqual([
      ['o1', 3, true],
      ['o2', 1, false],
      [null, 0, false],
    ]);
    expect(a.overloadedOwners).toEqual(['o1']);
    expect(a.maxKeyAccountsPerRep).toBe(2);
  });
  it.each([
    [{ ownerId: 'o2' }, 1],
    [{ ownerId: null }, 1],
    [{ segment: 'S' }, 6],
    [{ segment: null }, 1],
    [{ ownerId: 'o1', segment: 'S' }, 5],
    [{ ownerId: 'nobody' }, 0],
  ])('filter %j → %d accounts', (filter, n) => {
    const f = buildAggregates(rows, settingsWith(), filter);
    expect(f.overall.accounts).toBe(n);
    expect(f.filter).toEqual(filter);
  });
  it('an empty selection has zeros and no average', () => {
    const e = buildAggregates([], settingsWith());
    expect(e.overall.accounts).toBe(0);
    expect(e.overall.averageHealth).toBeNull();
    expect(e.owners).toEqual([]);
  });
});

describe('rows from stored states', () => {
  it('derives the health band and the alert level from the state', () => {
    const s = settingsWith();
    const alert = (level: 'red' | 'yellow' | 'green') => ({
      code: 'service_wobble' as const,
      level,
      params: {},
      evidence: { contactIds: [], dealIds: [], facts: {} },
      openedAt: '2026-11-01T00:00:00.000Z',
      root: 'x',
    });
    const r = aggregateRowOfState(
      { id: '1', ownerId: 'o', segment: 'S' },
      previousState({
        health: 70,
        openAlerts: [alert('yellow'), alert('green')],
        isKeyAccount: true,
      }),
      s,
    );
    expect(r).toMatchObject({
      healthBand: 'healthy',
      alertLevel: 'yellow',
      openAlerts: { red: 0, yellow: 1, green: 1 },
      isKeyAccount: true,
    });
    expect(
      aggregateRowOfState(
        { id: '2', ownerId: null, segment: null },
        previousState({ health: 39.9 }),
        s,
      ).healthBand,
    ).toBe('at_risk');
    expect(
      aggregateRowOfState(
        { id: '3', ownerId: null, segment: null },
        previousState({ health: 40 }),
        s,
      ).healthBand,
    ).toBe('watch');
  });
});
