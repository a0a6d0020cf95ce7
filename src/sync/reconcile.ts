import type { Client } from '@hubspot/api-client';
import type { AppDeps } from '../app/deps.js';
import { engineReadProperties } from '../hubspot/data-model.js';
import { searchModifiedBetween } from '../hubspot/crm-read.js';
import type { ReconcileResult } from '../jobs/job-names.js';
import { childLogger } from '../logger.js';
import type { Queryable } from '../store/db.js';
import type { ObjectRef, SyncObjectType } from '../webhooks/event-refs.js';
import { engagementsFrom } from './load-accounts.js';
import { mirrorTable } from './mirror-store.js';
import { refreshOwners } from './owners-sync.js';
import { getSettings } from './settings-store.js';

/**
 * Reconciliation: repairs what a lost webhook missed. For each object type,
 * search HubSpot for records modified since the last watermark (date windows
 * split by `searchModifiedBetween`, so the 10,000-result cap never hides
 * anything), compare the engine's inputs with the mirror, and feed only the
 * records that differ to `syncObjects`. Our own writes change only `kam_*`
 * outputs the engine does not read, so they compare equal and are skipped.
 * Windows overlap by a few minutes (HubSpot's search index lags behind
 * writes); re-reading is harmless because equal records are skipped.
 *
 * Association changes do not move `hs_lastmodifieddate` in HubSpot, so a lost
 * association event is repaired only when the record itself changes (or by a
 * full recompute); documented in docs/operations.md.
 */

export const RECONCILE_TYPES: readonly SyncObjectType[] = [
  'companies',
  'contacts',
  'deals',
  'meetings',
  'calls',
  'emails',
];

/** The records a search page hands us: HubSpot's SimplePublicObject (or our reduced form). */
interface FoundRecord {
  id: string;
  properties: Record<string, string | null | undefined>;
}

export type SearchModified = (
  client: Client,
  objectType: SyncObjectType,
  fromMs: number,
  toMs: number,
  properties: string[],
  onPage: (page: FoundRecord[]) => Promise<void>,
) => Promise<unknown>;

/** The newest changes a run leaves to the next one: HubSpot's search has not indexed them yet. */
export const RECONCILE_SETTLE_MS = 30_000;

export interface ReconcileOptions {
  /** Re-read this much before the watermark (default 5 min: search index lag). */
  overlapMs?: number;
  /** Leave the newest seconds for the next run (default RECONCILE_SETTLE_MS: not yet indexed). */
  settleMs?: number;
  /** First run without a watermark looks back this far from install (default 24 h). */
  firstLookbackMs?: number;
  search?: SearchModified;
  /** Feeds changed records to the mirror (BE2's syncObjects). */
  syncObjects(
    deps: AppDeps,
    portalId: number,
    refs: ObjectRef[],
  ): Promise<{ companyIds: string[] }>;
  /** Recomputes affected companies (queue them, or run directly). */
  recompute(deps: AppDeps, portalId: number, companyIds: string[]): Promise<void>;
}

const kindOf = (type: SyncObjectType) => `reconcile:${type}`;

async function watermarkOf(
  db: Queryable,
  portalId: number,
  type: SyncObjectType,
): Promise<Date | null> {
  const { rows } = await db.query<{ watermark: Date | null }>(
    'SELECT watermark FROM sync_checkpoints WHERE portal_id = $1 AND kind = $2',
    [portalId, kindOf(type)],
  );
  return rows[0]?.watermark ?? null;
}

