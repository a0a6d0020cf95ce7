import { computedValue, type RecordView } from '../portal/derived-properties.js';
import type { ObjectTypeDef } from '../portal/object-types.js';
import type { PortalCore } from '../portal/portal-core.js';
import { encoded, JsonBytes } from './json-bytes.js';
import {
  perPropertyList,
  propertyPlan,
  storedValues,
  v3AssociationName,
  type ReadOptions,
} from './serialize.js';

/**
 * Records as the JSON of {@link ObjectJson}, written into a {@link JsonBytes}:
 * the same answer as `JSON.stringify(recordWriter(...)(r))` (the tests hold
 * them equal) without a string or object per record and property.
 */

/**
 * A record, or what search sees of one (archivedAt is read only when
 * archived; slot, the record's place in its store, when it is a stored record).
 */
export type WritableRecord = RecordView & { archivedAt?: number; slot?: number };

export type RecordBytesWriter = (w: JsonBytes, r: WritableRecord) => void;

const ID = encoded('{"id":');
const PROPERTIES = encoded(',"properties":{');
const CREATED_AT = encoded('},"createdAt":');
const UPDATED_AT = encoded(',"updatedAt":');
const LIVE = encoded(',"archived":false');
const ARCHIVED = encoded(',"archived":true,"archivedAt":');
const ASSOCIATIONS = encoded(',"associations":{');
const RESULTS = encoded('":{"results":[');
const TARGET = encoded('{"id":');
const TYPE = encoded(',"type":');
const CLOSE_TYPE = encoded(']}');

/**
 * `"associations":{…}` for the asked types (resolved, each once), left out
 * when none has a live target. Labels are written once per writer.
 */
function associationsWriter(
  core: PortalCore,
  type: ObjectTypeDef,
  asked: string[],
): ((w: JsonBytes, id: number, slot: number | undefined) => void) | undefined {
  const toTypes: ObjectTypeDef[] = [];
  for (const name of asked) {
    const to = core.types.resolve(name);
    // Two names of one type would set the same key twice; the object writer keeps one.
    if (to && !toTypes.includes(to)) toTypes.push(to);
  }
  if (toTypes.length === 0) return undefined;
  const keys = toTypes.map((t) => encoded(`"${t.name}`));
  const labels = toTypes.map(() => new Map<number, Uint8Array>());
  return (w, id, slot) => {
    const start = w.length;
    w.bytes(ASSOCIATIONS);
    let types = 0;
    for (let k = 0; k < toTypes.length; k++) {
      const to = toTypes[k];
      let results = 0;
      const list = core.associations.grouped(type.name, id, to.name, slot);
      for (let i = 0; i < list.length;) {
        const toId = list[i];
        let end = i + 2;
        while (end < list.length && list[end] === toId) end += 2;
        const live = core.isLive(to, toId);
        for (let j = i + 1; j < end && live; j += 2) {
          const typeId = list[j];
          let label = labels[k].get(typeId);
          if (label === undefined) {
            label = encoded(JSON.stringify(v3AssociationName(core, type, to, typeId)));
            labels[k].set(typeId, label);
          }
          if (results++ === 0) {
            if (types++ > 0) w.ascii(',');
            w.bytes(keys[k]);
            w.bytes(RESULTS);
          } else w.ascii(',');
          w.bytes(TARGET);
          w.quotedId(toId);
          w.bytes(TYPE);
          w.bytes(label);
          w.ascii('}');
        }
        i = end;
      }
      if (results > 0) w.bytes(CLOSE_TYPE);
    }
    if (types > 0) w.ascii('}');
    else w.rewind(start);
  };
}

/** Like recordWriter, but each record is written as JSON into the given bytes. */
export function recordBytesWriter(
  core: PortalCore,
  type: ObjectTypeDef,
  opts: ReadOptions = {},
): RecordBytesWriter {
  const plan = propertyPlan(core, type, opts.properties);
  const { names, system } = plan;
  const keys = names.map((n, i) => encoded(`${i ? ',' : ''}${JSON.stringify(n)}:`));
  const associations = associationsWriter(core, type, opts.associations ?? []);
  // Reused for every record: a writer serves one request, synchronously.
  const found = new Array<string | null | undefined>(names.length);
  return (w, r) => {
    storedValues(plan, r.props, found);
    w.bytes(ID);
    w.quotedId(r.id);
    w.bytes(PROPERTIES);
    for (let i = 0; i < names.length; i++) {
      w.bytes(keys[i]);
      const kind = system[i];
      const stored = found[i];
      if (kind === 1) w.quotedId(r.id);
      else if (kind === 2) w.iso(r.updatedAt);
      else if (stored !== undefined && stored !== null) w.str(stored);
      else if (kind === 3) w.iso(r.createdAt);
      else w.value(computedValue(core, type, r, names[i]));
    }
    w.bytes(CREATED_AT);
    w.iso(r.createdAt);
    w.bytes(UPDATED_AT);
    w.iso(r.updatedAt);
    if (r.archived) {
      w.bytes(ARCHIVED);
      w.iso(r.archivedAt ?? 0);
    } else w.bytes(LIVE);
    associations?.(w, r.id, r.slot !== undefined && r.slot >= 0 ? r.slot : undefined);
    w.ascii('}');
  };
}

/** Like writerPerPropertyList: for batch writes, whose answers name each input's properties. */
export function bytesWriterPerPropertyList(
  core: PortalCore,
  type: ObjectTypeDef,
): (properties: string[]) => RecordBytesWriter {
  return perPropertyList((properties) => recordBytesWriter(core, type, { properties }));
}

/** One record's JSON text (single-record answers, tests). */
export function recordTextWriter(
  core: PortalCore,
  type: ObjectTypeDef,
  opts: ReadOptions = {},
): (r: WritableRecord) => string {
  const write = recordBytesWriter(core, type, opts);
  const w = new JsonBytes(4096);
  return (r) => {
    write(w.reset(), r);
    return w.text();
  };
}
