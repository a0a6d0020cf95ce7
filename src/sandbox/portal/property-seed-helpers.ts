import { BOOL } from './default-property-options.js';
import type { PropertySeed } from './property-types.js';

/** Short constructors for HubSpot's default property definitions. */
export type Extras = NonNullable<PropertySeed[5]>;

export const str = (
  name: string,
  label: string,
  group: string,
  extras: Extras = {},
): PropertySeed => [name, label, 'string', 'text', group, extras];
export const text = (name: string, label: string, group: string): PropertySeed => [
  name,
  label,
  'string',
  'textarea',
  group,
];
export const num = (
  name: string,
  label: string,
  group: string,
  extras: Extras = {},
): PropertySeed => [name, label, 'number', 'number', group, extras];
export const dt = (
  name: string,
  label: string,
  group: string,
  extras: Extras = {},
): PropertySeed => [name, label, 'datetime', 'date', group, extras];
export const bool = (
  name: string,
  label: string,
  group: string,
  extras: Extras = {},
): PropertySeed => [name, label, 'bool', 'booleancheckbox', group, { values: BOOL, ...extras }];
export const select = (
  name: string,
  label: string,
  group: string,
  values: Extras['values'],
  extras: Extras = {},
): PropertySeed => [name, label, 'enumeration', 'select', group, { values, ...extras }];
export const multi = (
  name: string,
  label: string,
  group: string,
  values: Extras['values'],
): PropertySeed => [name, label, 'enumeration', 'checkbox', group, { values }];

export const READ_ONLY: Extras = { readOnlyValue: true, calculated: false };
export const CALCULATED: Extras = { readOnlyValue: true, calculated: true };
export const owner = (group: string): PropertySeed => [
  'hubspot_owner_id',
  'Owner',
  'enumeration',
  'select',
  group,
  { externalOptions: true, referencedObjectType: 'OWNER' },
];

/** Properties every object has; `created` names the create-date property. */
export function base(group: string, created: 'createdate' | 'hs_createdate'): PropertySeed[] {
  return [
    dt(created, 'Create Date', group),
    dt('hs_lastmodifieddate', 'Last Modified Date', group, READ_ONLY),
    num('hs_object_id', 'Record ID', group, READ_ONLY),
    str('hs_merged_object_ids', 'Merged Record IDs', group, READ_ONLY),
  ];
}

export const activity = (group: string): PropertySeed[] => [
  dt('notes_last_contacted', 'Last Contacted', group, CALCULATED),
  dt('hs_last_sales_activity_timestamp', 'Last Engagement Date', group, CALCULATED),
  dt('notes_last_updated', 'Last Activity Date', group),
];
