import type { AccountInput } from './snapshot.js';
import type { Settings } from './settings.js';
import type { Evaluation } from './evaluation.js';
import { makeContext, type EvalContext } from './context.js';
import { computeDealFacts } from './facts.js';
import { StatsBuilder, type PortfolioStats } from './stats.js';
import { disqualifiersOf, rankPct, rankResultOf } from './rank.js';
import { fillScoreValueFacts, scoreValueOf, type ScoreValueFacts } from './score-value.js';
import { Ranking, newEntry, type RankUpdate } from './ranking.js';
import type { RankEntry } from './rank.js';
import { completeEvaluation, scoreAccount, type ScoredAccount } from './evaluate.js';
import { EvaluationAggregator, type PortfolioAggregates } from './aggregates.js';

/**
 * The two-pass portfolio evaluation. Pass 1 computes every account's facts and
 * the portfolio statistics (percentiles need the whole segment); pass 2 scores
 * every account, ranks the portfolio, then finishes each account's evaluation
 * with its place in the ranking.
 */

export interface PortfolioResult {
  /** Every account's evaluation, in input order; empty when `onEvaluation` took them. */
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
  /**
   * Hands each finished evaluation (with its input's index) to the caller
   * instead of keeping it in `evaluations`: a consumer that stores or sends
   * them as they come (like the backend's full pass) then holds one
   * evaluation at a time, not the whole portfolio's (about 8 kB each, which
   * the garbage collector would otherwise copy and trace).
   */
  onEvaluation?: (evaluation: Evaluation, index: number) => void;
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
  return rankUpdateFrom(
    scored.input,
    scored.score.value,
    scored.facts.trailingRevenue,
    scored.disqualifiers.length > 0,
  );
}

/** The ranking's view of one account, from its score and trailing revenue. */
export function rankUpdateFrom(
  { account, previous }: AccountInput,
  score: number,
  revenue: number,
  disqualified: boolean,
): RankUpdate {
  return {
    id: account.id,
    score,
    revenue,
    segment: account.segment,
    disqualified,
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
  // Each pass is its own function: one long function with three loops was
  // compiled on the stack (OSR) loop by loop and thrown away at each next loop.
  const builder = options.stats ? null : new StatsBuilder();
  const valueFacts = scoreValueFactsOf(inputs, ctx, builder);
  const stats = options.stats ?? (builder as StatsBuilder).build(ctx.asOf);
  const entries = rankEntriesOf(inputs, valueFacts, ctx, stats);
  const ranking = Ranking.adopt(entries, settings);
  const { evaluations, aggregates } = completeAll(
    inputs,
    entries,
    positionsOf(ranking, entries),
    ctx,
    stats,
    options.onEvaluation,
  );
  const index: PortfolioIndex = { settings, stats, ranking, changedSinceStats: new Set() };
  return { evaluations, stats, ranking, aggregates, index };
}

/** The score-value facts of every account, as three columns. */
interface ValueFactColumns {
  revenue: Float64Array;
  won: Int32Array;
  lost: Int32Array;
}

/**
 * Pass 1: the statistics, and the three facts the score's value needs
 * (fillScoreValueFacts). The deal facts are made when each account is
 * completed: kept for every account between the passes (~700 bytes each),
 * the collector copied them twice on their way to the old generation.
 */
function scoreValueFactsOf(
  inputs: readonly AccountInput[],
  ctx: EvalContext,
  builder: StatsBuilder | null,
): ValueFactColumns {
  const n = inputs.length;
  const columns = { revenue: new Float64Array(n), won: new Int32Array(n), lost: new Int32Array(n) };
  const f = valueFactsScratch();
  for (let i = 0; i < n; i++) {
    const account = inputs[i].account;
    fillScoreValueFacts(account, ctx, f);
    columns.revenue[i] = f.trailingRevenue;
    columns.won[i] = f.closedWonInWinWindow;
    columns.lost[i] = f.closedLostInWinWindow;
    if (builder) builder.addAccount(account, f);
  }
  return columns;
}

/**
 * Pass 2: every account's place in the ranking needs every score first, but
 * only its value (score-value.ts); the score with its explanation is made
 * when the account is completed.
 */
function rankEntriesOf(
  inputs: readonly AccountInput[],
  columns: ValueFactColumns,
  ctx: EvalContext,
  stats: PortfolioStats,
): RankEntry[] {
  const n = inputs.length;
  const entries = new Array<RankEntry>(n);
  const f = valueFactsScratch();
  for (let i = 0; i < n; i++) {
    const input = inputs[i];
    f.trailingRevenue = columns.revenue[i];
    f.closedWonInWinWindow = columns.won[i];
    f.closedLostInWinWindow = columns.lost[i];
    entries[i] = newEntry(
      rankUpdateFrom(
        input,
        scoreValueOf(input.account, f, ctx, stats),
        f.trailingRevenue,
        disqualifiersOf(input.account, ctx.settings).length > 0,
      ),
    );
  }
  return entries;
}

function valueFactsScratch(): ScoreValueFacts {
  return { trailingRevenue: 0, closedWonInWinWindow: 0, closedLostInWinWindow: 0 };
}

/** Pass 3: each account's evaluation with its place in the ranking, and the aggregates. */
function completeAll(
  inputs: readonly AccountInput[],
  entries: readonly RankEntry[],
  places: { position: Int32Array; of: Int32Array },
  ctx: EvalContext,
  stats: PortfolioStats,
  onEvaluation: PortfolioOptions['onEvaluation'],
): { evaluations: Evaluation[]; aggregates: PortfolioAggregates } {
  const n = inputs.length;
  const settings = ctx.settings;
  const evaluations = onEvaluation ? [] : new Array<Evaluation>(n);
  const aggregator = new EvaluationAggregator(settings);
  for (let i = 0; i < n; i++) {
    const s = scoreAccount(inputs[i], computeDealFacts(inputs[i].account, ctx), ctx, stats);
    const entry = entries[i];
    const position = places.position[i];
    const of = places.of[i];
    if (position === 0) throw new Error(`account ${entry.id} is not ranked`);
    if (s.score.value !== entry.score || s.facts.trailingRevenue !== entry.revenue)
      throw new Error(
        `account ${entry.id}: ranked by score ${entry.score} and revenue ${entry.revenue}, evaluated ${s.score.value} and ${s.facts.trailingRevenue}`,
      );
    const rank = rankResultOf(
      entry,
      { position, of, pct: rankPct(position, of) },
      settings,
      s.disqualifiers,
      s.input.previous,
    );
    const evaluation = completeEvaluation(s, ctx, stats, rank);
    aggregator.add(evaluation);
    if (onEvaluation) onEvaluation(evaluation, i);
    else evaluations[i] = evaluation;
  }
  return { evaluations, aggregates: aggregator.finish() };
}

/**
 * Position and scope size of each of `entries` (0 = not ranked), by one walk
 * over the ranking: a full pass places every account, where a search each
 * (Ranking.placeOf) would cost O(log n) comparisons per account.
 */
function positionsOf(
  ranking: Ranking,
  entries: readonly RankEntry[],
): { position: Int32Array; of: Int32Array } {
  const at = new Map<RankEntry, number>();
  for (let i = 0; i < entries.length; i++) at.set(entries[i], i);
  const position = new Int32Array(entries.length);
  const of = new Int32Array(entries.length);
  for (const order of ranking.orders()) {
    const n = order.length;
    for (let p = 0; p < n; p++) {
      const i = at.get(order[p]);
      if (i === undefined) continue;
      position[i] = p + 1;
      of[i] = n;
    }
  }
  return { position, of };
}
