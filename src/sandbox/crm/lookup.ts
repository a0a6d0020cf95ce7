import { notFound, validationError } from '../errors.js';
import type { ObjectTypeDef } from '../portal/object-types.js';
import { parseId, type PortalState } from '../portal/portal-state.js';
import type { CrmRecord } from '../portal/record.js';

/**
 * Finds a record by id, or by the value of a unique property (`idProperty`,
 * e.g. email), following merges. Undefined when there is none.
 */
export function findRecord(
  portal: PortalState,
  type: ObjectTypeDef,
  id: string,
  idProperty?: string,
  archived = false,
): CrmRecord | undefined {
  const core = portal.core;
  let numericId: number;
  if (idProperty && idProperty !== 'hs_object_id') {
    if (!core.isUnique(type, idProperty))
      throw validationError(`${idProperty} is not a unique identifier property for ${type.name}`);
    const found = core.uniqueIndex(type, idProperty).get(id);
    if (found === undefined)
      return archived ? findArchivedByValue(portal, type, idProperty, id) : undefined;
    numericId = found;
  } else {
    if (!/^\d+$/.test(id)) return undefined;
    const n = Number(id);
    numericId = portal.aliases.resolve(type, Number.isSafeInteger(n) ? n : parseId(id));
  }
  const r = core.record(type, numericId);
  return r && r.archived === archived ? r : undefined;
}

function findArchivedByValue(
  portal: PortalState,
  type: ObjectTypeDef,
  prop: string,
  value: string,
): CrmRecord | undefined {
  for (const r of portal.core.store(type).all()) if (r.archived && r.get(prop) === value) return r;
  return undefined;
}

export function requireRecord(
  portal: PortalState,
  type: ObjectTypeDef,
  id: string,
  idProperty?: string,
  archived = false,
): CrmRecord {
  const r = findRecord(portal, type, id, idProperty, archived);
  if (!r) throw notFound(`Object not found.  objectId are usually numeric.`, { id: [id] });
  return r;
}
