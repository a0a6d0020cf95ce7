import type { AppDeps } from '../app/deps.js';
import { localDateOf } from '../domain/dates.js';
import { childLogger } from '../logger.js';
import { retryOnDeadlock } from '../store/deadlock-retry.js';
import {
  inputHash,
  loadPrevious,
  storeSnapshots,
  upsertEvaluations,
  type PreviousRow,
} from './evaluation-store.js';
import { engagementsFrom, loadAccounts } from './load-accounts.js';
import { companyIdsPage } from './mirror-store.js';
import type { MappingWarning } from './parse-values.js';
import { commitFullPass, checkOut, lockPortfolio, remember } from './portfolio-cache.js';
import { runPortfolioPass, type PassItem, type PassSource } from './portfolio-pass.js';
import { changedValues, companyValues } from './property-values.js';
import { getSettingsRecord } from './settings-store.js';
import { renderContextFor, writeBack } from './write-back.js';

/**
 * The full recompute of a portal: the streamed two-pass evaluation over every
 * live company in the mirror, new statistics, every evaluation row stored,
 * quarterly snapshots, then the write-back of the companies whose kam_*
 * values changed. Runs without holding the portfolio lock (it can take
 * minutes); rows written by an incremental recompute after the pass started
 * are left alone (revision guard) and reported as `stale`, for the caller to
 * re-evaluate against the new statistics.
 */

export interface ProgressEvent {
  phase: string;
  done: number;
  total?: number;
}
export type OnProgress = (p: ProgressEvent) => void | Promise<void>;

export interface FullPassResult {
  evaluated: number;
  written: number;
  keyChanges: number;
  stale: string[];
}

interface Meta {
  warnings: MappingWarning[];
  previous: PreviousRow | undefined;
}

/** Companies per chunk: one set of mirror queries and one batch of stored rows each. */
const CHUNK = 1000;
/** Up to this many companies the inputs are read once and kept for the three passes. */
const KEEP_INPUTS_UP_TO = 10_000;
/** Rows per upsert statement (each retried alone after a deadlock). */
const UPSERT_PART = 200;