async function saveWatermark(
  db: Queryable,
  portalId: number,
  type: SyncObjectType,
  watermark: Date,
  progress: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, watermark, progress, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (portal_id, kind) DO UPDATE
       SET watermark = GREATEST(sync_checkpoints.watermark, EXCLUDED.watermark),
           progress = EXCLUDED.progress, updated_at = now()`,
    [portalId, kindOf(type), watermark, progress],
  );
}

async function installedAt(db: Queryable, portalId: number): Promise<Date | null> {
  const { rows } = await db.query<{ installed_at: Date | null }>(
    'SELECT installed_at FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return rows[0]?.installed_at ?? null;
}

const norm = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

const ENGAGEMENTS = new Set<SyncObjectType>(['meetings', 'calls', 'emails']);

/**
 * Records whose engine inputs differ from the mirror, or that the mirror
 * lacks — except engagements before the look-back window, which the mirror
 * never holds (the backfill skips them too).
 */
async function changedRecords(
  db: Queryable,
  portalId: number,
  type: SyncObjectType,
  page: FoundRecord[],
  properties: string[],
  engagementsFromMs: number,
): Promise<string[]> {
  if (page.length === 0) return [];
  const { rows } = await db.query<{
    id: string;
    properties: Record<string, unknown>;
    archived: boolean;
  }>(
    `SELECT id, properties, archived FROM ${mirrorTable(type)}
      WHERE portal_id = $1 AND id = ANY($2::text[])`,
    [portalId, page.map((r) => String(r.id))],
  );
  const mirrored = new Map(rows.map((r) => [r.id, r]));
  return page
    .filter((record) => {
      const row = mirrored.get(String(record.id));
      if (!row && ENGAGEMENTS.has(type)) {
        const at = Date.parse(norm(record.properties.hs_timestamp));
        if (Number.isFinite(at) && at < engagementsFromMs) return false;
      }
      if (!row || row.archived) return true;
      return properties.some((p) => norm(record.properties[p]) !== norm(row.properties[p]));
    })
    .map((r) => String(r.id));
}

export async function reconcilePortal(
  deps: AppDeps,
  portalId: number,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const log = childLogger(deps.logger, { portalId });
  const search: SearchModified = options.search ?? searchModifiedBetween;
  const overlap = options.overlapMs ?? 5 * 60_000;
  const toMs = deps.now().getTime() - (options.settleMs ?? RECONCILE_SETTLE_MS);
  const settings = await getSettings(deps.db, portalId);
  const properties = engineReadProperties(settings);
  const engagementsFromMs = engagementsFrom(
    deps.now(),
    settings.mapping.engagementLookbackDays,
  ).getTime();
  const client = await deps.hubspot.clientFor(portalId);
  const fallbackStart =
    ((await installedAt(deps.db, portalId))?.getTime() ?? toMs) -
    (options.firstLookbackMs ?? 86_400_000);
  let seen = 0;
  const refs: ObjectRef[] = [];
  for (const type of RECONCILE_TYPES) {
    const mark = await watermarkOf(deps.db, portalId, type);
    const fromMs = mark ? mark.getTime() - overlap : fallbackStart;
    if (toMs <= fromMs) continue;
    let typeSeen = 0;
    let typeChanged = 0;
    await search(client, type, fromMs, toMs, properties[type], async (page) => {
      typeSeen += page.length;
      const changed = await changedRecords(
        deps.db,
        portalId,
        type,
        page,
        properties[type],
        engagementsFromMs,
      );
      typeChanged += changed.length;
      for (const objectId of changed) refs.push({ objectType: type, objectId });
    });
    seen += typeSeen;
    // The watermark only moves once the type's changes are safely handed over below.
    log.debug({ type, seen: typeSeen, changed: typeChanged }, 'reconcile window searched');
  }
  // No webhook tells of renamed or deactivated owners: the nightly run re-reads them.
  await refreshOwners(deps.db, portalId, client);
  const companies = new Set<string>();
  for (let i = 0; i < refs.length; i += 500) {
    const { companyIds } = await options.syncObjects(deps, portalId, refs.slice(i, i + 500));
    for (const id of companyIds) companies.add(id);
  }
  if (companies.size > 0) await options.recompute(deps, portalId, [...companies]);
  const watermark = new Date(toMs);
  for (const type of RECONCILE_TYPES) {
    await saveWatermark(deps.db, portalId, type, watermark, {
      changed: refs.filter((r) => r.objectType === type).length,
    });
  }
  log.info({ seen, changed: refs.length, companies: companies.size }, 'reconciled');
  return {
    portalId,
    seen,
    changed: refs.length,
    companies: [...companies],
    watermark: watermark.toISOString(),
  };
}
