import type { AppDeps } from '../app/deps.js';
import { localDateOf } from '../domain/dates.js';
import { needsStatsRebuild, reevaluate, removeAccount } from '../domain/incremental.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { RankPlace } from '../domain/rank.js';
import type { RankChange } from '../domain/ranking.js';
import type { Settings } from '../domain/settings.js';
import { QUEUES, singletonKeys } from '../jobs/job-names.js';
import { childLogger } from '../logger.js';
import { retryOnDeadlock } from '../store/deadlock-retry.js';
import type { Queryable } from '../store/db.js';
import {
  deleteEvaluations,
  inputHash,
  loadPrevious,
  patchRanks,
  storeSnapshots,
  upsertEvaluations,
  type RankPatch,
  type StoredEvaluation,
} from './evaluation-store.js';
import { deferRecompute } from './backfill-checkpoints.js';
import { fullPass, type OnProgress } from './full-pass.js';
import { engagementsFrom, loadAccounts, type MappedCompany } from './load-accounts.js';
import {
  checkOut,
  commitIncremental,
  loadPortfolio,
  lockPortfolio,
  remember,
  type PortfolioState,
} from './portfolio-cache.js';
import { repairRanks } from './rank-repair.js';
import { queueStatsRefresh } from './stats-refresh.js';
import { getSettingsRecord } from './settings-store.js';
import { writeBack } from './write-back.js';

/**
 * Recomputing accounts. `recomputePortal` is the full pass (full-pass.ts).
 * `recomputeCompanies` is the incremental path for a few changed companies:
 * their inputs are read from the mirror, then — under the portal's portfolio
 * lock, so concurrent workers take turns on the ranking — each is re-evaluated
 * against the cached statistics and moved in the cached ranking
 * (`reevaluate`), skipping those whose input hash is unchanged. Other accounts
 * whose rank percentile moved get their rank patched; those whose key flag
 * flipped are evaluated again (being key changes alerts and team rules).
 * Finally the changed kam_* values are written back. Without a current index
 * (no full pass yet, or settings changed) the full pass runs instead; past the
 * statistics-rebuild share, a full pass is queued.
 */

export interface RecomputeResult {
  evaluated: number;
  /** Companies whose kam_* properties were written. */
  written: number;
  /** Accounts whose key-account flag changed. */
  keyChanges: number;
  /** Companies skipped because their inputs were unchanged. */
  skipped: number;
  /** Companies that left the portfolio (deleted or merged in HubSpot). */
  removed: number;
}

export interface RecomputeOptions {
  /** Evaluate even when the input hash is unchanged. */
  force?: boolean;
}

/** Rounds of re-evaluating accounts whose key flag another account's move flipped. */
const KEY_ROUNDS = 3;

export async function recomputePortal(
  deps: AppDeps,
  portalId: number,
  options: { onProgress?: OnProgress } = {},
): Promise<RecomputeResult> {
  const full = await fullPass(deps, portalId, options);
  const result: RecomputeResult = { ...full, skipped: 0, removed: 0 };
  if (full.stale.length > 0) {
    const again = await recomputeCompanies(deps, portalId, full.stale, { force: true });
    result.written += again.written;
    result.keyChanges += again.keyChanges;
  }
  // Places left off by recomputes that ran during the pass (their rows are settled after).
  const { patched, keyFlips } = await repairRanks(deps, portalId);
  if (keyFlips.length > 0) {
    const again = await recomputeCompanies(deps, portalId, keyFlips, { force: true });
    result.keyChanges += again.keyChanges;
  }
  if (patched.length > 0) {
    childLogger(deps.logger, { portalId }).info(
      { patched: patched.length },
      'ranks repaired after the full pass',
    );
    result.written += (await writeBack(deps, portalId, patched)).written;
  }
  return result;
}

