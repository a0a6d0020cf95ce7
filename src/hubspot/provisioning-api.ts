import type { Client } from '@hubspot/api-client';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
  PropertyUpdateFieldTypeEnum,
  type OptionInput,
  type PropertyCreate,
  type PropertyUpdate,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { callHubSpot, type CallOptions } from './call.js';
import {
  kamProperties,
  type FieldType,
  type KamObjectType,
  type PropertyDefinition,
  type PropertyType,
} from './data-model.js';
import type { ExistingProperty, PropertyPatch } from './provisioning-plan.js';

/** Our catalog in the api-client's Properties-API shapes, and the read of what a portal has. */

const typeEnum: Record<PropertyType, PropertyCreateTypeEnum> = {
  string: PropertyCreateTypeEnum.String,
  number: PropertyCreateTypeEnum.Number,
  date: PropertyCreateTypeEnum.Date,
  datetime: PropertyCreateTypeEnum.Datetime,
  enumeration: PropertyCreateTypeEnum.Enumeration,
  bool: PropertyCreateTypeEnum.Bool,
};
const createFieldEnum: Record<FieldType, PropertyCreateFieldTypeEnum> = {
  text: PropertyCreateFieldTypeEnum.Text,
  textarea: PropertyCreateFieldTypeEnum.Textarea,
  number: PropertyCreateFieldTypeEnum.Number,
  date: PropertyCreateFieldTypeEnum.Date,
  select: PropertyCreateFieldTypeEnum.Select,
  radio: PropertyCreateFieldTypeEnum.Radio,
  checkbox: PropertyCreateFieldTypeEnum.Checkbox,
  booleancheckbox: PropertyCreateFieldTypeEnum.Booleancheckbox,
};
const updateFieldEnum: Record<FieldType, PropertyUpdateFieldTypeEnum> = {
  text: PropertyUpdateFieldTypeEnum.Text,
  textarea: PropertyUpdateFieldTypeEnum.Textarea,
  number: PropertyUpdateFieldTypeEnum.Number,
  date: PropertyUpdateFieldTypeEnum.Date,
  select: PropertyUpdateFieldTypeEnum.Select,
  radio: PropertyUpdateFieldTypeEnum.Radio,
  checkbox: PropertyUpdateFieldTypeEnum.Checkbox,
  booleancheckbox: PropertyUpdateFieldTypeEnum.Booleancheckbox,
};

const optionInputs = (options: PropertyDefinition['options']): OptionInput[] =>
  (options ?? []).map((o) => ({ ...o }));

export function toCreate(def: PropertyDefinition): PropertyCreate {
  return {
    name: def.name,
    label: def.label,
    description: def.description,
    groupName: def.groupName,
    type: typeEnum[def.type],
    fieldType: createFieldEnum[def.fieldType],
    displayOrder: def.displayOrder,
    formField: def.formField,
    ...(def.options ? { options: optionInputs(def.options) } : {}),
    ...(def.referencedObjectType ? { referencedObjectType: def.referencedObjectType } : {}),
  };
}

export function toUpdate(patch: PropertyPatch): PropertyUpdate {
  const { fieldType, options, ...rest } = patch;
  return {
    ...rest,
    ...(fieldType ? { fieldType: updateFieldEnum[fieldType] } : {}),
    ...(options ? { options: optionInputs(options) } : {}),
  };
}

/** The kam_* properties of a type that exist in the portal (one batch read). */
export async function readExisting(
  client: Client,
  objectType: KamObjectType,
  options: CallOptions = {},
): Promise<ExistingProperty[]> {
  const names = kamProperties[objectType].map((p) => ({ name: p.name }));
  const res = await callHubSpot(
    `POST /crm/v3/properties/${objectType}/batch/read`,
    () => client.crm.properties.batchApi.read(objectType, { archived: false, inputs: names }),
    options,
  );
  return res.results.map((p) => ({
    name: p.name,
    type: p.type,
    fieldType: p.fieldType,
    label: p.label,
    description: p.description,
    groupName: p.groupName,
    options: p.options,
    referencedObjectType: p.referencedObjectType ?? null,
    formField: p.formField,
    hubspotDefined: p.hubspotDefined,
  }));
}
