import { evaluatePortfolio } from '../../src/domain/portfolio.js';
import {
  indexFromJSON,
  indexToJSON,
  needsStatsRebuild,
  reevaluate,
  removeAccount,
} from '../../src/domain/incremental.js';
import type { Account, AccountInput, AccountState } from '../../src/domain/snapshot.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { contact, engagement, lost, makeAccount, settingsWith, won } from './builders.js';

const ASOF = '2026-11-23T12:00:00.000Z';
const LATER = '2026-11-24T09:00:00.000Z';

/** A deterministic portfolio of `n` accounts in three segments with varied history. */
function portfolio(n: number): Account[] {
  return Array.from({ length: n }, (_, i) =>
    makeAccount({
      id: String(1000 + i),
      segment: ['Manufacturing', 'Retail', null][i % 3],
      ownerId: `owner-${i % 4}`,
      annualRevenue: i % 5 === 0 ? null : (i * 7919) % 100_000,
      avgDaysToPay: i % 11 === 0 ? 120 : 30,
      ratings: { potential: i % 4 === 0 ? null : (i % 5) + 1, reference: i % 3 === 0 ? 4 : null },
      deals: [
        ...(i % 6 === 0 ? [] : [won(1000 + ((i * 3571) % 50_000), '2026-07-15')]),
        ...(i % 2 === 0 ? [won(500, '2026-02-01')] : [lost('2026-03-01')]),
      ],
      contacts: [contact({ id: `c${i}`, roles: ['decision_maker'] })],
      engagements: i % 3 === 0 ? [] : [engagement({ date: '2026-11-01', contactIds: [`c${i}`] })],
    }),
  );
}

const first = (accounts: Account[], settings = settingsWith()) =>
  evaluatePortfolio(
    accounts.map((account) => ({ account, previous: null })),
    settings,
    ASOF,
  );

