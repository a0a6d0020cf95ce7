import { validationError } from '../errors.js';
import { associate, liveRecord, unassociate } from './association-writes.js';
import type { ChangeSource } from './change-events.js';
import type { ObjectTypeDef } from './object-types.js';
import { archiveObject, type WriteOptions } from './object-writes.js';
import type { PortalCore } from './portal-core.js';
import type { CrmRecord } from './record.js';
import { applyValues, eventType, reindexUnique, type ValueChanges } from './record-writes.js';
import { recompute } from './rollups.js';

/** Ids merged away, answered as their primary record (HubSpot redirects reads of merged ids). */
export class MergeAliases {
  private readonly aliases = new Map<string, number>();

  set(type: ObjectTypeDef, id: number, primaryId: number): void {
    this.aliases.set(`${type.name}|${id}`, primaryId);
  }

  /** Follows merge chains to the surviving record id. */
  resolve(type: ObjectTypeDef, id: number): number {
    // Every read by id comes through here: skip building keys while nothing was merged.
    if (this.aliases.size === 0) return id;
    let cur = id;
    for (let i = 0; i < 32; i++) {
      const next = this.aliases.get(`${type.name}|${cur}`);
      if (next === undefined) return cur;
      cur = next;
    }
    return cur;
  }
}

/**
 * Merges `mergeId` into `primaryId`: the primary keeps its values and takes the
 * other's where it has none, inherits its associations, and the other is archived.
 */
export function mergeObjects(
  core: PortalCore,
  aliases: MergeAliases,
  type: ObjectTypeDef,
  primaryId: number,
  mergeId: number,
  opts: WriteOptions = {},
): CrmRecord {
  if (primaryId === mergeId) throw validationError('Cannot merge an object with itself');
  const primary = liveRecord(core, type, primaryId);
  const other = liveRecord(core, type, mergeId);
  const fill: ValueChanges = [];
  for (const [name, value] of other.entries())
    if (primary.get(name) === undefined && !core.isUnique(type, name)) fill.push([name, value]);
  const previous = primary.get('hs_merged_object_ids');
  const mergedIds = [...(previous ? previous.split(';') : []), String(mergeId)];
  fill.push(['hs_merged_object_ids', mergedIds.join(';')]);
  const quiet: ChangeSource = { ...opts, silent: true };
  applyValues(core, type, primary, fill, quiet, opts.at);
  for (const linked of core.associations.linkedTypes(type.name)) {
    const to = core.type(linked);
    for (const t of core.associations.targets(type.name, mergeId, linked)) {
      const target = core.record(to, t.toId);
      unassociate(core, type, mergeId, to, t.toId, 'all', quiet);
      if (!target || target.archived || (linked === type.name && t.toId === primaryId)) continue;
      const types = t.typeIds.map((associationTypeId) => ({ associationTypeId }));
      associate(core, type, primaryId, to, t.toId, types, quiet);
    }
  }
  archiveObject(core, type, mergeId, quiet);
  aliases.set(type, mergeId, primaryId);
  core.emit(
    {
      objectType: eventType(type),
      objectTypeId: type.objectTypeId,
      objectId: String(primaryId),
      kind: 'merge',
      primaryObjectId: String(primaryId),
      mergedObjectIds: [String(mergeId)],
      newObjectId: String(primaryId),
    },
    opts,
  );
  return primary;
}

/** GDPR delete: the contact and its associations are gone for good. */
export function gdprDelete(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  opts: WriteOptions = {},
): void {
  const r = core.record(type, id);
  if (!r) return;
  const companies = core.associations.targetIds(type.name, id, 'companies');
  for (const linked of core.associations.linkedTypes(type.name)) {
    const to = core.type(linked);
    for (const toId of core.associations.targetIds(type.name, id, linked))
      unassociate(core, type, id, to, toId, 'all', { ...opts, silent: true });
  }
  reindexUnique(core, type, r, false);
  core.store(type).purge(r);
  for (const companyId of companies) recompute(core, 'companies', companyId, opts);
  core.emit(
    {
      objectType: eventType(type),
      objectTypeId: type.objectTypeId,
      objectId: String(id),
      kind: 'privacyDeletion',
    },
    opts,
  );
}
