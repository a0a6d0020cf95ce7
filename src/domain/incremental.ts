import { z } from 'zod';
import type { AccountInput } from './snapshot.js';
import { settingsSchema } from './settings.js';
import type { Evaluation } from './evaluation.js';
import { makeContext } from './context.js';
import { statsFromJSON, portfolioStatsJSONSchema } from './stats.js';
import { rankResultOf } from './rank.js';
import { Ranking, rankingJSONSchema, type RankChange } from './ranking.js';
import { completeEvaluation, scoreOne } from './evaluate.js';
import { rankUpdateOf, type PortfolioIndex } from './portfolio.js';

/**
 * The incremental path: one account changed (a webhook, a rep's rating), so
 * re-evaluate it against the cached statistics and move it in the live
 * ranking, without touching the rest of the portfolio. Its result equals a
 * full pass run with the same statistics. Statistics drift as accounts change;
 * once more than `score.statsRebuildChangedPct` of them changed, a full pass
 * should rebuild them.
 */

export interface Reevaluation {
  evaluation: Evaluation;
  /** Other accounts whose rank percentile or key flag changed (their stored state needs the new values). */
  affected: RankChange[];
  changedSinceStats: number;
  needsStatsRebuild: boolean;
}

export function needsStatsRebuild(index: PortfolioIndex): boolean {
  const n = Math.max(1, index.stats.accountCount);
  return (index.changedSinceStats.size / n) * 100 > index.settings.score.statsRebuildChangedPct;
}

export function reevaluate(index: PortfolioIndex, input: AccountInput, asOf: string): Reevaluation {
  const ctx = makeContext(index.settings, asOf);
  const scored = scoreOne(input, ctx, index.stats);
  const { entry, changes } = index.ranking.upsert(rankUpdateOf(scored));
  const rank = rankResultOf(
    entry,
    index.ranking.placeOf(entry),
    index.settings,
    scored.disqualifiers,
    input.previous,
  );
  const evaluation = completeEvaluation(scored, ctx, index.stats, rank);
  index.changedSinceStats.add(input.account.id);
  return {
    evaluation,
    affected: changes,
    changedSinceStats: index.changedSinceStats.size,
    needsStatsRebuild: needsStatsRebuild(index),
  };
}

/** A company left the portfolio (deleted, merged): drop it from the ranking; returns the accounts that changed. */
export function removeAccount(index: PortfolioIndex, accountId: string): RankChange[] {
  index.changedSinceStats.add(accountId);
  return index.ranking.remove(accountId);
}

export const portfolioIndexJSONSchema = z.object({
  version: z.literal(1),
  settings: z.unknown(),
  stats: portfolioStatsJSONSchema,
  ranking: rankingJSONSchema,
  changedSinceStats: z.array(z.string()),
});
export type PortfolioIndexJSON = z.infer<typeof portfolioIndexJSONSchema>;

export function indexToJSON(index: PortfolioIndex): PortfolioIndexJSON {
  return {
    version: 1,
    settings: index.settings,
    stats: index.stats.toJSON(),
    ranking: index.ranking.toJSON(),
    changedSinceStats: [...index.changedSinceStats],
  };
}

/** Restores an index from its JSON (validated: it comes from a cache). */
export function indexFromJSON(json: unknown): PortfolioIndex {
  const data = portfolioIndexJSONSchema.parse(json);
  const settings = settingsSchema.parse(data.settings);
  return {
    settings,
    stats: statsFromJSON(data.stats),
    ranking: Ranking.fromJSON(data.ranking, settings),
    changedSinceStats: new Set(data.changedSinceStats),
  };
}
