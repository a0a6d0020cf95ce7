import {
  kamGroups,
  kamProperties,
  type KamObjectType,
  type PropertyDefinition,
} from '../../hubspot/data-model.js';
import type { PortalState } from '../portal/portal-state.js';
import type { PropertyDef } from '../portal/property-types.js';

/**
 * Creates the app's `kam_*` property groups and properties in a portal, as if
 * the app had been installed there before (demo data carries rep inputs in
 * them). Existing definitions are left alone, so running it twice is harmless.
 */
export function provisionKamProperties(portal: PortalState, now: number): number {
  let created = 0;
  for (const type of Object.keys(kamProperties) as KamObjectType[]) {
    const group = kamGroups[type];
    if (!portal.properties.getGroup(type, group.name)) {
      portal.properties.createGroup(type, { ...group, archived: false });
    }
    for (const def of kamProperties[type]) {
      if (portal.properties.get(type, def.name)) continue;
      portal.properties.create(type, toPropertyDef(def, now));
      created++;
    }
  }
  return created;
}

function toPropertyDef(def: PropertyDefinition, now: number): PropertyDef {
  return {
    name: def.name,
    label: def.label,
    type: def.type,
    fieldType: def.fieldType,
    groupName: def.groupName,
    description: def.description,
    options: (def.options ?? []).map((o) => ({ ...o })),
    displayOrder: def.displayOrder,
    hidden: false,
    hasUniqueValue: false,
    formField: def.formField,
    calculated: false,
    externalOptions: def.referencedObjectType === 'OWNER',
    hubspotDefined: false,
    readOnlyValue: false,
    referencedObjectType: def.referencedObjectType,
    createdAt: now,
    updatedAt: now,
    archived: false,
  };
}
