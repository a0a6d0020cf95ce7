import React from 'react';
import { Flex, Select } from '@hubspot/ui-extensions';
import type { NamedRecord } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';

export interface Filter {
  /** Owner id, "none" (no owner) or undefined (all). */
  owner?: string;
  segment?: string;
}

const ALL = '__all__';

/** Owner and segment pickers; "none" selects accounts without one. */
export const Filters = ({
  i18n,
  owners,
  segments,
  filter,
  onChange,
}: {
  i18n: I18n;
  owners: readonly NamedRecord[];
  segments: readonly string[];
  filter: Filter;
  onChange: (filter: Filter) => void;
}) => {
  const pick = (v: string | number | boolean) => (v === ALL ? undefined : String(v));
  return (
    <Flex direction="row" gap="small" wrap="wrap" testId="filters">
      <Select
        name="owner"
        label={i18n.t('p.owner')}
        value={filter.owner ?? ALL}
        options={[
          { label: i18n.t('p.all'), value: ALL },
          ...owners.map((o) => ({ label: o.name, value: o.id })),
          { label: i18n.t('common.owner.none'), value: 'none' },
        ]}
        onChange={(v) => onChange({ ...filter, owner: pick(v) })}
      />
      <Select
        name="segment"
        label={i18n.t('p.segment')}
        value={filter.segment ?? ALL}
        options={[
          { label: i18n.t('p.all'), value: ALL },
          ...segments.map((s) => ({ label: s, value: s })),
          { label: i18n.t('common.segment.none'), value: 'none' },
        ]}
        onChange={(v) => onChange({ ...filter, segment: pick(v) })}
      />
    </Flex>
  );
};
