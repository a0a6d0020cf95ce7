import type { PortfolioIndex } from '../domain/portfolio.js';
import { Ranking, type RankUpdate } from '../domain/ranking.js';
import type { Settings } from '../domain/settings.js';
import { statsFromJSON, type PortfolioStats } from '../domain/stats.js';
import type { Queryable } from '../store/db.js';

/**
 * The portfolio index (statistics of the last full pass + the live ranking)
 * between recomputes. Stored state is the source of truth: the statistics in
 * `portfolio_stats.stats`, the ranking in the evaluation rows' score,
 * trailing revenue, segment, disqualified and key flag. Rebuilding the index
 * from those is one query; each process keeps the last one in memory with
 * `portfolio_stats.version`, which every recompute sets to a new value from a
 * sequence (never reused, even after a portal is purged and reinstalled), and
 * reuses it while the version is unchanged. Updates happen under a per-portal transaction
 * advisory lock (`lockPortfolio`), so two workers recomputing companies of one
 * portal take turns on the ranking instead of overwriting each other's moves.
 */

export interface PortfolioState {
  version: number;
  settingsVersion: number;
  /** When the statistics were built (part of the input hash: new statistics, new scores). */
  statsBuiltAt: string;
  index: PortfolioIndex;
}

interface StatsRow {
  version: number;
  settings_version: number;
  stats: unknown;
  built_at: Date;
  changed_ids: unknown;
}

const cache = new Map<number, PortfolioState>();

/** Serialises recomputes of one portal until the surrounding transaction ends. */
export async function lockPortfolio(tx: Queryable, portalId: number): Promise<void> {
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('kam-portfolio:' || $1::text, 0))`,
    [portalId],
  );
}

export async function readStatsRow(q: Queryable, portalId: number): Promise<StatsRow | null> {
  const { rows } = await q.query<StatsRow>(
    `SELECT version, settings_version, stats, built_at, changed_ids
       FROM portfolio_stats WHERE portal_id = $1`,
    [portalId],
  );
  return rows[0] ?? null;
}

/** The ranking as stored in the evaluation rows (each stored key flag is the previous one: same flags). */
export async function rankingFromRows(
  q: Queryable,
  portalId: number,
  settings: Settings,
): Promise<Ranking> {
  const { rows } = await q.query<{
    company_id: string;
    score: number | null;
    trailing_revenue: number;
    segment: string | null;
    disqualified: boolean;
    is_key: boolean;
  }>(
    `SELECT company_id, score, trailing_revenue, segment, disqualified, is_key
       FROM evaluations WHERE portal_id = $1`,
    [portalId],
  );
  const updates: RankUpdate[] = rows.map((r) => ({
    id: r.company_id,
    score: r.score ?? 0,
    revenue: r.trailing_revenue,
    segment: r.segment,
    disqualified: r.disqualified,
    wasKey: r.is_key,
  }));
  return Ranking.build(updates, settings);
}

/**
 * The current index, or null when there is none for these settings (no full
 * pass yet, or the settings changed since: a full pass is due). Call inside
 * the portfolio lock.
 */
export async function loadPortfolio(
  q: Queryable,
  portalId: number,
  settings: Settings,
  settingsVersion: number,
): Promise<PortfolioState | null> {
  const row = await readStatsRow(q, portalId);
  if (!row || row.settings_version !== settingsVersion) return null;
  const cached = cache.get(portalId);
  if (cached && cached.version === row.version && cached.settingsVersion === settingsVersion)
    return cached;
  const stats: PortfolioStats = statsFromJSON(row.stats);
  const changed = Array.isArray(row.changed_ids) ? row.changed_ids.map(String) : [];
  const state: PortfolioState = {
    version: row.version,
    settingsVersion,
    statsBuiltAt: stats.builtAt,
    index: {
      settings,
      stats,
      ranking: await rankingFromRows(q, portalId, settings),
      changedSinceStats: new Set(changed),
    },
  };
  cache.set(portalId, state);
  return state;
}

/** Takes the cached index out while it is being changed: a failed update must not leave it half-moved. */
export function checkOut(portalId: number): void {
  cache.delete(portalId);
}

/** Records an incremental update (new version, changed ids) and keeps the index for the next job. */
export async function commitIncremental(
  tx: Queryable,
  portalId: number,
  state: PortfolioState,
): Promise<void> {
  const { rows } = await tx.query<{ version: number }>(
    `UPDATE portfolio_stats SET version = nextval('evaluation_revision_seq'), changed_ids = $2::jsonb,
            accounts_changed_since = $3
      WHERE portal_id = $1 RETURNING version`,
    [
      portalId,
      JSON.stringify([...state.index.changedSinceStats]),
      state.index.changedSinceStats.size,
    ],
  );
  state.version = Number(rows[0].version);
}

/** Keeps an index after its transaction committed. */
export function remember(portalId: number, state: PortfolioState): void {
  cache.set(portalId, state);
}

/** Stores the statistics of a full pass (the ranking is in the evaluation rows). */
export async function commitFullPass(
  tx: Queryable,
  portalId: number,
  stats: PortfolioStats,
  settingsVersion: number,
): Promise<{ version: number; builtAt: string }> {
  const { rows } = await tx.query<{ version: number; built_at: Date }>(
    `INSERT INTO portfolio_stats AS p
       (portal_id, stats, built_at, accounts_changed_since, version, settings_version, changed_ids)
     VALUES ($1, $2::jsonb, $3, 0, nextval('evaluation_revision_seq'), $4, '[]')
     ON CONFLICT (portal_id) DO UPDATE SET
       stats = EXCLUDED.stats, built_at = EXCLUDED.built_at, accounts_changed_since = 0,
       version = EXCLUDED.version, settings_version = EXCLUDED.settings_version, changed_ids = '[]'
     RETURNING version, built_at`,
    [portalId, JSON.stringify(stats.toJSON()), stats.builtAt, settingsVersion],
  );
  return { version: Number(rows[0].version), builtAt: rows[0].built_at.toISOString() };
}

/** Accounts changed since the statistics were built (0 also when there are none yet). */
export async function statsDrift(q: Queryable, portalId: number): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT jsonb_array_length(changed_ids)::int AS n FROM portfolio_stats WHERE portal_id = $1`,
    [portalId],
  );
  return rows[0]?.n ?? 0;
}

/** Forgets every cached index (tests; a process that lost track). */
export function clearPortfolioCache(): void {
  cache.clear();
}