describe('two-pass portfolio evaluation', () => {
  it('returns one evaluation per input, in input order, with statistics, ranking and aggregates', () => {
    const accounts = portfolio(30);
    const r = first(accounts);
    expect(r.evaluations.map((e) => e.accountId)).toEqual(accounts.map((a) => a.id));
    expect(r.stats.accountCount).toBe(30);
    expect(r.stats.builtAt).toBe(ASOF);
    expect(r.ranking.size).toBe(30);
    expect(r.aggregates.overall.accounts).toBe(30);
    expect(r.index.changedSinceStats.size).toBe(0);
  });
  it('streamed to onEvaluation: the same evaluations, in input order, none kept; same aggregates', () => {
    const accounts = portfolio(40);
    const kept = first(accounts);
    const streamed: Evaluation[] = [];
    const indexes: number[] = [];
    const r = evaluatePortfolio(
      accounts.map((account) => ({ account, previous: null })),
      settingsWith(),
      ASOF,
      {
        onEvaluation: (e, i) => {
          streamed.push(e);
          indexes.push(i);
        },
      },
    );
    expect(r.evaluations).toEqual([]);
    expect(indexes).toEqual(accounts.map((_, i) => i));
    expect(streamed).toEqual(kept.evaluations);
    expect(r.aggregates).toEqual(kept.aggregates);
    expect([...r.ranking.entries()]).toEqual([...kept.ranking.entries()]);
  });
  it('§1 first evaluation: exactly ceil(20 % × eligible) key accounts, none disqualified', () => {
    const r = first(portfolio(30));
    const disqualified = r.evaluations.filter((e) => e.rank.disqualifiers.length > 0);
    expect(disqualified.length).toBe(3);
    const keys = r.evaluations.filter((e) => e.rank.isKeyAccount);
    expect(keys.length).toBe(Math.ceil(0.2 * 27));
    expect(keys.every((e) => e.rank.disqualifiers.length === 0)).toBe(true);
    expect(r.aggregates.overall.keyAccounts).toBe(keys.length);
  });
  it('ranks are a permutation of 1…n ordered by score', () => {
    const r = first(portfolio(25));
    const byPos = [...r.evaluations].sort((a, b) => a.rank.position - b.rank.position);
    expect(byPos.map((e) => e.rank.position)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (let i = 1; i < byPos.length; i++)
      expect(byPos[i - 1].score.value).toBeGreaterThanOrEqual(byPos[i].score.value);
  });
  it('scores against given statistics when passed', () => {
    const a = portfolio(12);
    const cached = first(a).stats;
    const r = evaluatePortfolio(
      a.slice(0, 3).map((account) => ({ account, previous: null })),
      settingsWith(),
      ASOF,
      { stats: cached },
    );
    expect(r.stats).toBe(cached);
    expect(r.evaluations[1].score.factors.sales.value).toBe(
      first(a).evaluations[1].score.factors.sales.value,
    );
  });
  it('rejects the same account twice', () => {
    const a = portfolio(2);
    expect(() => first([a[0], a[0]])).toThrow('ranked twice');
  });
  it('handles an empty portfolio', () => {
    const r = first([]);
    expect(r.evaluations).toEqual([]);
    expect(r.aggregates.overall.accounts).toBe(0);
  });
});

describe('incremental path — equals a full pass run with the same statistics', () => {
  function setup(settings = settingsWith()) {
    const accounts = portfolio(40);
    const pass1 = first(accounts, settings);
    const states = new Map<string, AccountState>(
      pass1.evaluations.map((e) => [e.accountId, e.state]),
    );
    return { accounts, pass1, states, settings };
  }

  function fullPassWith(
    accounts: Account[],
    states: Map<string, AccountState>,
    changed: Account,
    settings: ReturnType<typeof settingsWith>,
    stats: ReturnType<typeof first>['stats'],
  ) {
    const inputs: AccountInput[] = accounts.map((a) => ({
      account: a.id === changed.id ? changed : a,
      previous: states.get(a.id) ?? null,
    }));
    return evaluatePortfolio(inputs, settings, LATER, { stats });
  }

  it.each([
    [
      'a big new deal moves an account to the top',
      (a: Account) => ({ ...a, deals: [...a.deals, won(5_000_000, '2026-11-20')] }),
    ],
    [
      'losing its ratings moves one down',
      (a: Account) => ({ ...a, ratings: { ...a.ratings, potential: 1, reference: 1 } }),
    ],
    ['a disqualifier appears', (a: Account) => ({ ...a, marginPct: 2 })],
    ['its segment changes', (a: Account) => ({ ...a, segment: 'Retail' })],
  ])('%s', (_n, change) => {
    for (const perSegment of [false, true]) {
      const { accounts, pass1, states, settings } = setup(settingsWith({ score: { perSegment } }));
      const target = accounts[7];
      const changed = change(target);
      const inc = reevaluate(
        pass1.index,
        { account: changed, previous: states.get(target.id)! },
        LATER,
      );
      const full = fullPassWith(accounts, states, changed, settings, pass1.stats);
      const fullById = new Map<string, Evaluation>(full.evaluations.map((e) => [e.accountId, e]));
      expect(inc.evaluation).toEqual(fullById.get(target.id));
      // Every other account: the live ranking agrees with the full pass, and `affected` lists exactly the changes.
      const expectedAffected: string[] = [];
      for (const e of full.evaluations) {
        const live = pass1.index.ranking.get(e.accountId)!;
        expect({
          id: e.accountId,
          pct: pass1.index.ranking.placeOf(live).pct,
          key: live.isKey,
        }).toEqual({
          id: e.accountId,
          pct: e.rank.pct,
          key: e.rank.isKeyAccount,
        });
        const before = states.get(e.accountId)!;
        if (
          e.accountId !== target.id &&
          (before.rankPct !== e.rank.pct || before.isKeyAccount !== e.rank.isKeyAccount)
        ) {
          expectedAffected.push(e.accountId);
        }
      }
      expect(inc.affected.map((c) => c.id).sort()).toEqual(expectedAffected.sort());
    }
  });

  it('a brand-new account joins the ranking', () => {
    const { accounts, pass1, states, settings } = setup();
    const newcomer = makeAccount({ id: '9999', deals: [won(9_999_999, '2026-11-01')] });
    const inc = reevaluate(pass1.index, { account: newcomer, previous: null }, LATER);
    const full = fullPassWith([...accounts, newcomer], states, newcomer, settings, pass1.stats);
    expect(inc.evaluation).toEqual(full.evaluations.at(-1));
    expect(inc.evaluation.rank).toMatchObject({ of: 41, isKeyAccount: true });
  });

  it('counts distinct changed accounts and asks for a statistics rebuild past 5 %', () => {
    const { accounts, pass1, states } = setup(); // 40 accounts: > 2 changed is > 5 %
    const touch = (a: Account) =>
      reevaluate(pass1.index, { account: a, previous: states.get(a.id)! }, LATER);
    expect(touch(accounts[0])).toMatchObject({ changedSinceStats: 1, needsStatsRebuild: false });
    expect(touch(accounts[0])).toMatchObject({ changedSinceStats: 1, needsStatsRebuild: false });
    expect(touch(accounts[1])).toMatchObject({ changedSinceStats: 2, needsStatsRebuild: false });
    expect(touch(accounts[2])).toMatchObject({ changedSinceStats: 3, needsStatsRebuild: true });
    expect(needsStatsRebuild(pass1.index)).toBe(true);
  });

  it('removes an account from the ranking', () => {
    const { pass1 } = setup();
    const top = [...pass1.ranking.entries()][0].id;
    const changes = removeAccount(pass1.index, top);
    expect(pass1.index.ranking.get(top)).toBeUndefined();
    expect(pass1.index.ranking.size).toBe(39);
    expect(changes.length).toBeGreaterThan(0);
  });

  it('the index survives JSON (a cache) and gives the same answers', () => {
    const { accounts, pass1, states } = setup(
      settingsWith({ locale: 'zh-CN', score: { keyAccountSharePct: 25 } }),
    );
    const restored = indexFromJSON(JSON.parse(JSON.stringify(indexToJSON(pass1.index))));
    expect(restored.settings.score.keyAccountSharePct).toBe(25);
    const changed = { ...accounts[3], deals: [...accounts[3].deals, won(777_777, '2026-11-22')] };
    const a = reevaluate(
      pass1.index,
      { account: changed, previous: states.get(changed.id)! },
      LATER,
    );
    const b = reevaluate(restored, { account: changed, previous: states.get(changed.id)! }, LATER);
    expect(b).toEqual(a);
  });
});
