import type { Client } from '@hubspot/api-client';
import type { AppDeps } from '../app/deps.js';
import { engineReadProperties } from '../hubspot/data-model.js';
import {
  batchReadAssociations,
  listAllObjects,
  searchModifiedBetween,
  type CrmObject,
} from '../hubspot/crm-read.js';
import { childLogger } from '../logger.js';
import { analyzeIfPglite } from '../store/analyze.js';
import { budgetedClient, type BudgetOptions } from './backfill-budget.js';
import { apiBucketFor } from '../store/rate-limit.js';
import {
  beginBackfill,
  clearPhases,
  finishBackfill,
  readPhase,
  savePhase,
  seedReconcileWatermark,
  type PhaseCheckpoint,
} from './backfill-checkpoints.js';
import {
  ASSOCIATION_BATCH,
  countObjects,
  engagementCallEstimate,
  inlineAssociations,
  storeRecords,
} from './backfill-store.js';
import type { OnProgress } from './full-pass.js';
import { engagementsFrom } from './load-accounts.js';
import { analyzeMirror, isEngagementType, type MirrorObjectType } from './mirror-store.js';
import { refreshOwners } from './owners-sync.js';
import { recomputeCompanies, recomputePortal, type RecomputeResult } from './recompute.js';
import { getSettings } from './settings-store.js';
import { getSyncSettings } from './sync-settings.js';

/**
 * The backfill after install: every company, contact and deal, and the
 * meetings, calls and emails of the look-back window, into the mirror, then a
 * full recompute (which writes the kam_* properties).
 *
 * - Lists of 100 with associations inline (contacts and deals with their
 *   companies, engagements with companies and contacts), so associations cost
 *   no extra calls. For engagements, the cheaper of two ways is chosen per
 *   type from two counts: list everything and drop what is older than the
 *   window, or search the window (200 a page) and read its associations in
 *   v4 batches of 1,000 — the search wins when the window holds less than
 *   about 70 % of a type's engagements.
 * - Resumable: each page commits with its checkpoint (list cursor, or the
 *   next search window), so a crash resumes at the first page not stored.
 * - Budgeted: its calls take a token from a bucket of its own (a share of the
 *   portal's limit, one half by default) besides the shared one, so live
 *   events keep the rest (backfill-budget.ts).
 */

export const BACKFILL_PHASES: readonly MirrorObjectType[] = [
  'companies',
  'contacts',
  'deals',
  'meetings',
  'calls',
  'emails',
];

export interface BackfillOptions {
  onProgress?: OnProgress;
  budget?: BudgetOptions;
  /** Forget earlier checkpoints and read everything again. */
  restart?: boolean;
  /** Run the full recompute at the end (default true). */
  recompute?: boolean;
  /** Force a way of reading engagements (tests, benchmarks); default: the cheaper. */
  engagementMode?: 'list' | 'search';
}

export interface BackfillResult {
  phases: Record<string, { objects: number; pages: number; mode: 'list' | 'search' }>;
  recompute: RecomputeResult | null;
}

/** Search windows of about a quarter: a crash re-reads at most one; few empty windows cost calls. */
const WINDOW_MS = 90 * 86_400_000;
/** Engagements scheduled ahead (meetings) are read up to this far after now. */
const AHEAD_MS = 400 * 86_400_000;

interface PhaseContext {
  deps: AppDeps;
  portalId: number;
  client: Client;
  type: MirrorObjectType;
  properties: string[];
  fromMs: number;
  checkpoint: PhaseCheckpoint;
  onProgress?: OnProgress;
}

async function plan(
  ctx: PhaseContext,
  nowMs: number,
  forced: BackfillOptions['engagementMode'],
): Promise<void> {
  const p = ctx.checkpoint.progress;
  if (p.mode !== undefined) return;
  const all = await countObjects(ctx.client, ctx.type);
  p.mode = 'list';
  p.total = all;
  if (isEngagementType(ctx.type)) {
    const inWindow = await countObjects(ctx.client, ctx.type, ctx.fromMs);
    const windows: [number, number][] = [];
    for (let a = ctx.fromMs; a < nowMs + AHEAD_MS; a += WINDOW_MS)
      windows.push([a, Math.min(a + WINDOW_MS, nowMs + AHEAD_MS)]);
    const est = engagementCallEstimate(all, inWindow, windows.length);
    if (forced ? forced === 'search' : est.search < est.list) {
      p.mode = 'search';
      p.total = inWindow;
      p.windows = windows;
      p.windowsDone = 0;
    }
  }
  await savePhase(ctx.deps.db, ctx.portalId, ctx.type, ctx.checkpoint);
}

async function listPhase(ctx: PhaseContext): Promise<void> {
  const { deps, portalId, type, checkpoint } = ctx;
  const p = checkpoint.progress;
  await listAllObjects(
    ctx.client,
    type,
    {
      properties: ctx.properties,
      associations: inlineAssociations(type),
      ...(checkpoint.cursor ? { after: checkpoint.cursor } : {}),
    },
    async (page: CrmObject[], nextAfter: string | undefined) => {
      const keep = isEngagementType(type) ? page.filter((r) => inWindow(r, ctx.fromMs)) : page;
      await deps.db.transaction(async (tx) => {
        await storeRecords(tx, portalId, type, keep, ctx.properties);
        p.done += page.length;
        p.pages++;
        p.finished = nextAfter === undefined;
        checkpoint.cursor = nextAfter ?? null;
        await savePhase(tx, portalId, type, checkpoint);
      });
      await ctx.onProgress?.({ phase: type, done: p.done, total: p.total });
    },
  );
}

