/**
 * Change events a portal emits; S2 turns them into signed webhook deliveries.
 * Shapes follow HubSpot's webhook payload fields (subscriptionType suffixes).
 */
export type ChangeKind =
  | 'creation'
  | 'deletion'
  | 'propertyChange'
  | 'merge'
  | 'restore'
  | 'associationChange'
  | 'privacyDeletion';

export interface AssociationChange {
  fromObjectType: string;
  fromObjectId: string;
  toObjectType: string;
  toObjectId: string;
  associationTypeId: number;
  associationCategory: string;
  removed: boolean;
}

export interface ChangeEvent {
  portalId: number;
  /** 'companies' | 'contacts' | 'deals' | 'tasks' | ... ; custom types by objectTypeId ('2-123'). */
  objectType: string;
  /** HubSpot's id for the type ('0-2' for companies). */
  objectTypeId: string;
  objectId: string;
  kind: ChangeKind;
  propertyName?: string;
  propertyValue?: string;
  /** 'API' | 'CRM_UI' | 'INTEGRATION' | 'CALCULATED' | 'IMPORT' ... */
  changeSource: string;
  /** e.g. 'app-<appId>' when an app made the change. */
  sourceId?: string;
  occurredAt: number;
  mergedObjectIds?: string[];
  primaryObjectId?: string;
  newObjectId?: string;
  association?: AssociationChange;
}

export type ChangeListener = (e: ChangeEvent) => void;

/**
 * Whether a listener can use a change, asked before the event is built: a
 * batch update makes hundreds of changes that no webhook subscription names,
 * and building an event for each was a tenth of its cost.
 */
export type ChangeInterest = (
  portalId: number,
  kind: ChangeKind,
  objectType: string,
  objectTypeId: string,
  propertyName?: string,
) => boolean;

/** Who makes a change; every write method of PortalState takes one. */
export interface ChangeSource {
  changeSource?: string;
  sourceId?: string;
  /** Seeding: skip events (and listeners) for bulk loads. */
  silent?: boolean;
}

export class ChangeEmitter {
  /** `wants` undefined: the listener wants every change. */
  private listeners: Array<{ listener: ChangeListener; wants?: ChangeInterest }> = [];

  /** `wants` (optional) tells which changes the listener can use; it still gets every event. */
  on(listener: ChangeListener, wants?: ChangeInterest): () => void {
    this.listeners = [...this.listeners, { listener, wants }];
    return () => {
      this.listeners = this.listeners.filter((l) => l.listener !== listener);
    };
  }

  get active(): boolean {
    return this.listeners.length > 0;
  }

  /** Whether any listener can use such a change (events no one wants need not be built). */
  wants(
    portalId: number,
    kind: ChangeKind,
    objectType: string,
    objectTypeId: string,
    propertyName?: string,
  ): boolean {
    for (const { wants } of this.listeners)
      if (!wants || wants(portalId, kind, objectType, objectTypeId, propertyName)) return true;
    return false;
  }

  emit(e: ChangeEvent): void {
    // A failing listener (webhook delivery) must not fail the API call that caused it.
    for (const { listener } of this.listeners) {
      try {
        listener(e);
      } catch {
        /* listener errors are the listener's business */
      }
    }
  }
}