export async function fullPass(
  deps: AppDeps,
  portalId: number,
  options: { onProgress?: OnProgress; keepInputsUpTo?: number } = {},
): Promise<FullPassResult> {
  const log = childLogger(deps.logger, { portalId });
  const { settings, version: settingsVersion } = await getSettingsRecord(deps.db, portalId);
  const asOfDate = deps.now();
  const asOf = asOfDate.toISOString();
  const today = localDateOf(asOf, settings.timeZone);
  const from = engagementsFrom(asOfDate, settings.mapping.engagementLookbackDays);
  const render = await renderContextFor(deps, portalId);
  const { rows } = await deps.db.query<{ r0: string; total: number }>(
    `SELECT nextval('evaluation_revision_seq')::text AS r0,
            (SELECT count(*)::int FROM mirror_companies WHERE portal_id = $1 AND NOT archived) AS total`,
    [portalId],
  );
  const guard = Number(rows[0].r0);
  const total = rows[0].total;
  let warningCount = 0;

  const read = async function* (): AsyncGenerator<PassItem<Meta>[]> {
    let after: string | null = null;
    for (;;) {
      const ids = await companyIdsPage(deps.db, portalId, after, CHUNK);
      if (ids.length === 0) return;
      after = ids[ids.length - 1];
      const [mapped, previous] = await Promise.all([
        loadAccounts(deps.db, portalId, ids, settings, { engagementsFrom: from }),
        loadPrevious(deps.db, portalId, ids),
      ]);
      const chunk: PassItem<Meta>[] = [];
      for (const [id, m] of mapped) {
        const prev = previous.get(id);
        chunk.push({
          input: { account: m.account, previous: prev?.state ?? null },
          meta: { warnings: m.warnings, previous: prev },
        });
      }
      yield chunk;
    }
  };
  // Small portals: read once, replay for passes 2 and 3. Large ones: read per pass (bounded memory).
  const keep = total <= (options.keepInputsUpTo ?? KEEP_INPUTS_UP_TO);
  let kept: PassItem<Meta>[][] | null = null;
  const source: PassSource<Meta> = {
    async *chunks() {
      if (kept) {
        yield* kept;
        return;
      }
      const collected: PassItem<Meta>[][] = [];
      for await (const chunk of read()) {
        if (keep) collected.push(chunk);
        yield chunk;
      }
      if (keep) kept = collected;
    },
  };

  const stale: string[] = [];
  const toWrite: string[] = [];
  /** The revision each row took when this pass wrote it. */
  const ours = new Map<string, number>();
  let evaluated = 0;
  let keyChanges = 0;
  const pass = await runPortfolioPass(source, settings, asOf, async (items) => {
    const stored = items.map((it) => ({
      evaluation: it.evaluation,
      inputHash: inputHash(it.input.account, { settingsVersion, today, statsBuiltAt: asOf }),
      warnings: it.meta.warnings,
      disqualified: it.disqualified,
      trailingRevenue: it.trailingRevenue,
    }));
    // A deadlock with a concurrent recompute aborts one statement: that part runs again.
    const written = new Set<string>();
    for (let i = 0; i < stored.length; i += UPSERT_PART) {
      const part = stored.slice(i, i + UPSERT_PART);
      for (const id of await retryOnDeadlock(() =>
        upsertEvaluations(deps.db, portalId, part, guard, ours),
      ))
        written.add(id);
    }
    const fresh = items.filter((it) => written.has(it.evaluation.accountId));
    for (const it of items)
      if (!written.has(it.evaluation.accountId)) stale.push(it.evaluation.accountId);
    await storeSnapshots(
      deps.db,
      portalId,
      fresh.map((it) => it.evaluation),
    );
    for (const it of fresh) {
      const ev = it.evaluation;
      warningCount += it.meta.warnings.length;
      const before = it.input.previous;
      if (before && before.isKeyAccount !== ev.rank.isKeyAccount) keyChanges++;
      if (changedValues(companyValues(ev, render), it.meta.previous?.written ?? {}, ev.asOf))
        toWrite.push(ev.accountId);
    }
    evaluated += fresh.length;
    await options.onProgress?.({ phase: 'evaluate', done: evaluated + stale.length, total });
  });
  kept = null;

  await deps.db.transaction(async (tx) => {
    await lockPortfolio(tx, portalId);
    const { version } = await commitFullPass(tx, portalId, pass.stats, settingsVersion);
    // Companies gone from the mirror (deleted, merged away) leave the portfolio.
    await tx.query(
      `DELETE FROM evaluations e WHERE e.portal_id = $1 AND e.revision <= $2
          AND NOT EXISTS (SELECT 1 FROM mirror_companies m
                           WHERE m.portal_id = e.portal_id AND m.id = e.company_id AND NOT m.archived)`,
      [portalId, guard],
    );
    // A recompute that ran during the pass may have written a row after the pass
    // did (its evaluation used the old statistics, its rank patches the old
    // ranking): such rows are stale too.
    const { rows: later } = await tx.query<{ company_id: string; revision: string }>(
      `SELECT company_id, revision::text AS revision FROM evaluations
        WHERE portal_id = $1 AND revision > $2`,
      [portalId, guard],
    );
    const staleSet = new Set(stale);
    for (const r of later)
      if (ours.get(r.company_id) !== Number(r.revision) && !staleSet.has(r.company_id)) {
        staleSet.add(r.company_id);
        stale.push(r.company_id);
      }
    checkOut(portalId);
    // Keep the pass's ranking only when it is exactly what the rows hold.
    if (stale.length === 0 && evaluated === pass.count)
      remember(portalId, {
        version,
        settingsVersion,
        statsBuiltAt: pass.stats.builtAt,
        index: { settings, stats: pass.stats, ranking: pass.ranking, changedSinceStats: new Set() },
      });
  });
  if (warningCount > 0)
    log.warn(
      { warnings: warningCount },
      'HubSpot values the engine could not use (see mapping_warnings per company)',
    );

  let written = 0;
  for (let i = 0; i < toWrite.length; i += CHUNK) {
    const r = await writeBack(deps, portalId, toWrite.slice(i, i + CHUNK));
    written += r.written;
    await options.onProgress?.({
      phase: 'write',
      done: Math.min(i + CHUNK, toWrite.length),
      total: toWrite.length,
    });
  }
  log.info({ evaluated, written, keyChanges, stale: stale.length }, 'portfolio recomputed');
  return { evaluated, written, keyChanges, stale };
}
