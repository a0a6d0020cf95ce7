// Copy of extensions/app/shared/states.tsx, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import React from 'react';
import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ApiFailure } from './api.js';
import type { I18n } from './i18n.js';

/** The states every card and page shares; each one says what to do next. */

export const LoadingState = ({ i18n, label }: { i18n: I18n; label?: string }) => (
  <LoadingSpinner
    label={label ?? i18n.t('ui.loading')}
    showLabel
    layout="centered"
    testId="loading"
  />
);

export const FailureState = ({
  i18n,
  error,
  onRetry,
}: {
  i18n: I18n;
  error: ApiFailure;
  onRetry?: () => void;
}) => (
  <ErrorState
    title={i18n.t(`ui.error.${error.kind}.title`)}
    type={error.kind === 'forbidden' ? 'lock' : 'error'}
    testId="failure"
  >
    <Text>{i18n.t(`ui.error.${error.kind}.body`)}</Text>
    {onRetry ? (
      <Button onClick={onRetry} variant="secondary" testId="retry">
        {i18n.t('ui.retry')}
      </Button>
    ) : null}
  </ErrorState>
);

export const NotInstalledState = ({ i18n }: { i18n: I18n }) => (
  <EmptyState
    title={i18n.t('ui.notInstalled.title')}
    imageName="integrations"
    layout="vertical"
    testId="not-installed"
  >
    <Text>{i18n.t('ui.notInstalled.body')}</Text>
  </EmptyState>
);
