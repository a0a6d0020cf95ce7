import { notFound } from '../errors.js';
import type { AssociationTypeDef } from './association-types.js';
import { PRIMARY_TYPE_IDS } from './association-types.js';
import type { ChangeSource } from './change-events.js';
import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import type { CrmRecord } from './record.js';
import { eventType } from './record-writes.js';
import { onAssociationChanged } from './rollups.js';

export interface AssociationTypeInput {
  associationCategory?: string;
  associationTypeId: number;
}

/** A live record or HubSpot's 404. */
export function liveRecord(core: PortalCore, type: ObjectTypeDef, id: number): CrmRecord {
  const r = core.record(type, id);
  if (!r || r.archived) {
    throw notFound(`No ${type.name} with ID ${id} exists`, {
      id: [String(id)],
      objectType: [type.name],
    });
  }
  return r;
}

function emitChange(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  def: AssociationTypeDef,
  removed: boolean,
  src: ChangeSource,
): void {
  core.emit(
    {
      objectType: eventType(from),
      objectTypeId: from.objectTypeId,
      objectId: String(fromId),
      kind: 'associationChange',
      association: {
        fromObjectType: eventType(from),
        fromObjectId: String(fromId),
        toObjectType: eventType(to),
        toObjectId: String(toId),
        associationTypeId: def.typeId,
        associationCategory: def.category,
        removed,
      },
    },
    src,
  );
}

function addEdge(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  def: AssociationTypeDef,
  src: ChangeSource,
): boolean {
  const added = core.associations.add(
    from.name,
    fromId,
    to.name,
    toId,
    def.typeId,
    def.inverseTypeId,
  );
  if (added) emitChange(core, from, fromId, to, toId, def, false, src);
  return added;
}

function removeEdge(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  def: AssociationTypeDef,
  src: ChangeSource,
): boolean {
  const removed = core.associations.remove(
    from.name,
    fromId,
    to.name,
    toId,
    def.typeId,
    def.inverseTypeId,
  );
  if (removed) emitChange(core, from, fromId, to, toId, def, true, src);
  return removed;
}

/** A record has one primary company: a new primary replaces the old one. */
function dropOtherPrimary(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  def: AssociationTypeDef,
  src: ChangeSource,
): void {
  const [ownerType, ownerId, otherType, otherId, primaryId] = PRIMARY_TYPE_IDS.has(def.typeId)
    ? [from, fromId, to, toId, def.typeId]
    : PRIMARY_TYPE_IDS.has(def.inverseTypeId)
      ? [to, toId, from, fromId, def.inverseTypeId]
      : [undefined, 0, undefined, 0, 0];
  if (!ownerType || !otherType) return;
  const primary = core.associationTypes.get(primaryId);
  if (!primary) return;
  for (const t of core.associations.targets(ownerType.name, ownerId, otherType.name)) {
    if (t.toId !== otherId && t.typeIds.includes(primaryId))
      removeEdge(core, ownerType, ownerId, otherType, t.toId, primary, src);
  }
}

/**
 * Associates two live records with the given types ('default' = unlabeled).
 * A labeled association always carries the unlabeled one too, as in HubSpot.
 * Answers the types now between the two records.
 */
export function associate(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  types: AssociationTypeInput[] | 'default',
  src: ChangeSource = {},
): AssociationTypeDef[] {
  liveRecord(core, from, fromId);
  liveRecord(core, to, toId);
  if (from.custom || to.custom) core.associationTypes.ensurePair(from.name, to.name);
  const defs =
    types === 'default'
      ? [core.associationTypes.defaultFor(from.name, to.name)]
      : types.map((t) =>
          core.associationTypes.require(
            from.name,
            to.name,
            t.associationTypeId,
            t.associationCategory,
          ),
        );
  const unlabeled = core.associationTypes.forPair(from.name, to.name).find((t) => t.label === null);
  if (unlabeled && !defs.includes(unlabeled)) defs.push(unlabeled);
  let any = false;
  for (const def of defs) {
    if (def.label !== null) dropOtherPrimary(core, from, fromId, to, toId, def, src);
    any = addEdge(core, from, fromId, to, toId, def, src) || any;
  }
  if (any) {
    core.store(from).generation++;
    core.store(to).generation++;
    onAssociationChanged(core, from.name, fromId, to.name, toId, true, src);
  }
  return core.associations
    .typesBetween(from.name, fromId, to.name, toId)
    .flatMap((id) => core.associationTypes.get(id) ?? []);
}

/** Removes the given types (or all) between two records; answers how many edges went. */
export function unassociate(
  core: PortalCore,
  from: ObjectTypeDef,
  fromId: number,
  to: ObjectTypeDef,
  toId: number,
  typeIds: number[] | 'all' = 'all',
  src: ChangeSource = {},
): number {
  const present = core.associations.typesBetween(from.name, fromId, to.name, toId);
  const wanted = typeIds === 'all' ? present : present.filter((id) => typeIds.includes(id));
  let n = 0;
  for (const id of wanted) {
    const def = core.associationTypes.get(id);
    if (def && removeEdge(core, from, fromId, to, toId, def, src)) n++;
  }
  if (n > 0) {
    core.store(from).generation++;
    core.store(to).generation++;
    onAssociationChanged(core, from.name, fromId, to.name, toId, false, src);
  }
  return n;
}
