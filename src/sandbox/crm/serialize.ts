import type { ObjectTypeDef } from '../portal/object-types.js';
import type { PortalCore } from '../portal/portal-core.js';
import { computedValue, SYSTEM_VALUES, type RecordView } from '../portal/derived-properties.js';
import { isoTime } from '../portal/iso-time.js';
import { intern, propOf, type CrmRecord } from '../portal/record.js';

/** A record as HubSpot's v3 objects API returns it (api-client SimplePublicObject[WithAssociations]). */
export interface ObjectJson {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

export interface ReadOptions {
  /** Asked-for properties; the type's defaults when absent or empty. */
  properties?: string[];
  /** Object types whose associated ids to include. */
  associations?: string[];
}

/** Returned with every record, asked for or not. */
const ALWAYS = new Set([
  'createdate',
  'hs_createdate',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'hs_object_id',
]);

/** Stored, or else the record's creation time (as computedValue gives them). */
const CREATED = new Set(['createdate', 'hs_createdate']);

/** The properties a read returns, in answer order. */
export interface PropertyPlan {
  names: string[];
  /** Name → its index in `names`, for one pass over a record's stored values. */
  slots: Map<string, number>;
  /** Per name: 1 = the record id, 2 = the modification time, 3 = stored or the creation time, 0 = stored or computed. */
  system: Uint8Array;
  /**
   * Stored-name layouts seen ([name, …] at the value array's even places),
   * most recent first, and where each of their values goes in the plan (-1:
   * not asked): records written by the same code store their names in the
   * same order, so a check of the names by identity replaces a map lookup per
   * value. Several are kept: contacts and companies come in tens of layouts
   * (optional values) that alternate from record to record.
   */
  layouts: Array<{ names: string[]; slots: Int32Array }>;
}

/**
 * Which properties a read returns, worked out once per request (not per
 * record). Without `asked`, the type's default properties (null when unset).
 * With it, the always-returned ones plus each asked property that exists;
 * unknown names are left out, as HubSpot does.
 */
export function propertyPlan(
  core: PortalCore,
  type: ObjectTypeDef,
  asked?: string[],
): PropertyPlan {
  const names: string[] = [];
  const slots = new Map<string, number>();
  const add = (name: string) => {
    if (slots.has(name)) return;
    slots.set(name, names.length);
    names.push(name);
  };
  const useDefaults = !asked || asked.length === 0;
  for (const name of type.defaultProperties) if (useDefaults || ALWAYS.has(name)) add(intern(name));
  if (!useDefaults)
    for (const name of asked) if (core.properties.get(type.name, name)) add(intern(name));
  const system = Uint8Array.from(names, (n) =>
    n === 'hs_object_id' ? 1 : SYSTEM_VALUES.has(n) ? 2 : CREATED.has(n) ? 3 : 0,
  );
  return { names, slots, system, layouts: [] };
}

/**
 * The plan's values of one record, in plan order (`updated`, `created`: its
 * modification and creation times, if formatted already).
 */
export function planResolved(
  core: PortalCore,
  type: ObjectTypeDef,
  r: RecordView,
  plan: PropertyPlan,
  updated?: string,
  created?: string,
): Array<string | null> {
  const { names, system } = plan;
  const found = storedValues(plan, r.props, new Array<string | undefined>(names.length));
  let modified = updated;
  for (let i = 0; i < names.length; i++) {
    const kind = system[i];
    if (kind === 1) found[i] = String(r.id);
    else if (kind === 2) found[i] = modified ??= isoTime(r.updatedAt);
    else if (kind === 3) found[i] ??= created ?? isoTime(r.createdAt);
    else found[i] ??= computedValue(core, type, r, names[i]) ?? null;
  }
  return found as Array<string | null>;
}

/**
 * The record's stored values of the plan's properties, into `found` (plan
 * order; undefined where nothing is stored), which it answers.
 */
export function storedValues(
  plan: PropertyPlan,
  p: string[],
  found: Array<string | null | undefined>,
): Array<string | null | undefined> {
  const names = plan.names;
  if (names.length * 4 < p.length) {
    // A short list: looking each name up beats a pass over every stored value.
    for (let i = 0; i < names.length; i++) found[i] = propOf(p, names[i]);
    return found;
  }
  found.fill(undefined);
  const at = layoutSlots(plan, p);
  for (let i = 0; i < at.length; i++) if (at[i] >= 0) found[at[i]] = p[2 * i + 1];
  return found;
}

/** Layouts kept per plan (a request's): enough for the demo's contacts, bounded for any data. */
const MAX_LAYOUTS = 16;

/** Where each value of a value array with `p`'s layout goes in the plan (see PropertyPlan.layouts). */
function layoutSlots(plan: PropertyPlan, p: string[]): Int32Array {
  const layouts = plan.layouts;
  const n = p.length >> 1;
  for (let k = 0; k < layouts.length; k++) {
    const seen = layouts[k].names;
    if (seen.length !== n) continue;
    let same = true;
    for (let i = 0; same && i < n; i++) same = p[2 * i] === seen[i];
    if (!same) continue;
    const hit = layouts[k];
    // The most recent first: runs of one layout find it at once.
    if (k > 0) {
      layouts[k] = layouts[0];
      layouts[0] = hit;
    }
    return hit.slots;
  }
  const slots = new Int32Array(n);
  const names = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    names[i] = p[2 * i];
    slots[i] = plan.slots.get(p[2 * i]) ?? -1;
  }
  layouts.unshift({ names, slots });
  if (layouts.length > MAX_LAYOUTS) layouts.pop();
  return slots;
}