interface Work {
  stored: StoredEvaluation[];
  removed: string[];
  changes: RankChange[];
  /** Accounts whose key flag changed (evaluated or moved by another). */
  keyChanged: Set<string>;
  skipped: number;
}

function evaluateInto(
  work: Work,
  state: PortfolioState,
  mapped: Map<string, MappedCompany>,
  ids: readonly string[],
  previous: Awaited<ReturnType<typeof loadPrevious>>,
  ctx: { asOf: string; today: string; settingsVersion: number; force: boolean },
): void {
  const index = state.index;
  for (const id of ids) {
    const m = mapped.get(id);
    if (!m) {
      if (index.ranking.get(id)) {
        const changes = removeAccount(index, id);
        work.changes.push(...changes);
        for (const ch of changes)
          if (ch.wasKeyAccount !== ch.isKeyAccount) work.keyChanged.add(ch.id);
        work.removed.push(id);
      }
      continue;
    }
    const hash = inputHash(m.account, { ...ctx, statsBuiltAt: state.statsBuiltAt });
    const prev = previous.get(id);
    if (!ctx.force && prev && prev.inputHash === hash && index.ranking.get(id)) {
      work.skipped++;
      continue;
    }
    const r = reevaluate(index, { account: m.account, previous: prev?.state ?? null }, ctx.asOf);
    const entry = index.ranking.get(id);
    if (prev?.state && prev.state.isKeyAccount !== r.evaluation.rank.isKeyAccount)
      work.keyChanged.add(id);
    for (const ch of r.affected)
      if (ch.wasKeyAccount !== ch.isKeyAccount) work.keyChanged.add(ch.id);
    work.stored.push({
      evaluation: r.evaluation,
      inputHash: hash,
      warnings: m.warnings,
      disqualified: entry?.disqualified ?? false,
      trailingRevenue: entry?.revenue ?? 0,
    });
    work.changes.push(...r.affected);
  }
}

function settlePlace(ev: Evaluation, place: RankPlace, isKey: boolean): void {
  ev.rank.position = place.position;
  ev.rank.of = place.of;
  ev.rank.pct = place.pct;
  ev.rank.isKeyAccount = isKey;
  ev.state.rankPct = place.pct;
  ev.state.isKeyAccount = isKey;
}

async function incremental(
  tx: Queryable,
  portalId: number,
  settings: Settings,
  settingsVersion: number,
  ids: readonly string[],
  mapped: Map<string, MappedCompany>,
  ctx: { asOf: string; today: string; from: Date; force: boolean },
): Promise<{ state: PortfolioState; work: Work; patched: string[] } | null> {
  await lockPortfolio(tx, portalId);
  const state = await loadPortfolio(tx, portalId, settings, settingsVersion);
  if (!state) return null;
  checkOut(portalId);
  const work: Work = { stored: [], removed: [], changes: [], keyChanged: new Set(), skipped: 0 };
  const c = { asOf: ctx.asOf, today: ctx.today, settingsVersion, force: ctx.force };
  evaluateInto(work, state, mapped, ids, await loadPrevious(tx, portalId, ids), c);

  const done = () => new Set([...work.stored.map((s) => s.evaluation.accountId), ...work.removed]);
  for (let round = 0; round < KEY_ROUNDS; round++) {
    const seen = done();
    const flipped = [
      ...new Set(
        work.changes
          .filter((ch) => ch.wasKeyAccount !== ch.isKeyAccount && !seen.has(ch.id))
          .map((ch) => ch.id),
      ),
    ];
    if (flipped.length === 0) break;
    const more = await loadAccounts(tx, portalId, flipped, settings, { engagementsFrom: ctx.from });
    evaluateInto(work, state, more, flipped, await loadPrevious(tx, portalId, flipped), {
      ...c,
      force: true,
    });
  }

  // A later move in this job may have shifted an account evaluated earlier in it: store final places.
  for (const s of work.stored) {
    const entry = state.index.ranking.get(s.evaluation.accountId);
    if (entry) settlePlace(s.evaluation, state.index.ranking.placeOf(entry), entry.isKey);
  }
  const seen = done();
  const patches: RankPatch[] = [];
  for (const id of new Set(work.changes.map((ch) => ch.id))) {
    const entry = state.index.ranking.get(id);
    if (seen.has(id) || !entry) continue;
    patches.push({ id, isKey: entry.isKey, ...state.index.ranking.placeOf(entry) });
  }
  await upsertEvaluations(tx, portalId, work.stored);
  await storeSnapshots(
    tx,
    portalId,
    work.stored.map((s) => s.evaluation),
  );
  await deleteEvaluations(tx, portalId, work.removed);
  await patchRanks(tx, portalId, patches);
  await commitIncremental(tx, portalId, state);
  return { state, work, patched: patches.map((p) => p.id) };
}

