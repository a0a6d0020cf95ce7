import { generateDemoCompanies } from '../../demo/generate.js';
import { createDemoContext } from '../../demo/context.js';
import type { Association, HubSpotRecord } from '../../sync/records.js';
import { HubSpotError } from '../errors.js';
import { DEFAULT_ASSOCIATION_TYPES } from '../portal/association-types.js';
import type { PortalState } from '../portal/portal-state.js';
import { provisionKamProperties } from './kam-properties.js';

/**
 * Loads the demo generator's portal (src/demo) into a sandbox portal. The
 * generator has its own ids; records get sandbox ids and every reference
 * (owner ids, associations) is mapped. Writes are silent: seeding sends no
 * webhooks. Values HubSpot computes itself are skipped.
 */
export interface DemoSeedOptions {
  companies?: number;
  seed?: number;
  /** Create the app's kam_* properties first (default true; the demo carries rep inputs in them). */
  provisionKamProperties?: boolean;
}

export interface DemoSeedResult {
  companies: number;
  records: number;
  associations: number;
  /** Property values dropped because the portal rejects them. */
  skippedValues: number;
}

const SYSTEM = new Set(['hs_object_id', 'hs_lastmodifieddate', 'lastmodifieddate']);

export function seedDemo(
  portal: PortalState,
  now: number,
  options: DemoSeedOptions = {},
): DemoSeedResult {
  if (options.provisionKamProperties !== false) provisionKamProperties(portal, now);
  const ctx = createDemoContext({
    companies: options.companies ?? 50,
    seed: options.seed ?? 42,
    asOf: new Date(now).toISOString(),
    timeZone: portal.timeZone,
  });
  const ownerIds = new Map<string, string>();
  for (const o of ctx.owners) {
    const existing = portal.owners.list().find((p) => p.email === o.email);
    const owner =
      existing ??
      portal.owners.add({
        email: o.email,
        firstName: o.firstName,
        lastName: o.lastName,
        teams: o.teams,
      });
    ownerIds.set(o.id, owner.id);
  }
  const result: DemoSeedResult = { companies: 0, records: 0, associations: 0, skippedValues: 0 };
  const ids = new Map<string, string>();
  const write = (type: string, record: HubSpotRecord) => {
    const props = valuesFor(portal, type, record, ownerIds, result);
    const created = createLenient(portal, type, props, result);
    ids.set(`${type}:${record.id}`, String(created.id));
    result.records++;
  };
  for (const bundle of generateDemoCompanies(ctx)) {
    write('companies', bundle.company);
    result.companies++;
    for (const [type, list] of [
      ['contacts', bundle.contacts],
      ['deals', bundle.deals],
      ['meetings', bundle.meetings],
      ['calls', bundle.calls],
      ['emails', bundle.emails],
    ] as const) {
      for (const r of list) write(type, r);
    }
    for (const a of bundle.associations) if (associate(portal, a, ids)) result.associations++;
  }
  return result;
}

function valuesFor(
  portal: PortalState,
  type: string,
  record: HubSpotRecord,
  ownerIds: Map<string, string>,
  result: DemoSeedResult,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.properties)) {
    if (value === null || SYSTEM.has(name)) continue;
    if (name === 'createdate' || name === 'hs_createdate') {
      out[name] = value;
      continue;
    }
    const def = portal.properties.get(type, name);
    if (!def || def.readOnlyValue || def.calculated) {
      result.skippedValues++;
      continue;
    }
    out[name] = def.referencedObjectType === 'OWNER' ? (ownerIds.get(value) ?? value) : value;
  }
  return out;
}

/** Creates the record; values the portal rejects are dropped one round, then it must succeed. */
function createLenient(
  portal: PortalState,
  type: string,
  props: Record<string, string>,
  result: DemoSeedResult,
) {
  const createdAt = Date.parse(props.createdate ?? props.hs_createdate ?? '');
  const opts = { silent: true, at: Number.isNaN(createdAt) ? undefined : createdAt };
  try {
    return portal.createObject(type, props, opts);
  } catch (err) {
    if (!(err instanceof HubSpotError) || !err.errors) throw err;
    const rest = { ...props };
    for (const e of err.errors)
      if (e.in !== undefined && e.in in rest) {
        delete rest[e.in];
        result.skippedValues++;
      }
    return portal.createObject(type, rest, opts);
  }
}

const primaryTypeId = (from: string, to: string): number | undefined =>
  DEFAULT_ASSOCIATION_TYPES.find(
    (t) => t.fromType === from && t.toType === to && t.label === 'Primary',
  )?.typeId;

function associate(portal: PortalState, a: Association, ids: Map<string, string>): boolean {
  const from = ids.get(`${a.fromType}:${a.fromId}`);
  const to = ids.get(`${a.toType}:${a.toId}`);
  if (from === undefined || to === undefined) return false;
  const primary = a.primary ? primaryTypeId(a.fromType, a.toType) : undefined;
  const types =
    primary !== undefined
      ? [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: primary }]
      : 'default';
  portal.associate(a.fromType, from, a.toType, to, types, { silent: true });
  return true;
}
