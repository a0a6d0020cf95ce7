import React from 'react';
import { Alert, Flex, Heading, Tab, Tabs } from '@hubspot/ui-extensions';
import type { NamedRecord, Settings } from './shared/generated/contract.js';
import type { I18n } from './shared/i18n.js';
import { SettingsField } from './SettingsField.js';
import { getIn, settingsTabs, type FieldSpec, type GroupSpec } from './settings-fields.js';

const tabs = settingsTabs();

export interface FormProps {
  settings: Settings;
  errors: Readonly<Record<string, string>>;
  onChange: (path: string[], value: unknown) => void;
  i18n: I18n;
  owners: readonly NamedRecord[];
}

const Item = ({ item, ...props }: FormProps & { item: FieldSpec | GroupSpec }) => {
  const key = item.path.join('.');
  if (item.kind === 'field') {
    return (
      <SettingsField
        spec={item}
        value={getIn(props.settings, item.path)}
        onChange={(v) => props.onChange(item.path, v)}
        error={props.errors[key] ?? null}
        i18n={props.i18n}
        owners={props.owners}
      />
    );
  }
  return (
    <Flex direction="column" gap="small" testId={`group-${key}`}>
      <Heading>{props.i18n.t(`s.${key}`)}</Heading>
      {props.errors[key] ? (
        <Alert title={props.errors[key]} variant="danger" testId={`group-error-${key}`} />
      ) : null}
      {item.children.map((child) => (
        <Item key={child.path.join('.')} item={child} {...props} />
      ))}
    </Flex>
  );
};

/** Every setting, one tab per area; a tab's title counts its errors. */
export const SettingsForm = (props: FormProps) => {
  const errorCount = (id: string) =>
    Object.keys(props.errors).filter((k) =>
      id === 'general'
        ? !k.includes('.') && !tabs.some((t) => t.id === k)
        : k === id || k.startsWith(`${id}.`),
    ).length;
  return (
    <Tabs variant="enclosed" defaultSelected="general">
      {tabs.map((tab) => {
        const n = errorCount(tab.id);
        return (
          <Tab
            key={tab.id}
            tabId={tab.id}
            title={`${props.i18n.t(`s.tab.${tab.id}`)}${n > 0 ? ` (${n})` : ''}`}
          >
            <Flex direction="column" gap="medium">
              {tab.children.map((item) => (
                <Item key={item.path.join('.')} item={item} {...props} />
              ))}
            </Flex>
          </Tab>
        );
      })}
    </Tabs>
  );
};
