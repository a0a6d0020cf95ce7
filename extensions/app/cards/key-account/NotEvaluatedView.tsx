import React from 'react';
import { EmptyState, Flex, Text } from '@hubspot/ui-extensions';
import type { I18n } from '../shared/i18n.js';
import { ReevaluateFooter, type ReevaluateState } from './ReevaluateFooter.js';

/** Never evaluated: say why that happens and offer to start an evaluation now. */
export const NotEvaluatedView = ({
  i18n,
  queued,
  appObjectsAvailable,
  reevaluate,
  onReevaluate,
}: {
  i18n: I18n;
  queued: boolean;
  appObjectsAvailable: boolean;
  reevaluate: ReevaluateState;
  onReevaluate: () => void;
}) => (
  <Flex direction="column" gap="small" testId="not-evaluated">
    <EmptyState title={i18n.t('ka.empty.title')} imageName="companies" layout="vertical" flush>
      <Text>{i18n.t(queued ? 'ka.empty.queued' : 'ka.empty.body')}</Text>
    </EmptyState>
    {!appObjectsAvailable ? <Text variant="microcopy">{i18n.t('ka.appObjects.body')}</Text> : null}
    <ReevaluateFooter
      i18n={i18n}
      lastEvaluatedAt={null}
      queued={queued}
      reevaluate={reevaluate}
      onReevaluate={onReevaluate}
    />
  </Flex>
);
