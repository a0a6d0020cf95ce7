import React from 'react';
import { Alert, Flex, Tag, Text } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

/** The stage (pinned or computed), why, its history and the next control point. */
export const LifecycleSection = ({ data, i18n }: SectionProps) => {
  const { lifecycle } = data.evaluation;
  const history = [...lifecycle.history].reverse();
  return (
    <Section title={i18n.t('ka.stage')} testId="lifecycle">
      <Flex direction="row" gap="small" align="center">
        <Tag variant="info">{i18n.t(`lifecycle.stage.${lifecycle.stage}`)}</Tag>
        {lifecycle.pinned ? <Tag>{i18n.t('ka.status.pinned')}</Tag> : null}
      </Flex>
      <Text>{i18n.msg(lifecycle.rule)}</Text>
      {lifecycle.pinned ? (
        <Text variant="microcopy">
          {i18n.t('lifecycle.pinned', {
            stage: lifecycle.stage,
            computedStage: lifecycle.computedStage,
          })}
        </Text>
      ) : null}
      {lifecycle.movedBackward && lifecycle.previous ? (
        <Alert
          title={i18n.t('ka.stage.movedBack', { from: lifecycle.previous })}
          variant="warning"
        />
      ) : null}
      <Text format={{ fontWeight: 'demibold' }}>{i18n.t('ka.stage.next')}</Text>
      <Text>{i18n.msg(lifecycle.nextControlPoint)}</Text>
      {history.length > 0 ? (
        <Flex direction="column" gap="flush">
          <Text format={{ fontWeight: 'demibold' }}>{i18n.t('ka.stage.history')}</Text>
          {history.map((h) => (
            <Text key={`${h.stage}-${h.on}`} variant="microcopy">
              {i18n.t(`lifecycle.stage.${h.stage}`)} — {i18n.t('ka.stage.on', { on: h.on })}
            </Text>
          ))}
        </Flex>
      ) : null}
    </Section>
  );
};
