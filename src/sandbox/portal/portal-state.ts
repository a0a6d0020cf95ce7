import type { SandboxClock } from '../clock.js';
import { notFound } from '../errors.js';
import { associate, unassociate, type AssociationTypeInput } from './association-writes.js';
import type { AssociationTypeDef } from './association-types.js';
import type { ChangeInterest, ChangeListener, ChangeSource } from './change-events.js';
import { seedDefaultProperties } from './default-properties.js';
import { readValue } from './derived-properties.js';
import { gdprDelete, MergeAliases, mergeObjects } from './merge.js';
import type { ObjectTypeDef } from './object-types.js';
import {
  archiveObject,
  createObject,
  restoreObject,
  updateObject,
  type CreateAssociation,
  type WriteOptions,
} from './object-writes.js';
import { DEFAULT_OWNERS, type OwnerSeed } from './owners.js';
import { PortalCore, type PortalSettings } from './portal-core.js';
import type { CrmRecord } from './record.js';
import { SchemaRegistry } from './schemas.js';

export type {
  ChangeEvent,
  ChangeInterest,
  ChangeKind,
  ChangeListener,
  ChangeSource,
} from './change-events.js';
export type { WriteOptions, CreateAssociation } from './object-writes.js';

export interface PortalOptions {
  portalId: number;
  timeZone?: string;
  currency?: string;
  searchIndexLagMs?: number;
  /** Owners to create; defaults to five sample owners. */
  owners?: OwnerSeed[];
}

export type PropertyInput = Record<string, string | number | boolean | null | undefined>;
type Id = string | number;

/** Ids in paths are numeric strings; anything else cannot name a record. */
export function parseId(id: Id): number {
  const n = typeof id === 'number' ? id : /^\d+$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n))
    throw notFound(`Object not found. objectId are usually numeric.`, { id: [String(id)] });
  return n;
}

/**
 * One HubSpot portal: objects per type, property definitions and groups,
 * associations, owners and custom schemas. Routes and the admin/seed code
 * share these methods; every write emits change events (see onChange).
 */
export class PortalState {
  /** Internals for the route and search modules; not for admin code. */
  readonly core: PortalCore;
  readonly aliases = new MergeAliases();
  /** Custom and app object schemas. */
  readonly schemas: SchemaRegistry;

  constructor(opts: PortalOptions, clock: SandboxClock) {
    const settings: PortalSettings = {
      portalId: opts.portalId,
      timeZone: opts.timeZone ?? 'UTC',
      currency: opts.currency ?? 'USD',
      searchIndexLagMs: opts.searchIndexLagMs ?? 0,
    };
    this.core = new PortalCore(settings, clock);
    this.schemas = new SchemaRegistry(this.core);
    seedDefaultProperties(this.core.properties);
    for (const o of opts.owners ?? DEFAULT_OWNERS) this.core.owners.add(o);
  }

  get portalId(): number {
    return this.core.portalId;
  }
  get timeZone(): string {
    return this.core.settings.timeZone;
  }
  get currency(): string {
    return this.core.settings.currency;
  }
  get searchIndexLagMs(): number {
    return this.core.settings.searchIndexLagMs;
  }
  set searchIndexLagMs(ms: number) {
    this.core.settings.searchIndexLagMs = Math.max(0, ms);
  }
  get owners() {
    return this.core.owners;
  }
  get properties() {
    return this.core.properties;
  }

  /**
   * Subscribes to change events; answers an unsubscribe function. `wants`
   * (optional) says which changes the listener can use, so that others are not built.
   */
  onChange(listener: ChangeListener, wants?: ChangeInterest): () => void {
    return this.core.events.on(listener, wants);
  }

  type(nameOrId: string): ObjectTypeDef {
    return this.core.type(nameOrId);
  }

  createObject(
    type: string,
    properties: PropertyInput,
    opts: WriteOptions & { associations?: CreateAssociation[] } = {},
  ): CrmRecord {
    return createObject(this.core, this.type(type), properties, opts.associations, opts);
  }

  updateObject(
    type: string,
    id: Id,
    properties: PropertyInput,
    opts: WriteOptions = {},
  ): CrmRecord {
    const t = this.type(type);
    return updateObject(this.core, t, this.aliases.resolve(t, parseId(id)), properties, opts);
  }

  archiveObject(type: string, id: Id, opts: WriteOptions = {}): boolean {
    return archiveObject(this.core, this.type(type), parseId(id), opts);
  }

  restoreObject(type: string, id: Id, opts: WriteOptions = {}): CrmRecord {
    return restoreObject(this.core, this.type(type), parseId(id), opts);
  }

  /** A record by id (following merges); archived ones only when asked. */
  getObject(type: string, id: Id, archived = false): CrmRecord | undefined {
    const t = this.type(type);
    const r = this.core.record(t, this.aliases.resolve(t, parseId(id)));
    return r && r.archived === archived ? r : undefined;
  }

  /** A property value as the API would answer it (computed values included). */
  getValue(type: string, r: CrmRecord, name: string): string | undefined {
    return readValue(this.core, this.type(type), r, name);
  }

  mergeObjects(type: string, primaryId: Id, mergeId: Id, opts: WriteOptions = {}): CrmRecord {
    return mergeObjects(
      this.core,
      this.aliases,
      this.type(type),
      parseId(primaryId),
      parseId(mergeId),
      opts,
    );
  }

  gdprDelete(type: string, id: Id, opts: WriteOptions = {}): void {
    gdprDelete(this.core, this.type(type), parseId(id), opts);
  }

  associate(
    fromType: string,
    fromId: Id,
    toType: string,
    toId: Id,
    types: AssociationTypeInput[] | 'default' = 'default',
    src: ChangeSource = {},
  ): AssociationTypeDef[] {
    return associate(
      this.core,
      this.type(fromType),
      parseId(fromId),
      this.type(toType),
      parseId(toId),
      types,
      src,
    );
  }

  unassociate(
    fromType: string,
    fromId: Id,
    toType: string,
    toId: Id,
    typeIds: number[] | 'all' = 'all',
    src: ChangeSource = {},
  ): number {
    return unassociate(
      this.core,
      this.type(fromType),
      parseId(fromId),
      this.type(toType),
      parseId(toId),
      typeIds,
      src,
    );
  }

  /** Ids of live records associated with a record. */
  associatedIds(fromType: string, fromId: Id, toType: string): string[] {
    const to = this.type(toType);
    return this.core.associations
      .targetIds(this.type(fromType).name, parseId(fromId), to.name)
      .filter((id) => this.core.record(to, id)?.archived === false)
      .map(String);
  }

  /** Object counts per type, plus associations. */
  stats(): {
    objects: Record<string, { live: number; archived: number }>;
    associations: number;
    owners: number;
  } {
    return {
      objects: this.core.storeStats(),
      associations: this.core.associations.count,
      owners: this.core.owners.list().length,
    };
  }
}
