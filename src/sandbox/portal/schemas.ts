import { conflict, notFound, validationError } from '../errors.js';
import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import { fromSeed, type PropertyDef, type PropertyOption } from './property-types.js';

/** A custom (or app) object schema as the schemas v3 API shows it. */
export interface SchemaInfo {
  type: ObjectTypeDef;
  labels: { singular: string; plural: string };
  description?: string;
  requiredProperties: string[];
  searchableProperties: string[];
  secondaryDisplayProperties: string[];
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  /** Set for app objects (declared by project metafiles). */
  appObject?: boolean;
}

export interface SchemaPropertyInput {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName?: string;
  description?: string;
  options?: Array<Omit<PropertyOption, 'hidden'> & { hidden?: boolean }>;
  hasUniqueValue?: boolean;
  displayOrder?: number;
  hidden?: boolean;
  formField?: boolean;
}

export interface SchemaInput {
  name: string;
  labels: { singular?: string; plural?: string };
  description?: string;
  primaryDisplayProperty?: string;
  requiredProperties?: string[];
  searchableProperties?: string[];
  secondaryDisplayProperties?: string[];
  properties: SchemaPropertyInput[];
  /** Object types to associate with, by name or id ('CONTACT', '0-1', 'companies'). */
  associatedObjects?: string[];
}

export class SchemaRegistry {
  private readonly schemas = new Map<string, SchemaInfo>();
  private nextTypeNumber: number;

  constructor(private readonly core: PortalCore) {
    this.nextTypeNumber = 10_000_001 + (core.portalId % 1000) * 1000;
  }

  list(archived = false): SchemaInfo[] {
    return [...this.schemas.values()].filter((s) => s.archived === archived);
  }

  get(nameOrId: string): SchemaInfo {
    const t = this.core.types.resolve(nameOrId);
    const s = t && this.schemas.get(t.objectTypeId);
    if (!s || s.archived) throw notFound(`Unable to find object type ${nameOrId}`);
    return s;
  }

  create(
    input: SchemaInput,
    opts: { appObject?: boolean; fullyQualifiedName?: string; aliases?: string[] } = {},
  ): SchemaInfo {
    const name = input.name;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw validationError(`Invalid object name ${name}`);
    const fqn = opts.fullyQualifiedName ?? `p${this.core.portalId}_${name}`;
    if (this.core.types.resolve(fqn) || this.core.types.resolve(name))
      throw conflict(`Object type ${name} already exists`);
    const props = input.properties;
    const primary = input.primaryDisplayProperty ?? props[0]?.name ?? 'hs_object_id';
    for (const req of [primary, ...(input.requiredProperties ?? [])]) {
      if (req !== 'hs_object_id' && !props.some((p) => p.name === req))
        throw validationError(`Property ${req} is not defined on ${name}`);
    }
    const type: ObjectTypeDef = {
      name: fqn,
      objectTypeId: `2-${this.nextTypeNumber++}`,
      singular: fqn,
      fullyQualifiedName: fqn,
      defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
      primaryDisplayProperty: primary,
      custom: true,
    };
    this.core.types.add(type, [name, ...(opts.aliases ?? [])]);
    const group = `${name.toLowerCase()}_information`;
    const at = this.core.now();
    this.core.properties.seed(
      type.name,
      [[group, `${input.labels.singular ?? name} information`]],
      [
        ['hs_createdate', 'Object create date/time', 'datetime', 'date', group],
        [
          'hs_lastmodifieddate',
          'Object last modified date/time',
          'datetime',
          'date',
          group,
          { readOnlyValue: true },
        ],
        ['hs_object_id', 'Record ID', 'number', 'number', group, { readOnlyValue: true }],
        [
          'hs_merged_object_ids',
          'Merged Record IDs',
          'string',
          'text',
          group,
          { readOnlyValue: true },
        ],
        [
          'hubspot_owner_id',
          'Owner',
          'enumeration',
          'select',
          group,
          { externalOptions: true, referencedObjectType: 'OWNER' },
        ],
      ],
    );
    for (const p of props) {
      const groupName = p.groupName ?? group;
      if (!this.core.properties.getGroup(type.name, groupName)) {
        this.core.properties.createGroup(type.name, {
          name: groupName,
          label: groupName,
          displayOrder: -1,
          archived: false,
        });
      }
      this.core.properties.create(type.name, toDef(p, groupName, at));
    }
    for (const other of input.associatedObjects ?? []) {
      const to = this.core.types.resolve(STANDARD_ALIASES[other.toUpperCase()] ?? other);
      if (!to) throw validationError(`Unknown object type ${other} in associatedObjects`);
      this.core.associationTypes.ensurePair(type.name, to.name);
    }
    const info: SchemaInfo = {
      type,
      labels: { singular: input.labels.singular ?? name, plural: input.labels.plural ?? name },
      description: input.description,
      requiredProperties: input.requiredProperties ?? [],
      searchableProperties: input.searchableProperties ?? [primary],
      secondaryDisplayProperties: input.secondaryDisplayProperties ?? [],
      createdAt: at,
      updatedAt: at,
      archived: false,
      appObject: opts.appObject,
    };
    this.schemas.set(type.objectTypeId, info);
    return info;
  }

  /** Association definitions of a schema: one per pair, in v3 schema shape. */
  associationsOf(
    s: SchemaInfo,
  ): Array<{ id: string; fromObjectTypeId: string; toObjectTypeId: string; name: string }> {
    const out: Array<{
      id: string;
      fromObjectTypeId: string;
      toObjectTypeId: string;
      name: string;
    }> = [];
    for (const other of this.core.types.list()) {
      const def = this.core.associationTypes
        .forPair(s.type.name, other.name)
        .find((d) => d.label === null);
      if (def)
        out.push({
          id: String(def.typeId),
          fromObjectTypeId: s.type.objectTypeId,
          toObjectTypeId: other.objectTypeId,
          name: `${s.type.singular}_to_${other.singular}`.toUpperCase(),
        });
    }
    return out;
  }
}

/** HubSpot's schema API names standard objects in capitals ('CONTACT'). */
export const STANDARD_ALIASES: Record<string, string> = {
  CONTACT: 'contacts',
  COMPANY: 'companies',
  DEAL: 'deals',
  TICKET: 'tickets',
  TASK: 'tasks',
  NOTE: 'notes',
  MEETING: 'meetings',
  CALL: 'calls',
  EMAIL: 'emails',
};

function toDef(p: SchemaPropertyInput, groupName: string, at: number): PropertyDef {
  const def = fromSeed([p.name, p.label, p.type, p.fieldType, groupName], at);
  return {
    ...def,
    description: p.description ?? '',
    options: (p.options ?? []).map((o, i) => ({
      ...o,
      displayOrder: o.displayOrder ?? i,
      hidden: o.hidden ?? false,
    })),
    hasUniqueValue: p.hasUniqueValue ?? false,
    displayOrder: p.displayOrder ?? -1,
    hidden: p.hidden ?? false,
    formField: p.formField ?? false,
    hubspotDefined: false,
  };
}
