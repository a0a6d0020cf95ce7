/**
 * The engine's public API: what the backend, the cards and the benchmark
 * import. Everything here is pure (no I/O, no clock, no randomness).
 */

// Inputs, settings and outputs.
export * from './settings.js';
export * from './snapshot.js';
export * from './evaluation.js';
export { makeContext, type EvalContext } from './context.js';
export { computeFacts, type AccountFacts } from './facts.js';

// Full portfolio evaluation (two passes) and the incremental path.
export {
  evaluatePortfolio,
  type PortfolioResult,
  type PortfolioOptions,
  type PortfolioIndex,
} from './portfolio.js';
export {
  reevaluate,
  removeAccount,
  needsStatsRebuild,
  indexToJSON,
  indexFromJSON,
  portfolioIndexJSONSchema,
  type Reevaluation,
  type PortfolioIndexJSON,
} from './incremental.js';
export { scoreAccount, completeEvaluation, type ScoredAccount } from './evaluate.js';
export { alertMessage, alertTitle, alertLevels, rootOf } from './alerts.js';
export { buildSummary } from './summary.js';

// Building blocks, for callers that need one piece.
export {
  buildStats,
  statsEntryOf,
  statsFromJSON,
  PortfolioStats,
  type StatMetric,
  type StatsEntry,
  type PortfolioStatsJSON,
} from './stats.js';
export { Ranking, type RankChange, type RankUpdate, type RankingJSON } from './ranking.js';
export {
  compareRank,
  rankPct,
  keyCount,
  disqualifiersOf,
  rankResultOf,
  type RankEntry,
} from './rank.js';
export { computeScore } from './score.js';
export { evaluateTier } from './tier.js';
export { evaluatePurchaseFactors } from './purchase-factors.js';
export { round1, ratingTo100 } from './rounding.js';
export {
  buildAggregates,
  aggregateRowOf,
  aggregateRowOfState,
  portfolioAggregatesSchema,
  type AggregateRow,
  type AggregateBucket,
  type PortfolioAggregates,
  type PortfolioFilter,
} from './aggregates.js';

// Messages: the catalog and rendering in the user's language.
export { catalog, catalogParts, locales, type Locale, type CatalogPart } from './messages/index.js';
export { renderMessage, renderAll, type RenderOptions } from './messages/render.js';
