import { makeContext } from '../domain/context.js';
import { completeEvaluation, scoreAccount } from '../domain/evaluate.js';
import type { Evaluation } from '../domain/evaluation.js';
import { computeFacts } from '../domain/facts.js';
import { rankUpdateFrom } from '../domain/portfolio.js';
import { disqualifiersOf, rankResultOf, type RankEntry } from '../domain/rank.js';
import { fillScoreValueFacts, scoreValueOf, type ScoreValueFacts } from '../domain/score-value.js';
import { Ranking, newEntry } from '../domain/ranking.js';
import type { Settings } from '../domain/settings.js';
import type { AccountInput } from '../domain/snapshot.js';
import { StatsBuilder, type PortfolioStats } from '../domain/stats.js';

/**
 * The engine's two-pass portfolio evaluation (`evaluatePortfolio`), streamed
 * so a portal of any size fits in memory: the same building blocks in the
 * same order, over the accounts in chunks, read three times — (1) facts →
 * statistics, (2) score values → ranking, (3) scores → finished evaluations,
 * handed to `sink` chunk by chunk and then dropped. Only the statistics and
 * the ranking entries (a few dozen bytes per account) stay for the whole
 * pass. The results equal `evaluatePortfolio` on the same inputs; facts are
 * recomputed rather than kept (they are most of an evaluation's memory).
 */

export interface PassItem<M> {
  input: AccountInput;
  /** Whatever the caller carries along (warnings, hash, what was written). */
  meta: M;
}

export interface PassSource<M> {
  /** Every account of the portfolio in chunks; called once per pass, same order each time. */
  chunks(): AsyncIterable<PassItem<M>[]>;
}

export interface EvaluatedItem<M> extends PassItem<M> {
  evaluation: Evaluation;
  disqualified: boolean;
  trailingRevenue: number;
}

export interface PassResult {
  stats: PortfolioStats;
  ranking: Ranking;
  count: number;
}

export async function runPortfolioPass<M>(
  source: PassSource<M>,
  settings: Settings,
  asOf: string,
  sink: (items: EvaluatedItem<M>[]) => Promise<void>,
): Promise<PassResult> {
  const ctx = makeContext(settings, asOf);

  // Passes 1 and 2 need only the facts the score's value reads, and the value
  // alone (as evaluatePortfolio: score-value.ts); pass 3 makes the whole facts.
  const f: ScoreValueFacts = {
    trailingRevenue: 0,
    closedWonInWinWindow: 0,
    closedLostInWinWindow: 0,
  };
  const builder = new StatsBuilder();
  for await (const chunk of source.chunks())
    for (const { input } of chunk) {
      fillScoreValueFacts(input.account, ctx, f);
      builder.addAccount(input.account, f);
    }
  const stats = builder.build(ctx.asOf);

  const entries: RankEntry[] = [];
  for await (const chunk of source.chunks())
    for (const { input } of chunk) {
      fillScoreValueFacts(input.account, ctx, f);
      const score = scoreValueOf(input.account, f, ctx, stats);
      const disqualified = disqualifiersOf(input.account, settings).length > 0;
      entries.push(newEntry(rankUpdateFrom(input, score, f.trailingRevenue, disqualified)));
    }
  const ranking = Ranking.adopt(entries, settings);
  const count = entries.length;
  entries.length = 0;

  for await (const chunk of source.chunks()) {
    const out: EvaluatedItem<M>[] = [];
    for (const item of chunk) {
      const { input } = item;
      const scored = scoreAccount(input, computeFacts(input.account, ctx), ctx, stats);
      const entry = ranking.get(input.account.id);
      if (!entry) continue; // not seen in pass 2: the source changed under us; the next pass takes it
      const rank = rankResultOf(
        entry,
        ranking.placeOf(entry),
        settings,
        scored.disqualifiers,
        input.previous,
      );
      out.push({
        ...item,
        evaluation: completeEvaluation(scored, ctx, stats, rank),
        disqualified: scored.disqualifiers.length > 0,
        trailingRevenue: scored.facts.trailingRevenue,
      });
    }
    await sink(out);
  }
  return { stats, ranking, count };
}