function inWindow(r: CrmObject, fromMs: number): boolean {
  const v = r.properties.hs_timestamp;
  if (v === null || v === undefined || v === '') return true; // the mapper reports it
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isNaN(ms) || ms >= fromMs;
}

async function searchPhase(ctx: PhaseContext): Promise<void> {
  const { deps, portalId, type, checkpoint } = ctx;
  const p = checkpoint.progress;
  const windows = p.windows ?? [];
  let buffer: CrmObject[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const records = buffer;
    buffer = [];
    const ids = records.map((r) => r.id);
    const companies = await batchReadAssociations(ctx.client, type, 'companies', ids);
    const contacts = await batchReadAssociations(ctx.client, type, 'contacts', ids);
    await deps.db.transaction((tx) =>
      storeRecords(tx, portalId, type, records, ctx.properties, { companies, contacts }),
    );
    p.done += records.length;
  };
  for (let w = p.windowsDone ?? 0; w < windows.length; w++) {
    const [from, to] = windows[w];
    await searchModifiedBetween(
      ctx.client,
      type,
      from,
      to,
      ctx.properties,
      async (page) => {
        buffer.push(...page);
        p.pages++;
        if (buffer.length >= ASSOCIATION_BATCH) await flush();
      },
      { property: 'hs_timestamp' },
    );
    await flush();
    p.windowsDone = w + 1;
    p.finished = w + 1 === windows.length;
    checkpoint.cursor = String(w + 1);
    await savePhase(deps.db, portalId, type, checkpoint);
    await ctx.onProgress?.({ phase: type, done: p.done, total: p.total });
  }
  if (windows.length === 0) {
    p.finished = true;
    await savePhase(deps.db, portalId, type, checkpoint);
  }
}

export async function backfillPortal(
  deps: AppDeps,
  portalId: number,
  options: BackfillOptions = {},
): Promise<BackfillResult> {
  const log = childLogger(deps.logger, { portalId });
  if (options.restart) await clearPhases(deps.db, portalId);
  await beginBackfill(deps.db, portalId);
  const settings = await getSettings(deps.db, portalId);
  const properties = engineReadProperties(settings);
  // The share is the portal's setting unless the caller names one (benchmarks, tests).
  const share = options.budget?.share ?? (await getSyncSettings(deps.db, portalId)).backfillShare;
  const client = budgetedClient(await deps.hubspot.clientFor(portalId), deps.db, portalId, {
    limitPer10s: apiBucketFor(deps.config.hubspot.requestsPer10s).refillPer10s,
    ...options.budget,
    share,
  });
  const now = deps.now();
  const fromMs = engagementsFrom(now, settings.mapping.engagementLookbackDays).getTime();
  const result: BackfillResult = { phases: {}, recompute: null };
  // Owners first (one or two calls): cards name company owners and account-team users.
  const owners = await refreshOwners(deps.db, portalId, client);
  log.info(owners, 'backfill: owners mirrored');

  for (const type of BACKFILL_PHASES) {
    const checkpoint: PhaseCheckpoint = (await readPhase(deps.db, portalId, type)) ?? {
      cursor: null,
      progress: { done: 0, pages: 0, finished: false, startedAt: now.toISOString() },
    };
    const ctx: PhaseContext = {
      deps,
      portalId,
      client,
      type,
      properties: properties[type],
      fromMs,
      checkpoint,
      onProgress: options.onProgress,
    };
    const p = checkpoint.progress;
    if (!p.finished) {
      await plan(ctx, now.getTime(), options.engagementMode);
      if (p.mode === 'search') await searchPhase(ctx);
      else await listPhase(ctx);
      log.info(
        { phase: type, objects: p.done, pages: p.pages, mode: p.mode },
        'backfill phase done',
      );
    } else {
      await options.onProgress?.({ phase: type, done: p.done, total: p.total });
    }
    await seedReconcileWatermark(
      deps.db,
      portalId,
      type,
      new Date(p.startedAt ?? now.toISOString()),
    );
    result.phases[type] = { objects: p.done, pages: p.pages, mode: p.mode ?? 'list' };
  }

  await analyzeMirror(deps.db);
  if (options.recompute === false) return result;
  result.recompute = await recomputePortal(deps, portalId, { onProgress: options.onProgress });
  // Changes that arrived while the backfill ran (their recomputes waited for this).
  const pending = await finishBackfill(deps.db, portalId);
  if (pending.length > 0) {
    const late = await recomputeCompanies(deps, portalId, pending, { force: true });
    result.recompute.written += late.written;
  }
  // The full pass wrote every evaluation row: PGlite (no autovacuum) needs fresh statistics.
  await analyzeIfPglite(deps.db);
  return result;
}
