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

/**
 * {@link associatedWithLabels} as JSON text per target, for the batch read's
 * large answers; each type's spec is written once per writer.
 */
export function associatedTextWriter(
  core: PortalCore,
  from: ObjectTypeDef,
  to: ObjectTypeDef,
): (fromId: number) => string[] {
  const specs = new Map<number, string>();
  return (fromId) => {
    const out: string[] = [];
    for (const t of core.associations.targets(from.name, fromId, to.name)) {
      if (core.record(to, t.toId)?.archived !== false) continue;
      let types = '';
      for (const id of t.typeIds) {
        let spec = specs.get(id);
        if (spec === undefined)
          specs.set(id, (spec = JSON.stringify(specJson(core.associationTypes.get(id), id))));
        types += `${types ? ',' : ''}${spec}`;
      }
      out.push(`{"toObjectId":${t.toId},"associationTypes":[${types}]}`);
    }
    return out;
  };
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
