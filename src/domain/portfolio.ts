import type { AccountInput, MessageRef } from './snapshot.js';
import type { Settings } from './settings.js';
import type { Evaluation, PurchaseFactorsResult, ScoreResult } from './evaluation.js';
import { makeContext } from './context.js';
import { computeFacts, computeScoreFacts, type ScoreFacts } from './facts.js';
import { buildStats, statsEntryOf, type PortfolioStats, type StatsEntry } from './stats.js';
import { disqualifiersOf, rankPct, rankResultOf } from './rank.js';
import { Ranking, newEntry, type RankUpdate } from './ranking.js';
import type { RankEntry } from './rank.js';
import { completeEvaluation, type ScoredAccount } from './evaluate.js';
import { evaluatePurchaseFactors } from './purchase-factors.js';
import { computeScore } from './score.js';
import { aggregateEvaluations, type PortfolioAggregates } from './aggregates.js';

/**
 * The two-pass portfolio evaluation. Pass 1 computes every account's facts and
 * the portfolio statistics (percentiles need the whole segment); pass 2 scores
 * every account, ranks the portfolio, then finishes each account's evaluation
 * with its place in the ranking.
 */

export interface PortfolioResult {
  evaluations: Evaluation[];
  stats: PortfolioStats;
  /** The ranking after this pass; `index` holds the same object and keeps it up to date. */
  ranking: Ranking;
  aggregates: PortfolioAggregates;
  /** Cached statistics + ranking for single-account re-evaluations (see incremental.ts). */
  index: PortfolioIndex;
}

export interface PortfolioOptions {
  /** Score against these statistics instead of building new ones (e.g. cached ones). */
  stats?: PortfolioStats;
}

/**
 * What single-account re-evaluations need between full passes: the settings,
 * the statistics of the last full pass, the live ranking, and which accounts
 * changed since those statistics were built.
 */
export interface PortfolioIndex {
  settings: Settings;
  stats: PortfolioStats;
  ranking: Ranking;
  changedSinceStats: Set<string>;
}

export function rankUpdateOf(scored: ScoredAccount): RankUpdate {
  const { account, previous } = scored.input;
  return {
    id: account.id,
    score: scored.score.value,
    revenue: scored.facts.trailingRevenue,
    segment: account.segment,
    disqualified: scored.disqualifiers.length > 0,
    wasKey: previous ? previous.isKeyAccount : null,
  };
}

export function evaluatePortfolio(
  inputs: readonly AccountInput[],
  settings: Settings,
  asOf: string,
  options: PortfolioOptions = {},
): PortfolioResult {
  const ctx = makeContext(settings, asOf);
  const n = inputs.length;

  // Pass 1: what the statistics and the scores need (deals only), then the statistics.
  const scoreFacts = new Array<ScoreFacts>(n);
  for (let i = 0; i < n; i++) scoreFacts[i] = computeScoreFacts(inputs[i].account, ctx);
  let stats = options.stats;
  if (!stats) {
    const entries = new Array<StatsEntry>(n);
    for (let i = 0; i < n; i++) entries[i] = statsEntryOf(inputs[i].account, scoreFacts[i]);
    stats = buildStats(entries, ctx.asOf);
  }

  // Pass 2: scores, then the ranking.
  const purchaseFactors = new Array<PurchaseFactorsResult>(n);
  const scores = new Array<ScoreResult>(n);
  const disqualifiers = new Array<MessageRef[]>(n);
  const entries = new Array<RankEntry>(n);
  for (let i = 0; i < n; i++) {
    const { account, previous } = inputs[i];
    const pf = evaluatePurchaseFactors(account);
    const score = computeScore(account, scoreFacts[i], ctx, stats, pf, previous);
    const dq = disqualifiersOf(account, settings);
    purchaseFactors[i] = pf;
    scores[i] = score;
    disqualifiers[i] = dq;
    entries[i] = newEntry({
      id: account.id,
      score: score.value,
      revenue: scoreFacts[i].trailingRevenue,
      segment: account.segment,
      disqualified: dq.length > 0,
      wasKey: previous ? previous.isKeyAccount : null,
    });
  }
  scoreFacts.length = 0;
  const { ranking, positions, sizes } = Ranking.adoptPlaced(entries, settings);

  // Pass 3: each account's full facts, used at once and dropped (they are never kept for the
  // whole portfolio: keeping them would make the garbage collector copy them all).
  const evaluations = new Array<Evaluation>(n);
  for (let i = 0; i < n; i++) {
    const input = inputs[i];
    const entry = entries[i];
    const dq = disqualifiers[i];
    const position = positions[i];
    const of = sizes[i];
    const place = { position, of, pct: rankPct(position, of) };
    const rank = rankResultOf(entry, place, settings, dq, input.previous);
    const scored: ScoredAccount = {
      input,
      facts: computeFacts(input.account, ctx),
      purchaseFactors: purchaseFactors[i],
      score: scores[i],
      disqualifiers: dq,
    };
    evaluations[i] = completeEvaluation(scored, ctx, stats, rank);
  }

  const aggregates = aggregateEvaluations(evaluations, settings);
  const index: PortfolioIndex = { settings, stats, ranking, changedSinceStats: new Set() };
  return { evaluations, stats, ranking, aggregates, index };
}
