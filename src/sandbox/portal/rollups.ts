import type { ChangeSource } from './change-events.js';
import { SALES_ACTIVITY_TYPES } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import { parseTime } from './property-validation.js';
import { applyValues } from './record-writes.js';

/**
 * HubSpot's "last contacted" roll-ups: a meeting, call or email associated with
 * a contact or company moves `notes_last_contacted` and
 * `hs_last_sales_activity_timestamp` on it (and on the contact's companies).
 */
const ROLLUP_PROPS = ['notes_last_contacted', 'hs_last_sales_activity_timestamp'];
const CALCULATED: ChangeSource = { changeSource: 'CALCULATED' };
const TARGETS = new Set(['companies', 'contacts']);

function activityTime(core: PortalCore, engType: string, engId: number): number | undefined {
  const t = core.types.resolve(engType);
  const r = t && core.record(t, engId);
  if (!t || !r || r.archived) return undefined;
  const ts = r.get('hs_timestamp');
  const parsed = ts !== undefined ? parseTime(ts) : NaN;
  return Number.isNaN(parsed) ? r.createdAt : parsed;
}

/** Latest sales activity on a record itself (not via its contacts). */
function latestDirect(core: PortalCore, type: string, id: number): number | undefined {
  let best: number | undefined;
  for (const engType of SALES_ACTIVITY_TYPES) {
    for (const engId of core.associations.targetIds(type, id, engType)) {
      const t = activityTime(core, engType, engId);
      if (t !== undefined && (best === undefined || t > best)) best = t;
    }
  }
  return best;
}

function latestFor(core: PortalCore, type: string, id: number): number | undefined {
  let best = latestDirect(core, type, id);
  if (type === 'companies') {
    for (const contactId of core.associations.targetIds('companies', id, 'contacts')) {
      const t = latestDirect(core, 'contacts', contactId);
      if (t !== undefined && (best === undefined || t > best)) best = t;
    }
  }
  return best;
}

function write(
  core: PortalCore,
  type: string,
  id: number,
  at: number | undefined,
  src: ChangeSource,
): void {
  const t = core.types.resolve(type);
  const r = t && core.record(t, id);
  if (!t || !r) return;
  const value = at === undefined ? null : new Date(at).toISOString();
  applyValues(
    core,
    t,
    r,
    ROLLUP_PROPS.map((p): [string, string | null] => [p, value]),
    { ...CALCULATED, silent: src.silent },
  );
}

/** Recomputes the roll-ups of one contact or company from scratch. */
export function recompute(
  core: PortalCore,
  type: string,
  id: number,
  src: ChangeSource = {},
): void {
  if (!TARGETS.has(type)) return;
  write(core, type, id, latestFor(core, type, id), src);
  if (type === 'contacts') {
    for (const companyId of core.associations.targetIds('contacts', id, 'companies')) {
      write(core, 'companies', companyId, latestFor(core, 'companies', companyId), src);
    }
  }
}

/** Raises a record's roll-up to `at` when later (the cheap path for new activity). */
function raise(
  core: PortalCore,
  type: string,
  id: number,
  at: number | undefined,
  src: ChangeSource,
): void {
  if (at === undefined) return;
  const t = core.types.resolve(type);
  const current = t && core.record(t, id)?.get(ROLLUP_PROPS[0]);
  if (current === undefined || parseTime(current) < at) write(core, type, id, at, src);
}

/** Adds a new activity time to a contact or company, and to a contact's companies. */
function raiseWithCompanies(
  core: PortalCore,
  type: string,
  id: number,
  at: number | undefined,
  src: ChangeSource,
): void {
  if (!TARGETS.has(type)) return;
  raise(core, type, id, at, src);
  if (type === 'contacts') {
    for (const companyId of core.associations.targetIds('contacts', id, 'companies'))
      raise(core, 'companies', companyId, at, src);
  }
}

/** After an association was added or removed between two records. */
export function onAssociationChanged(
  core: PortalCore,
  aType: string,
  aId: number,
  bType: string,
  bId: number,
  added: boolean,
  src: ChangeSource,
): void {
  const [eng, other] = SALES_ACTIVITY_TYPES.has(aType)
    ? ([
        [aType, aId],
        [bType, bId],
      ] as const)
    : ([
        [bType, bId],
        [aType, aId],
      ] as const);
  if (SALES_ACTIVITY_TYPES.has(eng[0])) {
    if (added)
      raiseWithCompanies(core, other[0], other[1], activityTime(core, eng[0], eng[1]), src);
    else recompute(core, other[0], other[1], src);
    return;
  }
  const pair =
    aType === 'contacts' && bType === 'companies'
      ? [aId, bId]
      : aType === 'companies' && bType === 'contacts'
        ? [bId, aId]
        : undefined;
  if (!pair) return;
  if (added) raise(core, 'companies', pair[1], latestDirect(core, 'contacts', pair[0]), src);
  else recompute(core, 'companies', pair[1], src);
}

/** After a sales activity was created, archived, restored or re-timed. */
export function onActivityChanged(
  core: PortalCore,
  engType: string,
  engId: number,
  src: ChangeSource,
): void {
  if (!SALES_ACTIVITY_TYPES.has(engType)) return;
  for (const type of TARGETS) {
    for (const id of core.associations.targetIds(engType, engId, type))
      recompute(core, type, id, src);
  }
}
