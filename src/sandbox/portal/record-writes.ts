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
  // Each value's place is found once, in one walk of the record's values, and written there.
  const p = r.props;
  let changed: ValueChanges | undefined;
  let places: number[] | undefined;
  for (const v of values) {
    const place = placeOf(p, v[0]);
    if ((place < 0 ? null : p[place + 1]) === v[1]) continue;
    (changed ??= []).push(v);
    (places ??= []).push(place);
  }
  if (changed === undefined || places === undefined) return [];
  core.beforeChange(r);
  for (let k = 0; k < changed.length; k++) {
    const [name, value] = changed[k];
    const place = places[k];
    if (core.isUnique(type, name)) {
      const idx = core.uniqueIndex(type, name);
      const old = r.get(name);
      if (old !== undefined && idx.get(old) === r.id) idx.delete(old);
      if (value !== null && !r.archived) idx.set(value, r.id);
    }
    // Values removed or added make a new array: after one, the places are looked up again.
    if (place >= 0 && value !== null && r.props === p) p[place + 1] = value;
    else r.set(name, value);
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

/** Where a name sits in a record's [name, value, …] array; -1 when it has no value. */
function placeOf(p: string[], name: string): number {
  for (let i = 0; i < p.length; i += 2) if (p[i] === name) return i;
  return -1;
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
