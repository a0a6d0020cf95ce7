import React, { useState } from 'react';
import { Button, Flex, Input, Select, Text } from '@hubspot/ui-extensions';
import type { FieldProps } from './SettingsField.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The HubSpot buying role → committee role map: change, remove or add an entry. */
export const RoleMapField = ({ spec, value, onChange, error, i18n }: FieldProps) => {
  const key = spec.path.join('.');
  const map = isRecord(value) ? value : {};
  const roles = (
    spec.node.additionalProperties && typeof spec.node.additionalProperties === 'object'
      ? (spec.node.additionalProperties.enum ?? [])
      : []
  ).map(String);
  const [newKey, setNewKey] = useState('');
  const roleOptions = roles.map((r) => ({ label: i18n.t(`committee.role.${r}`), value: r }));
  const add = () => {
    const k = newKey.trim().toUpperCase();
    if (!k || k in map) return;
    onChange({ ...map, [k]: roles[0] });
    setNewKey('');
  };
  return (
    <Flex direction="column" gap="extra-small" testId={`field-${key}`}>
      <Text format={{ fontWeight: 'demibold' }}>{i18n.t(`s.${key}`)}</Text>
      {Object.entries(map).map(([k, v]) => (
        <Flex key={k} direction="row" gap="small" align="end">
          <Select
            name={`${key}.${k}`}
            label={k}
            value={String(v)}
            options={roleOptions}
            onChange={(role) => onChange({ ...map, [k]: String(role) })}
          />
          <Button
            size="small"
            variant="transparent"
            onClick={() =>
              onChange(Object.fromEntries(Object.entries(map).filter(([other]) => other !== k)))
            }
          >
            {i18n.t(`s.${key}.remove`)}
          </Button>
        </Flex>
      ))}
      <Flex direction="row" gap="small" align="end">
        <Input
          name={`${key}.new`}
          label={i18n.t(`s.${key}.key`)}
          value={newKey}
          onChange={setNewKey}
        />
        <Button size="small" variant="secondary" onClick={add}>
          {i18n.t(`s.${key}.add`)}
        </Button>
      </Flex>
      {error ? <Text format={{ fontWeight: 'bold' }}>{error}</Text> : null}
    </Flex>
  );
};