/** The plan's values of one record as an object (name → value). */
export function planValues(
  core: PortalCore,
  type: ObjectTypeDef,
  r: RecordView,
  plan: PropertyPlan,
  updated?: string,
): Record<string, string | null> {
  const values = planResolved(core, type, r, plan, updated);
  const out: Record<string, string | null> = {};
  for (let i = 0; i < values.length; i++) out[plan.names[i]] = values[i];
  return out;
}

export function selectProperties(
  core: PortalCore,
  type: ObjectTypeDef,
  r: RecordView,
  asked?: string[],
): Record<string, string | null> {
  return planValues(core, type, r, propertyPlan(core, type, asked));
}

/** v3 association type names: 'contact_to_company' (primary), 'contact_to_company_unlabeled'. */
export function v3AssociationName(
  core: PortalCore,
  from: ObjectTypeDef,
  to: ObjectTypeDef,
  typeId: number,
): string {
  const def = core.associationTypes.get(typeId);
  const base = `${from.singular}_to_${to.singular}`;
  if (!def) return base;
  if (def.label === null) {
    const hasPrimary = core.associationTypes
      .forPair(from.name, to.name)
      .some((d) => d.label === 'Primary');
    return hasPrimary ? `${base}_unlabeled` : base;
  }
  if (def.label === 'Primary') return base;
  return def.label.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

/** v3 association names by type id, for one request (labels do not change within it). */
type NameMemo = Map<string, string>;

export function associationsJson(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  toTypes: string[],
  memo: NameMemo = new Map(),
): ObjectJson['associations'] {
  const out: NonNullable<ObjectJson['associations']> = {};
  for (const name of toTypes) {
    const to = core.types.resolve(name);
    if (!to) continue;
    const results: Array<{ id: string; type: string }> = [];
    for (const t of core.associations.targets(type.name, id, to.name)) {
      const target = core.record(to, t.toId);
      if (!target || target.archived) continue;
      const toId = String(t.toId);
      for (const typeId of t.typeIds) {
        const key = `${to.name}|${typeId}`;
        let label = memo.get(key);
        if (label === undefined) memo.set(key, (label = v3AssociationName(core, type, to, typeId)));
        results.push({ id: toId, type: label });
      }
    }
    if (results.length > 0) out[to.name] = { results };
  }
  return out;
}

/**
 * Serialises records of one type for one request: the property plan and the
 * association names are worked out once and reused for every record.
 */
export function recordWriter(
  core: PortalCore,
  type: ObjectTypeDef,
  opts: ReadOptions = {},
): (r: CrmRecord) => ObjectJson {
  const plan = propertyPlan(core, type, opts.properties);
  const assocTypes = opts.associations && opts.associations.length > 0 ? opts.associations : [];
  const memo: NameMemo = new Map();
  return (r) => {
    const updatedAt = isoTime(r.updatedAt);
    const json: ObjectJson = {
      id: String(r.id),
      properties: planValues(core, type, r, plan, updatedAt),
      createdAt: isoTime(r.createdAt),
      updatedAt,
      archived: r.archived,
    };
    if (r.archived) json.archivedAt = isoTime(r.archivedAt);
    if (assocTypes.length > 0) {
      const assoc = associationsJson(core, type, r.id, assocTypes, memo);
      if (assoc && Object.keys(assoc).length > 0) json.associations = assoc;
    }
    return json;
  };
}

/**
 * For batch writes, which answer each record with the properties its input
 * named: one writer per distinct list of names (usually one per request).
 */
export function perPropertyList<W>(make: (properties: string[]) => W): (properties: string[]) => W {
  const writers = new Map<string, W>();
  return (properties) => {
    const key = properties.join('\u0000');
    let w = writers.get(key);
    if (w === undefined) writers.set(key, (w = make(properties)));
    return w;
  };
}

export function writerPerPropertyList(
  core: PortalCore,
  type: ObjectTypeDef,
): (r: CrmRecord, properties: string[]) => ObjectJson {
  const writerFor = perPropertyList((properties) => recordWriter(core, type, { properties }));
  return (r, properties) => writerFor(properties)(r);
}

export function objectJson(
  core: PortalCore,
  type: ObjectTypeDef,
  r: CrmRecord,
  opts: ReadOptions = {},
): ObjectJson {
  return recordWriter(core, type, opts)(r);
}
