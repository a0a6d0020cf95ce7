import type { AppDeps } from '../app/deps.js';
import { type RankPatch, patchRanks } from './evaluation-store.js';
import {
  checkOut,
  commitIncremental,
  loadPortfolio,
  lockPortfolio,
  remember,
  type PortfolioState,
} from './portfolio-cache.js';
import { getSettingsRecord } from './settings-store.js';

/**
 * The last step of a full recompute: every row's stored place (rank, of,
 * percentile) made equal to the portfolio's ranking of the stored scores.
 * Incremental recomputes that ran while the pass was writing moved accounts in
 * the ranking they had cached before the pass, so a row the pass had already
 * written can hold a place one off; the pass re-evaluates the accounts it
 * knows were written after it (`stale`), and this catches the places those
 * moves left in accounts nobody re-evaluates. Rows whose key flag would flip
 * are returned, not patched: being key changes alerts and team rules, so they
 * are evaluated again. Cheap when nothing is off: one read of four columns.
 */
export async function repairRanks(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
): Promise<{ patched: string[]; keyFlips: string[] }> {
  const { settings, version } = await getSettingsRecord(deps.db, portalId);
  let kept: PortfolioState | null = null;
  const out = await deps.db.transaction(async (tx) => {
    await lockPortfolio(tx, portalId);
    const state = await loadPortfolio(tx, portalId, settings, version);
    if (!state) return { patched: [], keyFlips: [] };
    const { rows } = await tx.query<{
      company_id: string;
      rank: number | null;
      rank_pct: number | null;
      is_key: boolean;
      of: number | null;
    }>(
      `SELECT company_id, rank, rank_pct, is_key, (evaluation->'rank'->>'of')::int AS of
         FROM evaluations WHERE portal_id = $1`,
      [portalId],
    );
    const ranking = state.index.ranking;
    const patches: RankPatch[] = [];
    const keyFlips: string[] = [];
    for (const r of rows) {
      const entry = ranking.get(r.company_id);
      if (!entry) continue;
      if (entry.isKey !== r.is_key) {
        keyFlips.push(r.company_id);
        continue;
      }
      const place = ranking.placeOf(entry);
      if (place.position !== r.rank || place.pct !== r.rank_pct || place.of !== r.of)
        patches.push({ id: r.company_id, isKey: entry.isKey, ...place });
    }
    if (patches.length === 0) return { patched: [], keyFlips };
    checkOut(portalId);
    await patchRanks(tx, portalId, patches);
    await commitIncremental(tx, portalId, state);
    kept = state;
    return { patched: patches.map((p) => p.id), keyFlips };
  });
  if (kept) remember(portalId, kept);
  return out;
}
