import type { WebhookEvent } from './event-schema.js';

/**
 * Maps webhook events to the CRM objects they touch, in the shape BE2's
 * `syncObjects` takes. A contact or deal change reaches its companies later,
 * through the associations syncObjects reads; here we only name the objects.
 */

export const syncObjectTypes = [
  'companies',
  'contacts',
  'deals',
  'meetings',
  'calls',
  'emails',
] as const;
export type SyncObjectType = (typeof syncObjectTypes)[number];

export interface ObjectRef {
  objectType: SyncObjectType;
  objectId: string;
  deleted?: boolean;
}

/** A task status change, kept for the alerts issue (task completion → next 3R step). */
export interface TaskChange {
  taskId: string;
  propertyName: string | null;
  propertyValue: string | null;
  occurredAt: number;
}

export interface MappedEvents {
  refs: ObjectRef[];
  tasks: TaskChange[];
  /** Contacts erased for privacy (GDPR): the mirror and alert evidence must forget them. */
  privacyDeletedContacts: string[];
  /** Events naming nothing we mirror (other object types, unknown subscriptions). */
  unmapped: number;
}

const byTypeId: Record<string, SyncObjectType | 'tasks'> = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-27': 'tasks',
  '0-47': 'meetings',
  '0-48': 'calls',
  '0-49': 'emails',
};

const byName: Record<string, SyncObjectType | 'tasks'> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  task: 'tasks',
  meeting: 'meetings',
  meeting_event: 'meetings',
  call: 'calls',
  email: 'emails',
};

type Kind =
  | 'creation'
  | 'deletion'
  | 'propertyChange'
  | 'merge'
  | 'restore'
  | 'associationChange'
  | 'privacyDeletion'
  | 'other';

function kindOf(subscriptionType: string): Kind {
  const suffix = subscriptionType.slice(subscriptionType.lastIndexOf('.') + 1);
  const known: Kind[] = [
    'creation',
    'deletion',
    'propertyChange',
    'merge',
    'restore',
    'associationChange',
    'privacyDeletion',
  ];
  return known.find((k) => k === suffix) ?? 'other';
}

/** `object.*` events name the type by id; classic ones by the subscription prefix. */
function typeOf(e: WebhookEvent): SyncObjectType | 'tasks' | null {
  if (e.objectTypeId !== undefined) return byTypeId[e.objectTypeId] ?? null;
  const prefix = e.subscriptionType.split('.')[0].toLowerCase();
  return byName[prefix] ?? null;
}

/** `CONTACT_TO_COMPANY` → [contacts, companies]. */
function associationTypes(
  e: WebhookEvent,
): [SyncObjectType | 'tasks' | null, SyncObjectType | 'tasks' | null] {
  if (e.fromObjectTypeId !== undefined || e.toObjectTypeId !== undefined) {
    return [byTypeId[e.fromObjectTypeId ?? ''] ?? null, byTypeId[e.toObjectTypeId ?? ''] ?? null];
  }
  const m = /^([A-Z_]+?)_TO_([A-Z_]+)$/.exec(e.associationType ?? '');
  if (!m) return [null, null];
  return [byName[m[1].toLowerCase()] ?? null, byName[m[2].toLowerCase()] ?? null];
}

class RefSet {
  private readonly refs = new Map<string, ObjectRef>();
  /** Later events win: a restore after a deletion leaves the object alive. */
  set(objectType: SyncObjectType, objectId: string, deleted: boolean): void {
    const key = `${objectType}:${objectId}`;
    this.refs.delete(key);
    this.refs.set(
      key,
      deleted ? { objectType, objectId, deleted: true } : { objectType, objectId },
    );
  }
  list(): ObjectRef[] {
    return [...this.refs.values()];
  }
}

const str = (v: string | number | undefined): string | undefined =>
  v === undefined ? undefined : String(v);

/** Maps events (any order) to refs; events are applied in `occurredAt` order. */
export function mapEvents(events: readonly WebhookEvent[]): MappedEvents {
  const sorted = [...events].sort((a, b) => a.occurredAt - b.occurredAt);
  const refs = new RefSet();
  const tasks: TaskChange[] = [];
  const privacy = new Set<string>();
  let unmapped = 0;
  const add = (type: SyncObjectType | 'tasks' | null, id: string | undefined, deleted: boolean) => {
    if (type === null || type === 'tasks' || id === undefined) return false;
    refs.set(type, id, deleted);
    return true;
  };
  for (const e of sorted) {
    const kind = kindOf(e.subscriptionType);
    const type = typeOf(e);
    const objectId = str(e.objectId);
    if (kind === 'associationChange') {
      const [from, to] = associationTypes(e);
      const a = add(from, str(e.fromObjectId), false);
      const b = add(to, str(e.toObjectId), false);
      if (!a && !b) unmapped++;
      continue;
    }
    if (type === 'tasks' && objectId !== undefined) {
      tasks.push({
        taskId: objectId,
        propertyName: e.propertyName ?? null,
        propertyValue: e.propertyValue ?? null,
        occurredAt: e.occurredAt,
      });
      continue;
    }
    switch (kind) {
      case 'deletion':
        if (!add(type, objectId, true)) unmapped++;
        break;
      case 'privacyDeletion':
        if (add(type ?? 'contacts', objectId, true) && objectId !== undefined)
          privacy.add(objectId);
        else unmapped++;
        break;
      case 'merge': {
        // The survivor is re-read (it now holds the merged records' associations); the others are gone.
        const survivor = str(e.newObjectId) ?? str(e.primaryObjectId) ?? objectId;
        if (!add(type, survivor, false)) {
          unmapped++;
          break;
        }
        for (const merged of e.mergedObjectIds ?? []) {
          if (String(merged) !== survivor) add(type, String(merged), true);
        }
        if (objectId !== undefined && objectId !== survivor) add(type, objectId, true);
        break;
      }
      case 'creation':
      case 'propertyChange':
      case 'restore':
        if (!add(type, objectId, false)) unmapped++;
        break;
      default:
        unmapped++;
    }
  }
  return { refs: refs.list(), tasks, privacyDeletedContacts: [...privacy], unmapped };
}
