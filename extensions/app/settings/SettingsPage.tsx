import React from 'react';
import { Flex, Heading, Text, hubspot } from '@hubspot/ui-extensions';
import { useKamContext } from './shared/context.js';
import { hubspotFetcher, useApi, useI18n, type CardProps } from './shared/hooks.js';
import { FailureState, LoadingState, NotInstalledState } from './shared/states.js';
import { useResource } from './shared/useResource.js';
import { SettingsEditor } from './SettingsEditor.js';
import { settingsText } from './text.js';

const texts = [settingsText];

/** The app's settings page: every setting, validated, with a what-if preview before saving. */
export const SettingsPage = ({
  fetcher = hubspotFetcher,
  pollMs = 2000,
}: CardProps & { pollMs?: number }) => {
  const ctx = useKamContext();
  const api = useApi(fetcher);
  const i18n = useI18n(ctx.locale, texts, { currency: null, timeZone: ctx.timeZone });
  const { resource, reload } = useResource(() => api.call('getSettings'), 'settings');
  return (
    <Flex direction="column" gap="medium">
      <Heading>{i18n.t('s.title')}</Heading>
      <Text>{i18n.t('s.intro')}</Text>
      {resource.state === 'loading' ? <LoadingState i18n={i18n} /> : null}
      {resource.state === 'error' ? (
        <FailureState i18n={i18n} error={resource.error} onRetry={reload} />
      ) : null}
      {resource.state === 'ok' && resource.data.status === 'not_installed' ? (
        <NotInstalledState i18n={i18n} />
      ) : null}
      {resource.state === 'ok' && resource.data.status === 'ok' ? (
        <SettingsEditor
          initial={resource.data.settings}
          owners={resource.data.owners}
          api={api}
          i18n={i18n}
          pollMs={pollMs}
        />
      ) : null}
    </Flex>
  );
};

hubspot.extend<'settings'>(() => <SettingsPage />);
