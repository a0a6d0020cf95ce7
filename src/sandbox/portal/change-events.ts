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

/** Who makes a change; every write method of PortalState takes one. */
export interface ChangeSource {
  changeSource?: string;
  sourceId?: string;
  /** Seeding: skip events (and listeners) for bulk loads. */
  silent?: boolean;
}

export class ChangeEmitter {
  private listeners: ChangeListener[] = [];

  on(listener: ChangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  get active(): boolean {
    return this.listeners.length > 0;
  }

  emit(e: ChangeEvent): void {
    // A failing listener (webhook delivery) must not fail the API call that caused it.
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        /* listener errors are the listener's business */
      }
    }
  }
}
