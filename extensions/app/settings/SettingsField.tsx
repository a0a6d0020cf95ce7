import React from 'react';
import {
  Flex,
  Input,
  MultiSelect,
  NumberInput,
  Select,
  Text,
  Toggle,
} from '@hubspot/ui-extensions';
import type { NamedRecord } from './shared/generated/contract.js';
import type { I18n } from './shared/i18n.js';
import { RoleMapField } from './RoleMapField.js';
import type { FieldSpec } from './settings-fields.js';

export interface FieldProps {
  spec: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  error: string | null;
  i18n: I18n;
  owners: readonly NamedRecord[];
}

const NONE = '__none__';

/** Label of one choice: alert reasons and levels reuse the catalog, the rest are per setting. */
export function optionLabel(i18n: I18n, key: string, value: string): string {
  if (key === 'alerts.disabled') return i18n.t(`alerts.title.${value}`);
  if (key === 'alerts.taskLevels') return i18n.t(`alerts.level.${value}`);
  return i18n.t(`s.${key}.${value}`);
}

function defaultText(i18n: I18n, spec: FieldSpec): string | undefined {
  const d = spec.node.default;
  const key = spec.path.join('.');
  if (
    d === undefined ||
    spec.field === 'roleMap' ||
    spec.field === 'owner' ||
    spec.field === 'owners'
  )
    return undefined;
  const shown =
    typeof d === 'boolean'
      ? i18n.t(d ? 'ui.yes' : 'ui.no')
      : Array.isArray(d)
        ? d.length === 0
          ? i18n.t('ui.none')
          : d.map((v) => optionLabel(i18n, key, String(v))).join(', ')
        : spec.field === 'select'
          ? optionLabel(i18n, key, String(d))
          : String(d);
  return i18n.t('s.default', { value: shown });
}

/** One setting, with the input its schema calls for and its error right under it. */
export const SettingsField = ({ spec, value, onChange, error, i18n, owners }: FieldProps) => {
  const key = spec.path.join('.');
  const label = i18n.t(`s.${key}`);
  const description = defaultText(i18n, spec);
  const common = {
    name: key,
    label,
    description,
    error: error !== null,
    validationMessage: error ?? undefined,
    testId: `field-${key}`,
  };
  const { minimum, maximum } = spec.node;
  switch (spec.field) {
    case 'number':
    case 'integer':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : undefined}
          min={minimum}
          max={maximum}
          precision={spec.field === 'integer' ? 0 : 2}
          onChange={(n) => onChange(n)}
        />
      );
    case 'toggle':
      return (
        <Flex direction="column" gap="flush" testId={`field-${key}`}>
          <Toggle
            name={key}
            label={label}
            labelDisplay="inline"
            checked={value === true}
            onChange={(c) => onChange(c)}
          />
          {description ? <Text variant="microcopy">{description}</Text> : null}
          {error ? <Text format={{ fontWeight: 'bold' }}>{error}</Text> : null}
        </Flex>
      );
    case 'select':
      return (
        <Select
          {...common}
          value={typeof value === 'string' ? value : undefined}
          options={spec.options.map((o) => ({ label: optionLabel(i18n, key, o), value: o }))}
          onChange={(v) => onChange(String(v))}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          value={Array.isArray(value) ? value.map(String) : []}
          options={spec.options.map((o) => ({ label: optionLabel(i18n, key, o), value: o }))}
          onChange={(v) => onChange(spec.options.filter((o) => v.includes(o)))}
        />
      );
    case 'owner':
      return (
        <Select
          {...common}
          value={typeof value === 'string' ? value : NONE}
          options={[
            { label: i18n.t(`s.${key}.none`), value: NONE },
            ...owners.map((o) => ({ label: o.name, value: o.id })),
          ]}
          onChange={(v) => onChange(v === NONE ? null : String(v))}
        />
      );
    case 'owners':
      return (
        <MultiSelect
          {...common}
          value={Array.isArray(value) ? value.map(String) : []}
          options={owners.map((o) => ({ label: o.name, value: o.id }))}
          onChange={(v) => onChange(v.map(String))}
        />
      );
    case 'roleMap':
      return (
        <RoleMapField
          spec={spec}
          value={value}
          onChange={onChange}
          error={error}
          i18n={i18n}
          owners={owners}
        />
      );
    case 'text':
      return (
        <Input
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v)}
        />
      );
  }
};
