import type { ObjectTypeDef } from '../portal/object-types.js';
import type { PortalCore } from '../portal/portal-core.js';
import { readValue, type RecordView } from '../portal/derived-properties.js';
import type { CrmRecord } from '../portal/record.js';

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

const iso = (ms: number) => new Date(ms).toISOString();

/** Returned with every record, asked for or not. */
const ALWAYS = new Set([
  'createdate',
  'hs_createdate',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'hs_object_id',
]);

/**
 * Without `asked`, the type's default properties (null when unset). With it, the
 * always-returned ones plus each asked property that exists; unknown names are
 * left out, as HubSpot does.
 */
export function selectProperties(
  core: PortalCore,
  type: ObjectTypeDef,
  r: RecordView,
  asked?: string[],
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const useDefaults = !asked || asked.length === 0;
  for (const name of type.defaultProperties) {
    if (useDefaults || ALWAYS.has(name)) out[name] = readValue(core, type, r, name) ?? null;
  }
  if (useDefaults) return out;
  for (const name of asked) {
    if (name in out || !core.properties.get(type.name, name)) continue;
    out[name] = readValue(core, type, r, name) ?? null;
  }
  return out;
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

export function associationsJson(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  toTypes: string[],
): ObjectJson['associations'] {
  const out: NonNullable<ObjectJson['associations']> = {};
  for (const name of toTypes) {
    const to = core.types.resolve(name);
    if (!to) continue;
    const results: Array<{ id: string; type: string }> = [];
    for (const t of core.associations.targets(type.name, id, to.name)) {
      const target = core.record(to, t.toId);
      if (!target || target.archived) continue;
      for (const typeId of t.typeIds)
        results.push({ id: String(t.toId), type: v3AssociationName(core, type, to, typeId) });
    }
    if (results.length > 0) out[to.name] = { results };
  }
  return out;
}

export function objectJson(
  core: PortalCore,
  type: ObjectTypeDef,
  r: CrmRecord,
  opts: ReadOptions = {},
): ObjectJson {
  const json: ObjectJson = {
    id: String(r.id),
    properties: selectProperties(core, type, r, opts.properties),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    archived: r.archived,
  };
  if (r.archived) json.archivedAt = iso(r.archivedAt);
  if (opts.associations && opts.associations.length > 0) {
    const assoc = associationsJson(core, type, r.id, opts.associations);
    if (assoc && Object.keys(assoc).length > 0) json.associations = assoc;
  }
  return json;
}
