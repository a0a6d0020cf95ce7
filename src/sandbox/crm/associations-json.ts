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
 * read's large answers: the targets from index `start` on, at most `max`,
 * comma-separated. Answers how many live targets there are in all.
 */
export function associatedBytesWriter(
  core: PortalCore,
  from: ObjectTypeDef,
  to: ObjectTypeDef,
): (w: JsonBytes, fromId: number, start?: number, max?: number) => number {
  const typesText = typesTextCache(core);
  return (w, fromId, start = 0, max = Infinity) => {
    const list = core.associations.grouped(from.name, fromId, to.name);
    let live = 0;
    for (let i = 0; i < list.length;) {
      const toId = list[i];
      let end = i + 2;
      while (end < list.length && list[end] === toId) end += 2;
      const index = core.isLive(to, toId) ? live++ - start : -1;
      if (index >= 0 && index < max) {
        w.comma(index);
        w.bytes(TO_OBJECT);
        w.num(toId);
        w.bytes(typesText(list, i, end));
      }
      i = end;
    }
    return live;
  };
}

const TO_OBJECT = encoded('{"toObjectId":');

/**
 * `,"associationTypes":[…]}` for the type ids of one target's run of edges
 * (`list[i+1], list[i+3], …` before `end`), encoded once per combination of
 * one or two types (nearly every target) and per writer.
 */
function typesTextCache(core: PortalCore): (list: number[], i: number, end: number) => Uint8Array {
  const cache = new Map<number, Uint8Array>();
  const text = (list: number[], i: number, end: number) => {
    const specs: string[] = [];
    for (let j = i + 1; j < end; j += 2)
      specs.push(JSON.stringify(specJson(core.associationTypes.get(list[j]), list[j])));
    return encoded(`,"associationTypes":[${specs.join(',')}]}`);
  };
  return (list, i, end) => {
    const a = list[i + 1];
    const b = end - i === 4 ? list[i + 3] : -1;
    // One number per pair of small ids; anything else is encoded each time (rare).
    if (end - i > 4 || a >= 2 ** 20 || b >= 2 ** 20) return text(list, i, end);
    const key = a * 2 ** 21 + b + 1;
    let out = cache.get(key);
    if (out === undefined) cache.set(key, (out = text(list, i, end)));
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
