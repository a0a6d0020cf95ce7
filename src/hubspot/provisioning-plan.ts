import type { PropertyDefinition, PropertyOption } from './data-model.js';

/**
 * What provisioning must do to one object type, decided without HubSpot:
 * our catalog against the `kam_*` properties the portal already has. A
 * property of another type (or a plain enumeration where we need a HubSpot
 * user picker) is a conflict: reported, never changed, never written to.
 * Otherwise only differences are patched; options people added to our
 * enumerations are kept, since records may hold them.
 */

export interface ExistingProperty {
  name: string;
  type: string;
  fieldType: string;
  label: string;
  description?: string;
  groupName: string;
  options?: { label: string; value: string; hidden?: boolean; displayOrder?: number }[];
  referencedObjectType?: string | null;
  formField?: boolean;
  hubspotDefined?: boolean;
}

export interface PropertyConflict {
  objectType: string;
  name: string;
  expected: { type: string; fieldType: string };
  found: { type: string; fieldType: string };
  message: string;
}

export interface PropertyPatch {
  label?: string;
  description?: string;
  groupName?: string;
  fieldType?: PropertyDefinition['fieldType'];
  options?: PropertyOption[];
  formField?: boolean;
}

export interface PropertyPlan {
  create: PropertyDefinition[];
  update: { name: string; patch: PropertyPatch }[];
  conflicts: PropertyConflict[];
  unchanged: string[];
}

function conflictMessage(objectType: string, def: PropertyDefinition, found: ExistingProperty) {
  const why =
    found.type !== def.type
      ? `is a ${found.type} (${found.fieldType}) property; KAM needs ${def.type} (${def.fieldType})`
      : found.hubspotDefined
        ? 'is defined by HubSpot'
        : 'is a plain list; KAM needs a HubSpot-user picker';
  return (
    `${objectType} property ${def.name} already exists and ${why}. KAM leaves it as it is and ` +
    `does not write it; rename or delete it in HubSpot and run provisioning again.`
  );
}

export function isConflict(def: PropertyDefinition, found: ExistingProperty): boolean {
  if (found.hubspotDefined) return true;
  if (found.type !== def.type) return true;
  const wantsOwner = def.referencedObjectType === 'OWNER';
  const isOwner = (found.referencedObjectType ?? '').toUpperCase() === 'OWNER';
  return wantsOwner !== isOwner;
}

/** Our options, then options people added (kept); null when nothing of ours is missing or relabelled. */
function mergedOptions(def: PropertyDefinition, found: ExistingProperty): PropertyOption[] | null {
  const ours = def.options ?? [];
  if (ours.length === 0) return null;
  const theirs = found.options ?? [];
  const byValue = new Map(theirs.map((o) => [o.value, o]));
  const differs = ours.some((o) => {
    const t = byValue.get(o.value);
    return !t || t.label !== o.label || (t.hidden ?? false) !== o.hidden;
  });
  if (!differs) return null;
  const ourValues = new Set(ours.map((o) => o.value));
  const extra = theirs
    .filter((o) => !ourValues.has(o.value))
    .map((o, i) => ({
      label: o.label,
      value: o.value,
      displayOrder: ours.length + i,
      hidden: o.hidden ?? false,
    }));
  return [...ours, ...extra];
}

function patchFor(def: PropertyDefinition, found: ExistingProperty): PropertyPatch {
  const patch: PropertyPatch = {};
  if (found.label !== def.label) patch.label = def.label;
  if ((found.description ?? '') !== def.description) patch.description = def.description;
  if (found.groupName !== def.groupName) patch.groupName = def.groupName;
  if (found.fieldType !== def.fieldType) patch.fieldType = def.fieldType;
  if (found.formField !== undefined && found.formField !== def.formField)
    patch.formField = def.formField;
  const options = mergedOptions(def, found);
  if (options) patch.options = options;
  return patch;
}

export function planProperties(
  objectType: string,
  catalog: readonly PropertyDefinition[],
  existing: readonly ExistingProperty[],
): PropertyPlan {
  const byName = new Map(existing.map((p) => [p.name, p]));
  const plan: PropertyPlan = { create: [], update: [], conflicts: [], unchanged: [] };
  for (const def of catalog) {
    const found = byName.get(def.name);
    if (!found) {
      plan.create.push(def);
    } else if (isConflict(def, found)) {
      plan.conflicts.push({
        objectType,
        name: def.name,
        expected: { type: def.type, fieldType: def.fieldType },
        found: { type: found.type, fieldType: found.fieldType },
        message: conflictMessage(objectType, def, found),
      });
    } else {
      const patch = patchFor(def, found);
      if (Object.keys(patch).length > 0) plan.update.push({ name: def.name, patch });
      else plan.unchanged.push(def.name);
    }
  }
  return plan;
}
