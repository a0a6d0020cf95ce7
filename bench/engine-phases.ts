import {
  buildStats,
  computeFacts,
  computeScore,
  evaluatePurchaseFactors,
  evaluateTier,
  makeContext,
  rankResultOf,
  Ranking,
  statsEntryOf,
  buildSummary,
  type Account,
  type Settings,
} from '../src/domain/index.js';
import { evaluateLifecycle } from '../src/domain/lifecycle.js';
import { evaluateCommittee } from '../src/domain/committee.js';
import { evaluateCadence } from '../src/domain/cadence.js';
import { evaluateHealth } from '../src/domain/health.js';
import { evaluateTeam } from '../src/domain/team.js';
import { evaluateAlerts } from '../src/domain/alerts.js';
import { aggregateEvaluations } from '../src/domain/aggregates.js';
import { evaluatePortfolio } from '../src/domain/portfolio.js';

/**
 * Where the time of one evaluation goes: each stage of the engine run on its
 * own over a slice of the portal (its inputs precomputed), best of several
 * rounds, in CPU microseconds per account. The stages' sum is below a full
 * pass, which also pays for keeping every result alive (garbage collection).
 */

function cpuMs(f: () => unknown): number {
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
}

function best(f: () => unknown, rounds = 7): number {
  f();
  let min = Infinity;
  for (let i = 0; i < rounds; i++) min = Math.min(min, cpuMs(f));
  return min;
}

export function phaseCosts(
  accounts: Account[],
  settings: Settings,
  asOf: string,
): [string, number][] {
  const n = accounts.length;
  const ctx = makeContext(settings, asOf);
  const facts = accounts.map((a) => computeFacts(a, ctx));
  const stats = buildStats(
    accounts.map((a, i) => statsEntryOf(a, facts[i])),
    ctx.asOf,
  );
  const pfs = accounts.map((a) => evaluatePurchaseFactors(a));
  const scores = accounts.map((a, i) => computeScore(a, facts[i], ctx, stats, pfs[i], null));
  const updates = accounts.map((a, i) => ({
    id: a.id,
    score: scores[i].value,
    revenue: facts[i].trailingRevenue,
    segment: a.segment,
    disqualified: false,
    wasKey: null,
  }));
  const ranking = Ranking.build(updates, settings);
  const ranks = accounts.map((a) => {
    const e = ranking.get(a.id)!;
    return rankResultOf(e, ranking.placeOf(e), settings, [], null);
  });
  const tiers = accounts.map((a, i) => evaluateTier(a, facts[i], ctx, stats, scores[i], null));
  const threshold = (a: Account) => stats.quantile('trailingRevenue', a.segment, 80);
  const lifecycles = accounts.map((a, i) =>
    evaluateLifecycle(a, facts[i], ctx, null, threshold(a)),
  );
  const committees = accounts.map((a, i) => evaluateCommittee(a, facts[i], ctx));
  const cadences = accounts.map((a, i) =>
    evaluateCadence(a, facts[i], ctx, committees[i], tiers[i]),
  );
  const healths = accounts.map((a, i) =>
    evaluateHealth(a, facts[i], ctx, committees[i], cadences[i], null),
  );
  const full = evaluatePortfolio(
    accounts.map((account) => ({ account, previous: null })),
    settings,
    asOf,
  );

  const us = (ms: number) => (ms * 1000) / n;
  const rows: [string, number][] = [
    ['facts (computeFacts)', us(best(() => accounts.map((a) => computeFacts(a, ctx))))],
    [
      'statistics',
      us(
        best(() =>
          buildStats(
            accounts.map((a, i) => statsEntryOf(a, facts[i])),
            ctx.asOf,
          ),
        ),
      ),
    ],
    ['purchase factors', us(best(() => accounts.map((a) => evaluatePurchaseFactors(a))))],
    [
      'score',
      us(best(() => accounts.map((a, i) => computeScore(a, facts[i], ctx, stats, pfs[i], null)))),
    ],
    [
      'ranking + rank results',
      us(
        best(() => {
          const r = Ranking.build(updates, settings);
          for (const a of accounts) {
            const e = r.get(a.id)!;
            rankResultOf(e, r.placeOf(e), settings, [], null);
          }
        }),
      ),
    ],
    [
      'tier',
      us(
        best(() => accounts.map((a, i) => evaluateTier(a, facts[i], ctx, stats, scores[i], null))),
      ),
    ],
    [
      'lifecycle',
      us(
        best(() => accounts.map((a, i) => evaluateLifecycle(a, facts[i], ctx, null, threshold(a)))),
      ),
    ],
    ['committee', us(best(() => accounts.map((a, i) => evaluateCommittee(a, facts[i], ctx))))],
    [
      'cadence',
      us(
        best(() =>
          accounts.map((a, i) => evaluateCadence(a, facts[i], ctx, committees[i], tiers[i])),
        ),
      ),
    ],
    [
      'health',
      us(
        best(() =>
          accounts.map((a, i) =>
            evaluateHealth(a, facts[i], ctx, committees[i], cadences[i], null),
          ),
        ),
      ),
    ],
    [
      'team',
      us(best(() => accounts.map((a, i) => evaluateTeam(a, facts[i], ctx, ranks[i].isKeyAccount)))),
    ],
    [
      'alerts',
      us(
        best(() =>
          accounts.map((a, i) =>
            evaluateAlerts({
              account: a,
              facts: facts[i],
              ctx,
              previous: null,
              rank: ranks[i],
              committee: committees[i],
              lifecycle: lifecycles[i],
              health: healths[i],
              cadence: cadences[i],
            }),
          ),
        ),
      ),
    ],
    ['summary', us(best(() => full.evaluations.map((e) => buildSummary(e, null))))],
    ['aggregates', us(best(() => aggregateEvaluations(full.evaluations, settings)))],
    [
      'full pass (all of the above, results kept)',
      us(
        best(
          () =>
            evaluatePortfolio(
              accounts.map((account) => ({ account, previous: null })),
              settings,
              asOf,
            ),
          3,
        ),
      ),
    ],
  ];
  return rows;
}
