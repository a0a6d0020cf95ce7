import React from 'react';
import { Alert, Flex, Tag, Text } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

/** Key account or not, why (rank against the share, hysteresis), and any disqualifier. */
export const KeyStatusSection = ({ data, i18n }: SectionProps) => {
  const { rank } = data.evaluation;
  return (
    <Section title={i18n.t('ka.keyStatus')} testId="key-status-section">
      <Flex direction="row" gap="small" align="center">
        <Tag variant={rank.isKeyAccount ? 'success' : 'default'}>
          {i18n.t(rank.isKeyAccount ? 'ka.status.key' : 'ka.status.not_key')}
        </Tag>
        <Text>
          {i18n.t('ka.rank.value', { position: rank.position, of: rank.of })} ·{' '}
          {i18n.t('ka.rank.top', {
            pct: rank.pct,
            scope: i18n.t(`common.rank.scope.${rank.scope}`),
          })}
        </Text>
      </Flex>
      <Text>{i18n.msg(rank.reason)}</Text>
      {rank.change ? <Text variant="microcopy">{i18n.t(`ka.change.${rank.change}`)}</Text> : null}
      {rank.disqualifiers.length > 0 ? (
        <Alert title={i18n.t('ka.disqualifiers')} variant="warning" testId="disqualifiers">
          {rank.disqualifiers.map((ref) => i18n.msg(ref)).join(' ')}
        </Alert>
      ) : null}
    </Section>
  );
};
