import { z } from 'zod';

/** Property definitions as HubSpot's properties v3 API shows them (api-client model `Property`). */
export const propertyTypes = [
  'string',
  'number',
  'date',
  'datetime',
  'enumeration',
  'bool',
  'phone_number',
  'object_coordinates',
  'json',
] as const;
export const fieldTypes = [
  'textarea',
  'text',
  'date',
  'file',
  'number',
  'select',
  'radio',
  'checkbox',
  'booleancheckbox',
  'calculation_equation',
  'html',
  'phonenumber',
] as const;

export const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().default(false),
});
export type PropertyOption = z.infer<typeof optionSchema>;

export interface PropertyDef {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  hasUniqueValue: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined: boolean;
  /** Read-only values (hs_object_id, createdate, roll-ups) reject API writes. */
  readOnlyValue: boolean;
  showCurrencySymbol?: boolean;
  referencedObjectType?: string;
  calculationFormula?: string;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  archivedAt?: number;
  createdUserId?: string;
  updatedUserId?: string;
}

export interface PropertyGroupDef {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** Compact seed form: [name, label, type, fieldType, groupName, extras]. */
export type PropertySeed = [
  name: string,
  label: string,
  type: string,
  fieldType: string,
  groupName: string,
  extras?: Partial<Omit<PropertyDef, 'name' | 'label' | 'type' | 'fieldType' | 'groupName'>> & {
    values?: Array<string | [value: string, label: string]>;
  },
];

export function fromSeed(seed: PropertySeed, at: number): PropertyDef {
  const [name, label, type, fieldType, groupName, extras = {}] = seed;
  const { values, ...rest } = extras;
  const options: PropertyOption[] = (values ?? []).map((v, i) => {
    const [value, optLabel] = typeof v === 'string' ? [v, v] : v;
    return { value, label: optLabel, displayOrder: i, hidden: false };
  });
  return {
    name,
    label,
    type,
    fieldType,
    groupName,
    description: '',
    options,
    displayOrder: -1,
    hidden: false,
    hasUniqueValue: false,
    formField: false,
    calculated: false,
    externalOptions: false,
    hubspotDefined: true,
    readOnlyValue: false,
    createdAt: at,
    updatedAt: at,
    archived: false,
    ...rest,
  };
}
