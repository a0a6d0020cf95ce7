import type { PropertyDef, PropertyGroupDef } from '../portal/property-types.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A definition as properties v3 returns it (api-client model Property). */
export function propertyJson(d: PropertyDef) {
  return {
    name: d.name,
    label: d.label,
    type: d.type,
    fieldType: d.fieldType,
    description: d.description,
    groupName: d.groupName,
    options: d.options.map((o, i) => ({
      label: o.label,
      value: o.value,
      description: o.description ?? '',
      displayOrder: o.displayOrder ?? i,
      hidden: o.hidden,
    })),
    displayOrder: d.displayOrder,
    calculated: d.calculated,
    externalOptions: d.externalOptions,
    hasUniqueValue: d.hasUniqueValue,
    hidden: d.hidden,
    hubspotDefined: d.hubspotDefined,
    formField: d.formField,
    showCurrencySymbol: d.showCurrencySymbol,
    referencedObjectType: d.referencedObjectType,
    calculationFormula: d.calculationFormula,
    modificationMetadata: {
      archivable: !d.hubspotDefined,
      readOnlyDefinition: d.hubspotDefined,
      readOnlyValue: d.readOnlyValue || d.calculated,
      readOnlyOptions: d.hubspotDefined && d.type === 'bool',
    },
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
    archived: d.archived,
    ...(d.archivedAt !== undefined ? { archivedAt: iso(d.archivedAt) } : {}),
    ...(d.createdUserId ? { createdUserId: d.createdUserId } : {}),
    ...(d.updatedUserId ? { updatedUserId: d.updatedUserId } : {}),
  };
}

export function groupJson(g: PropertyGroupDef) {
  return { name: g.name, label: g.label, displayOrder: g.displayOrder, archived: g.archived };
}
