import type { ChangeSource } from './change-events.js';
import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import type { CrmRecord } from './record.js';

/** Normalised values to write: null clears. */
export type ValueChanges = Array<[name: string, value: string | null]>;

/**
 * Writes already-validated values onto a record: unique indexes, `updatedAt`,
 * the modification log and one propertyChange event per changed value that a
 * listener wants. Answers the values that actually changed.
 */
export function applyValues(
  core: PortalCore,
  type: ObjectTypeDef,
  r: CrmRecord,
  values: ValueChanges,
  src: ChangeSource,
  at?: number,
): ValueChanges {
  let changed: ValueChanges | undefined;
  for (const v of values) if ((r.get(v[0]) ?? null) !== v[1]) (changed ??= []).push(v);
  if (changed === undefined) return [];
  core.beforeChange(r);
  for (const [name, value] of changed) {
    if (core.isUnique(type, name)) {
      const idx = core.uniqueIndex(type, name);
      const old = r.get(name);
      if (old !== undefined && idx.get(old) === r.id) idx.delete(old);
      if (value !== null && !r.archived) idx.set(value, r.id);
    }
    r.set(name, value);
  }
  const t = at ?? core.now();
  r.updatedAt = Math.max(t, r.updatedAt);
  core.store(type).touch(r);
  for (const [name, value] of changed) {
    if (!core.wantsChange(src, type, 'propertyChange', name)) continue;
    core.emit(
      {
        objectType: eventType(type),
        objectTypeId: type.objectTypeId,
        objectId: String(r.id),
        kind: 'propertyChange',
        propertyName: name,
        propertyValue: value ?? '',
      },
      src,
      t,
    );
  }
  return changed;
}

/** Webhook object type: standard types by name, custom ones by objectTypeId. */
export function eventType(type: ObjectTypeDef): string {
  return type.custom ? type.objectTypeId : type.name;
}

/** Moves a record in or out of the unique indexes when it is archived or restored. */
export function reindexUnique(
  core: PortalCore,
  type: ObjectTypeDef,
  r: CrmRecord,
  live: boolean,
): void {
  for (const [name, value] of r.entries()) {
    if (!core.isUnique(type, name)) continue;
    const idx = core.uniqueIndex(type, name);
    if (live) idx.set(value, r.id);
    else if (idx.get(value) === r.id) idx.delete(value);
  }
}
