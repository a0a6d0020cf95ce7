import type { SandboxClock } from '../clock.js';
import { HubSpotError } from '../errors.js';
import { AssociationTypeRegistry } from './association-registry.js';
import { AssociationStore } from './association-store.js';
import {
  ChangeEmitter,
  type ChangeEvent,
  type ChangeKind,
  type ChangeSource,
} from './change-events.js';
import { ObjectStore } from './object-store.js';
import { ObjectTypeRegistry, type ObjectTypeDef } from './object-types.js';
import { OwnerStore } from './owners.js';
import { PropertyRegistry } from './property-registry.js';
import type { CrmRecord } from './record.js';
import { eventType } from './record-writes.js';

export interface PortalSettings {
  portalId: number;
  timeZone: string;
  currency: string;
  /** Delay (ms) before a change shows in search results, like HubSpot's search index. */
  searchIndexLagMs: number;
}

/**
 * The shared state of one portal that the write/read services work on. Not the
 * public API (that is PortalState); it exists so services can live in small modules.
 */
export class PortalCore {
  readonly types = new ObjectTypeRegistry();
  readonly properties: PropertyRegistry;
  readonly associations = new AssociationStore((type, id) => this.stores.get(type)?.get(id)?.slot);
  readonly associationTypes = new AssociationTypeRegistry();
  readonly owners: OwnerStore;
  readonly events = new ChangeEmitter();
  /** Unique-value indexes: `${type}|${property}` → value → record id. */
  readonly unique = new Map<string, Map<string, number>>();
  /** Latest time a search snapshot stays in force (see beforeChange); none is in force after it. */
  staleUntil = 0;
  private readonly stores = new Map<string, ObjectStore>();
  private nextId: number;

  constructor(
    readonly settings: PortalSettings,
    readonly clock: SandboxClock,
  ) {
    const now = () => clock.now();
    this.properties = new PropertyRegistry(now);
    this.owners = new OwnerStore(settings.portalId, now);
    this.nextId = 1001;
  }

  get portalId(): number {
    return this.settings.portalId;
  }

  now(): number {
    return this.clock.now();
  }

  allocateId(): number {
    return this.nextId++;
  }

  /** Resolves an object type named in a path; 400 like HubSpot for unknown types. */
  type(nameOrId: string): ObjectTypeDef {
    const t = this.types.resolve(nameOrId);
    if (!t) {
      throw new HubSpotError(400, `Unable to infer object type from: ${nameOrId}`, {
        category: 'VALIDATION_ERROR',
        context: { objectType: [nameOrId] },
      });
    }
    return t;
  }

  store(type: ObjectTypeDef): ObjectStore {
    let s = this.stores.get(type.name);
    if (!s) this.stores.set(type.name, (s = new ObjectStore()));
    return s;
  }

  /** The record, including archived ones; undefined when it never existed. */
  record(type: ObjectTypeDef, id: number): CrmRecord | undefined {
    return this.stores.get(type.name)?.get(id);
  }

  /** Whether the record exists and is not archived (without looking it up). */
  isLive(type: ObjectTypeDef, id: number): boolean {
    return this.stores.get(type.name)?.isLive(id) ?? false;
  }

  uniqueIndex(type: ObjectTypeDef, property: string): Map<string, number> {
    const key = `${type.name}|${property}`;
    let m = this.unique.get(key);
    if (!m) this.unique.set(key, (m = new Map()));
    return m;
  }

  isUnique(type: ObjectTypeDef, property: string): boolean {
    if (type.name === 'contacts' && property === 'email') return true;
    return this.properties.get(type.name, property)?.hasUniqueValue === true;
  }

  /**
   * Called before a record changes: while the search index lags, search keeps
   * seeing the state from before the first unindexed change.
   */
  beforeChange(r: CrmRecord, isNew = false): void {
    const lag = this.settings.searchIndexLagMs;
    if (lag <= 0) return;
    const t = this.now();
    this.staleUntil = Math.max(this.staleUntil, t + lag);
    if (r.stale && r.stale.until > t) {
      r.stale.until = t + lag;
      return;
    }
    r.stale = isNew
      ? { until: t + lag, archived: false, updatedAt: r.updatedAt }
      : { until: t + lag, props: r.props.slice(), archived: r.archived, updatedAt: r.updatedAt };
  }

  emit(
    e: Omit<ChangeEvent, 'portalId' | 'occurredAt' | 'changeSource'>,
    src: ChangeSource = {},
    at?: number,
  ): void {
    if (src.silent || !this.events.active) return;
    if (!this.events.wants(this.portalId, e.kind, e.objectType, e.objectTypeId, e.propertyName))
      return;
    this.events.emit({
      portalId: this.portalId,
      occurredAt: at ?? this.now(),
      changeSource: src.changeSource ?? 'API',
      ...(src.sourceId !== undefined ? { sourceId: src.sourceId } : {}),
      ...e,
    });
  }

  /** Whether such a change would reach a listener: hot writes build no event otherwise. */
  wantsChange(
    src: ChangeSource,
    type: ObjectTypeDef,
    kind: ChangeKind,
    propertyName?: string,
  ): boolean {
    return (
      !src.silent &&
      this.events.active &&
      this.events.wants(this.portalId, kind, eventType(type), type.objectTypeId, propertyName)
    );
  }

  storeStats(): Record<string, { live: number; archived: number }> {
    const out: Record<string, { live: number; archived: number }> = {};
    for (const [name, s] of this.stores)
      out[name] = { live: s.liveCount, archived: s.size - s.liveCount };
    return out;
  }
}
