import { conflict, HubSpotError, notFound } from '../errors.js';
import {
  fromSeed,
  type PropertyDef,
  type PropertyGroupDef,
  type PropertySeed,
} from './property-types.js';

/** Property definitions and groups of every object type in one portal. */
export class PropertyRegistry {
  private readonly props = new Map<string, Map<string, PropertyDef>>();
  private readonly groups = new Map<string, Map<string, PropertyGroupDef>>();

  constructor(private readonly now: () => number) {}

  private propsOf(type: string): Map<string, PropertyDef> {
    let m = this.props.get(type);
    if (!m) this.props.set(type, (m = new Map()));
    return m;
  }

  private groupsOf(type: string): Map<string, PropertyGroupDef> {
    let m = this.groups.get(type);
    if (!m) this.groups.set(type, (m = new Map()));
    return m;
  }

  seed(type: string, groups: Array<[name: string, label: string]>, seeds: PropertySeed[]): void {
    const at = this.now();
    const g = this.groupsOf(type);
    groups.forEach(([name, label], i) =>
      g.set(name, { name, label, displayOrder: i, archived: false }),
    );
    const p = this.propsOf(type);
    for (const s of seeds) p.set(s[0], fromSeed(s, at));
  }

  /** A live (not archived) definition, or undefined. */
  get(type: string, name: string): PropertyDef | undefined {
    const d = this.props.get(type)?.get(name);
    return d && !d.archived ? d : undefined;
  }

  getIncludingArchived(type: string, name: string): PropertyDef | undefined {
    return this.props.get(type)?.get(name);
  }

  list(type: string, archived = false): PropertyDef[] {
    return [...(this.props.get(type)?.values() ?? [])].filter((d) => d.archived === archived);
  }

  create(type: string, def: PropertyDef): PropertyDef {
    const m = this.propsOf(type);
    const existing = m.get(def.name);
    if (existing && !existing.archived) {
      throw new HubSpotError(409, `Property named '${def.name}' already exists.`, {
        category: 'OBJECT_ALREADY_EXISTS',
        context: { name: [def.name] },
      });
    }
    if (!this.groupsOf(type).has(def.groupName)) {
      throw notFound(`Unable to find property group ${def.groupName} for object type ${type}`);
    }
    m.set(def.name, def);
    return def;
  }

  update(type: string, name: string, patch: Partial<PropertyDef>): PropertyDef {
    const d = this.get(type, name);
    if (!d) throw notFound(`Unable to find property ${name} for object type ${type}`);
    Object.assign(d, patch, { updatedAt: this.now() });
    return d;
  }

  archive(type: string, name: string): void {
    const d = this.get(type, name);
    if (!d) throw notFound(`Unable to find property ${name} for object type ${type}`);
    d.archived = true;
    d.archivedAt = this.now();
  }

  listGroups(type: string): PropertyGroupDef[] {
    return [...(this.groups.get(type)?.values() ?? [])].filter((g) => !g.archived);
  }

  getGroup(type: string, name: string): PropertyGroupDef | undefined {
    const g = this.groups.get(type)?.get(name);
    return g && !g.archived ? g : undefined;
  }

  createGroup(type: string, group: PropertyGroupDef): PropertyGroupDef {
    const m = this.groupsOf(type);
    if (m.get(group.name)?.archived === false)
      throw conflict(`Property group already exists: ${group.name}`);
    m.set(group.name, group);
    return group;
  }

  updateGroup(type: string, name: string, patch: Partial<PropertyGroupDef>): PropertyGroupDef {
    const g = this.getGroup(type, name);
    if (!g) throw notFound(`Unable to find property group ${name} for object type ${type}`);
    Object.assign(g, patch);
    return g;
  }

  archiveGroup(type: string, name: string): void {
    const g = this.getGroup(type, name);
    if (!g) throw notFound(`Unable to find property group ${name} for object type ${type}`);
    g.archived = true;
  }
}