export async function recomputeCompanies(
  deps: AppDeps,
  portalId: number,
  companyIds: readonly string[],
  options: RecomputeOptions = {},
): Promise<RecomputeResult> {
  const ids = [...new Set(companyIds)];
  const empty: RecomputeResult = {
    evaluated: 0,
    written: 0,
    keyChanges: 0,
    skipped: 0,
    removed: 0,
  };
  if (ids.length === 0) return empty;
  const log = childLogger(deps.logger, { portalId });
  const { settings, version: settingsVersion } = await getSettingsRecord(deps.db, portalId);
  const asOfDate = deps.now();
  const asOf = asOfDate.toISOString();
  const ctx = {
    asOf,
    today: localDateOf(asOf, settings.timeZone),
    from: engagementsFrom(asOfDate, settings.mapping.engagementLookbackDays),
    force: options.force === true,
  };
  // Inputs are read before taking the lock: the mirror already holds the change that triggered us.
  const mapped = await loadAccounts(deps.db, portalId, ids, settings, {
    engagementsFrom: ctx.from,
  });
  // Safe to run again: the index is reloaded inside, and nothing outside changes before the commit.
  const done = await retryOnDeadlock(() =>
    deps.db.transaction((tx) =>
      incremental(tx, portalId, settings, settingsVersion, ids, mapped, ctx),
    ),
  );
  if (!done) {
    // No index: a backfill is still filling the mirror (it recomputes these at its end), or a full pass is due.
    if (await deferRecompute(deps.db, portalId, ids)) return empty;
    return recomputePortal(deps, portalId);
  }
  remember(portalId, done.state);

  const { work } = done;
  const warned = work.stored.filter((s) => s.warnings.length > 0);
  if (warned.length > 0)
    log.warn(
      {
        companies: warned.map((s) => s.evaluation.accountId).slice(0, 20),
        warnings: warned.reduce((n, s) => n + s.warnings.length, 0),
      },
      'HubSpot values the engine could not use (see mapping_warnings per company)',
    );
  const toWrite = [...work.stored.map((s) => s.evaluation.accountId), ...done.patched];
  const { written } = await writeBack(deps, portalId, toWrite);
  const result: RecomputeResult = {
    evaluated: work.stored.length,
    written,
    keyChanges: work.keyChanged.size,
    skipped: work.skipped,
    removed: work.removed.length,
  };
  if (needsStatsRebuild(done.state.index)) {
    log.info(
      { changed: done.state.index.changedSinceStats.size },
      'statistics drifted: full recompute due',
    );
    if (deps.queue)
      // The job layer's singleton key: one queued full pass per portal, whoever asks.
      await deps.queue.send(
        QUEUES.recomputePortal,
        { portalId },
        {
          singletonKey: singletonKeys.portal(portalId),
        },
      );
    else {
      const full = await recomputePortal(deps, portalId);
      result.written += full.written;
    }
  } else if (done.state.index.changedSinceStats.size > 0) await queueStatsRefresh(deps, portalId);
  return result;
}
