import React from 'react';
import { Alert, Flex, LoadingButton, Text } from '@hubspot/ui-extensions';
import type { ApiFailure } from '../shared/api.js';
import type { I18n } from '../shared/i18n.js';

export type ReevaluateState =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'queued' }
  | { state: 'failed'; error: ApiFailure };

export interface ReevaluateProps {
  i18n: I18n;
  lastEvaluatedAt: string | null;
  /** The backend already has a recompute queued or running. */
  queued: boolean;
  reevaluate: ReevaluateState;
  onReevaluate: () => void;
}

/** "Last evaluated …" and the button that queues a recompute (with an idempotency key per click). */
export const ReevaluateFooter = ({
  i18n,
  lastEvaluatedAt,
  queued,
  reevaluate,
  onReevaluate,
}: ReevaluateProps) => {
  const isQueued = queued || reevaluate.state === 'queued';
  return (
    <Flex direction="column" gap="extra-small" testId="reevaluate">
      {reevaluate.state === 'queued' ? (
        <Alert title={i18n.t('ka.reevaluate.queued')} variant="info" />
      ) : null}
      {reevaluate.state !== 'queued' && queued ? (
        <Alert title={i18n.t('ka.reevaluate.running')} variant="info" />
      ) : null}
      {reevaluate.state === 'failed' ? (
        <Alert title={i18n.t(`ui.error.${reevaluate.error.kind}.title`)} variant="danger">
          {i18n.t(`ui.error.${reevaluate.error.kind}.body`)}
        </Alert>
      ) : null}
      <Flex direction="row" gap="small" align="center" justify="between">
        <Text variant="microcopy">
          {lastEvaluatedAt ? i18n.t('ka.evaluated', { at: i18n.dateTime(lastEvaluatedAt) }) : ''}
        </Text>
        <LoadingButton
          size="small"
          variant="secondary"
          loading={reevaluate.state === 'sending'}
          disabled={isQueued}
          onClick={onReevaluate}
          testId="reevaluate-button"
        >
          {i18n.t('ka.reevaluate')}
        </LoadingButton>
      </Flex>
    </Flex>
  );
};
