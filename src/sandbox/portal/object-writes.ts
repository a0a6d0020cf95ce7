import { HubSpotError, notFound } from '../errors.js';
import { associate, liveRecord, type AssociationTypeInput } from './association-writes.js';
import type { ChangeSource } from './change-events.js';
import { ENGAGEMENT_TYPES, SALES_ACTIVITY_TYPES, type ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import { parseTime } from './property-validation.js';
import { CrmRecord, exact, intern } from './record.js';
import { applyValues, eventType, reindexUnique, type ValueChanges } from './record-writes.js';
import { onActivityChanged, recompute } from './rollups.js';
import { checkUnique, validateValues } from './write-validation.js';

export interface WriteOptions extends ChangeSource {
  /** Time of the change (seeding history); defaults to the clock. */
  at?: number;
}

/** An association given with a v3 create: `{ to: { id }, types: [...] }`. */
export interface CreateAssociation {
  to: { id: string | number };
  types: AssociationTypeInput[];
}

/** Values HubSpot fills in when a record is created without them. */
function defaults(type: ObjectTypeDef, values: ValueChanges, createdAt: number): ValueChanges {
  const has = (n: string) => values.some(([k, v]) => k === n && v !== null);
  const extra: ValueChanges = [];
  if (type.name === 'tasks' && !has('hs_task_status'))
    extra.push(['hs_task_status', 'NOT_STARTED']);
  if (type.name === 'deals' && !has('pipeline')) extra.push(['pipeline', 'default']);
  if (ENGAGEMENT_TYPES.has(type.name) && !has('hs_timestamp'))
    extra.push(['hs_timestamp', new Date(createdAt).toISOString()]);
  return [...values, ...extra];
}

function createdAtOf(input: Record<string, unknown>, fallback: number): number {
  const raw = input.createdate ?? input.hs_createdate;
  const t = typeof raw === 'string' || typeof raw === 'number' ? parseTime(String(raw)) : NaN;
  return Number.isNaN(t) ? fallback : t;
}

/** Resolves the target type of each v3 create association from its type id, before anything is written. */
function planAssociations(core: PortalCore, type: ObjectTypeDef, list: CreateAssociation[]) {
  return list.map((a) => {
    const toId = Number(a.to.id);
    const first = a.types[0];
    const def = first && core.associationTypes.get(first.associationTypeId);
    if (!def || def.fromType !== type.name) {
      throw new HubSpotError(
        400,
        `Invalid association type ${first?.associationTypeId} for ${type.name}`,
        { category: 'VALIDATION_ERROR' },
      );
    }
    const to = core.type(def.toType);
    liveRecord(core, to, toId);
    return { to, toId, types: a.types };
  });
}

export function createObject(
  core: PortalCore,
  type: ObjectTypeDef,
  input: Record<string, unknown>,
  associations: CreateAssociation[] = [],
  opts: WriteOptions = {},
): CrmRecord {
  const values = validateValues(core, type, input);
  checkUnique(core, type, values);
  const plan = planAssociations(core, type, associations);
  const at = opts.at ?? core.now();
  const r = new CrmRecord(core.allocateId(), createdAtOf(input, at));
  r.updatedAt = Math.max(at, r.createdAt);
  const all = defaults(type, values, r.createdAt).filter(([, v]) => v !== null);
  const props = exact(all.length * 2);
  all.forEach(([name, value], i) => {
    props[2 * i] = intern(name);
    props[2 * i + 1] = value ?? '';
  });
  r.props = props;
  core.beforeChange(r, true);
  core.store(type).add(r);
  reindexUnique(core, type, r, true);
  const objectId = String(r.id);
  core.emit(
    { objectType: eventType(type), objectTypeId: type.objectTypeId, objectId, kind: 'creation' },
    opts,
    at,
  );
  for (const [name, value] of all) {
    core.emit(
      {
        objectType: eventType(type),
        objectTypeId: type.objectTypeId,
        objectId,
        kind: 'propertyChange',
        propertyName: name,
        propertyValue: value ?? '',
      },
      opts,
      at,
    );
  }
  for (const p of plan) associate(core, type, r.id, p.to, p.toId, p.types, opts);
  return r;
}

export function updateObject(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  input: Record<string, unknown>,
  opts: WriteOptions = {},
): CrmRecord {
  liveRecord(core, type, id);
  return updateValidated(core, type, id, validateValues(core, type, input), opts);
}

/** {@link updateObject} with values {@link validateValues} already checked (batch update validates all inputs first). */
export function updateValidated(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  values: ValueChanges,
  opts: WriteOptions = {},
): CrmRecord {
  return updateRecord(core, type, liveRecord(core, type, id), values, opts);
}

/** {@link updateValidated} on a live record already looked up. */
export function updateRecord(
  core: PortalCore,
  type: ObjectTypeDef,
  r: CrmRecord,
  values: ValueChanges,
  opts: WriteOptions = {},
): CrmRecord {
  checkUnique(core, type, values, r.id);
  const changed = applyValues(core, type, r, values, opts, opts.at);
  if (changed.some(([name]) => name === 'hs_timestamp') && SALES_ACTIVITY_TYPES.has(type.name))
    onActivityChanged(core, type.name, r.id, opts);
  return r;
}

export function archiveObject(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  opts: WriteOptions = {},
): boolean {
  const r = core.record(type, id);
  if (!r || r.archived) return false;
  const at = opts.at ?? core.now();
  core.beforeChange(r);
  reindexUnique(core, type, r, false);
  core.store(type).setArchived(r, true);
  r.archivedAt = at;
  r.updatedAt = Math.max(at, r.updatedAt);
  core.store(type).touch(r);
  core.emit(
    {
      objectType: eventType(type),
      objectTypeId: type.objectTypeId,
      objectId: String(id),
      kind: 'deletion',
    },
    opts,
    at,
  );
  afterLiveChange(core, type, r.id, opts);
  return true;
}

export function restoreObject(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  opts: WriteOptions = {},
): CrmRecord {
  const r = core.record(type, id);
  if (!r) throw notFound(`No ${type.name} with ID ${id} exists`);
  if (!r.archived) return r;
  checkUnique(core, type, [...r.entries()], r.id);
  const at = opts.at ?? core.now();
  core.beforeChange(r);
  core.store(type).setArchived(r, false);
  r.archivedAt = 0;
  reindexUnique(core, type, r, true);
  r.updatedAt = Math.max(at, r.updatedAt);
  core.store(type).touch(r);
  core.emit(
    {
      objectType: eventType(type),
      objectTypeId: type.objectTypeId,
      objectId: String(id),
      kind: 'restore',
    },
    opts,
    at,
  );
  afterLiveChange(core, type, r.id, opts);
  return r;
}

/** Archiving or restoring changes counts and roll-ups of associated records. */
function afterLiveChange(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  opts: ChangeSource,
): void {
  for (const linked of core.associations.linkedTypes(type.name)) {
    const t = core.types.resolve(linked);
    if (t) core.store(t).generation++;
  }
  if (SALES_ACTIVITY_TYPES.has(type.name)) onActivityChanged(core, type.name, id, opts);
  if (type.name === 'contacts') {
    for (const companyId of core.associations.targetIds('contacts', id, 'companies'))
      recompute(core, 'companies', companyId, opts);
  }
}
