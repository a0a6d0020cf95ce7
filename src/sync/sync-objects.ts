import type { Client } from '@hubspot/api-client';
import type { AppDeps } from '../app/deps.js';
import { engineReadProperties } from '../hubspot/data-model.js';
import { batchReadAssociations, batchReadObjects } from '../hubspot/crm-read.js';
import { companyLinks, contactLinks, mergedIdsOf, toMirrorRecord } from './api-records.js';
import { mergeRecords, purgeContact } from './mirror-rekey.js';
import {
  archiveRecords,
  isEngagementType,
  replaceCompanyLinks,
  replaceEngagementContacts,
  upsertRecords,
  type MirrorObjectType,
} from './mirror-store.js';
import { compareIds } from './load-accounts.js';
import { refreshOwnersFor } from './owners-sync.js';
import { getSettings } from './settings-store.js';

/**
 * Brings changed objects into the mirror: each type's changed ids are read
 * in batches of 100 with the engine's properties, their company (and, for
 * engagements, contact) associations read in batch through associations v4,
 * and the rows and links replaced. Deleted or missing objects are archived.
 * Returns every company whose account may have changed: the changed
 * companies, and the companies linked to a changed contact, deal or
 * engagement before or after the change. A merge shows in the survivor's
 * `hs_merged_object_ids`: the merged-away records' links move to it first
 * (mirror-rekey.ts), so nothing is lost before the merged ids' deletions.
 */

export interface ObjectRef {
  objectType: MirrorObjectType;
  objectId: string;
  deleted?: boolean;
}

/** Types whose records carry hs_merged_object_ids. */
const MERGEABLE = new Set<MirrorObjectType>(['companies', 'contacts', 'deals']);
/** Reads first (a survivor re-keys its merged records), deletions last. */
const ORDER: MirrorObjectType[] = ['companies', 'contacts', 'deals', 'meetings', 'calls', 'emails'];

async function readType(
  deps: AppDeps,
  client: Client,
  portalId: number,
  type: MirrorObjectType,
  ids: string[],
  properties: string[],
  affected: Set<string>,
): Promise<string[]> {
  const asked = MERGEABLE.has(type) ? [...properties, 'hs_merged_object_ids'] : properties;
  const { objects: records, missing } = await batchReadObjects(client, type, ids, asked);
  const found = records.map((r) => r.id);
  const links =
    type === 'companies' || found.length === 0
      ? []
      : companyLinks(await batchReadAssociations(client, type, 'companies', found));
  const contacts =
    isEngagementType(type) && found.length > 0
      ? contactLinks(await batchReadAssociations(client, type, 'contacts', found))
      : null;
  await deps.db.transaction(async (tx) => {
    for (const r of records) {
      const merged = mergedIdsOf(r);
      if (merged.length === 0) continue;
      const m = await mergeRecords(tx, portalId, type, r.id, merged);
      for (const id of [...m.companyIds, ...m.removedCompanyIds]) affected.add(id);
    }
    await upsertRecords(tx, portalId, type, records.map(toMirrorRecord), properties);
    if (type === 'companies') for (const id of found) affected.add(id);
    else
      for (const id of await replaceCompanyLinks(tx, portalId, type, found, links))
        affected.add(id);
    if (contacts) await replaceEngagementContacts(tx, portalId, found, contacts);
  });
  // An owner change may name a user the owners mirror has not seen yet.
  if (type === 'companies' && records.length > 0)
    await refreshOwnersFor(deps.db, portalId, client, records, deps.now().getTime());
  return missing;
}

export async function syncObjects(
  deps: AppDeps,
  portalId: number,
  refs: readonly ObjectRef[],
): Promise<{ companyIds: string[] }> {
  const live = new Map<MirrorObjectType, Set<string>>();
  const gone = new Map<MirrorObjectType, Set<string>>();
  for (const ref of refs) {
    // The last ref of an object wins (a restore after a deletion leaves it alive).
    live.get(ref.objectType)?.delete(ref.objectId);
    gone.get(ref.objectType)?.delete(ref.objectId);
    const target = ref.deleted ? gone : live;
    let set = target.get(ref.objectType);
    if (!set) target.set(ref.objectType, (set = new Set()));
    set.add(ref.objectId);
  }
  const affected = new Set<string>();
  if (live.size > 0) {
    const settings = await getSettings(deps.db, portalId);
    const properties = engineReadProperties(settings);
    const client = await deps.hubspot.clientFor(portalId);
    for (const type of ORDER) {
      const ids = [...(live.get(type) ?? [])];
      if (ids.length === 0) continue;
      const missing = await readType(deps, client, portalId, type, ids, properties[type], affected);
      for (const id of missing) {
        let set = gone.get(type);
        if (!set) gone.set(type, (set = new Set()));
        set.add(id);
      }
    }
  }
  for (const type of ORDER) {
    const ids = [...(gone.get(type) ?? [])];
    if (ids.length === 0) continue;
    for (const id of await archiveRecords(deps.db, portalId, type, ids)) affected.add(id);
  }
  return { companyIds: [...affected].sort(compareIds) };
}

/** Privacy deletions of contacts (GDPR): every trace removed; returns the companies to recompute. */
export async function purgeContacts(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
  contactIds: readonly string[],
): Promise<{ companyIds: string[] }> {
  const affected = new Set<string>();
  await deps.db.transaction(async (tx) => {
    for (const id of new Set(contactIds))
      for (const c of (await purgeContact(tx, portalId, id)).companyIds) affected.add(c);
  });
  return { companyIds: [...affected].sort(compareIds) };
}
