import { encoded, type JsonBytes } from './json-bytes.js';
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
 * {@link associatedWithLabels} written as JSON into `w`, for the batch
 * read's large answers: the targets from index `from` on, at most `max`,
 * comma-separated. Answers how many live targets there are in all. Each
 * type's spec is encoded once per writer.
 */
export function associatedBytesWriter(
  core: PortalCore,
  from: ObjectTypeDef,
  to: ObjectTypeDef,
): (w: JsonBytes, fromId: number, start?: number, max?: number) => number {
  const specs = new Map<number, Uint8Array>();
  return (w, fromId, start = 0, max = Infinity) => {
    let live = 0;
    for (const t of core.associations.targets(from.name, fromId, to.name)) {
      if (core.record(to, t.toId)?.archived !== false) continue;
      const index = live++ - start;
      if (index < 0 || index >= max) continue;
      w.comma(index);
      w.bytes(TO_OBJECT);
      w.num(t.toId);
      w.bytes(TYPES);
      for (let i = 0; i < t.typeIds.length; i++) {
        const id = t.typeIds[i];
        let spec = specs.get(id);
        if (spec === undefined)
          specs.set(
            id,
            (spec = encoded(JSON.stringify(specJson(core.associationTypes.get(id), id)))),
          );
        w.comma(i);
        w.bytes(spec);
      }
      w.ascii(']}');
    }
    return live;
  };
}

const TO_OBJECT = encoded('{"toObjectId":');
const TYPES = encoded(',"associationTypes":[');

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
