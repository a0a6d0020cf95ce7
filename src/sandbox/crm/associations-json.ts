import type { AssociationTypeDef } from '../portal/association-types.js';
import type { ObjectTypeDef } from '../portal/object-types.js';
import type { PortalCore } from '../portal/portal-core.js';

/** v4 shapes (api-client associations v4 models). HubSpot sends record ids here as numbers. */
export function specJson(def: AssociationTypeDef | undefined, typeId: number) {
  return { category: def?.category ?? 'HUBSPOT_DEFINED', typeId, label: def?.label ?? null };
}

/** Live associated records of one record, grouped with their types, in association order. */
export function associatedWithLabels(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
) {
  return core.associations
    .targets(from.name, fromId, to.name)
    .filter((t) => core.record(to, t.toId)?.archived === false)
    .map((t) => ({
      toObjectId: t.toId,
      associationTypes: t.typeIds.map((id) => specJson(core.associationTypes.get(id), id)),
    }));
}

export function labelsBetweenJson(
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  defs: AssociationTypeDef[],
) {
  return {
    fromObjectTypeId: from.objectTypeId,
    fromObjectId: fromId,
    toObjectTypeId: to.objectTypeId,
    toObjectId: toId,
    labels: defs.flatMap((d) => (d.label !== null ? [d.label] : [])),
  };
}

export function defaultAssociationJson(fromId: number, toId: number, def: AssociationTypeDef) {
  return {
    from: { id: String(fromId) },
    to: { id: String(toId) },
    associationSpec: { associationCategory: def.category, associationTypeId: def.typeId },
  };
}
