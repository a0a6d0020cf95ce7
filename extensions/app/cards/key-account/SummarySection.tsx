import React from 'react';
import {
  Flex,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import { alertLevelStatus, healthBandStatus, tierTag } from '../shared/ui.js';
import type { SectionProps } from './types.js';

const Trend = ({ delta, label }: { delta: number | null; label: string }) =>
  delta === null || delta === 0 ? null : (
    <StatisticsTrend direction={delta > 0 ? 'increase' : 'decrease'} value={label} />
  );

/** The headline: score, rank and health with their trends, the status tags and what changed. */
export const SummarySection = ({ data, i18n }: SectionProps) => {
  const { score, rank, tier, lifecycle, health, alerts, summary } = data.evaluation;
  const scoreDelta =
    score.previous === null ? null : Math.round((score.value - score.previous) * 10) / 10;
  const scope = i18n.t(`common.rank.scope.${rank.scope}`);
  return (
    <Flex direction="column" gap="small" testId="summary">
      <Statistics>
        <StatisticsItem label={i18n.t('ka.score')} number={i18n.score(score.value)}>
          <Trend delta={scoreDelta} label={i18n.score(Math.abs(scoreDelta ?? 0))} />
        </StatisticsItem>
        <StatisticsItem
          label={i18n.t('ka.rank')}
          number={i18n.t('ka.rank.value', { position: rank.position, of: rank.of })}
        >
          <Text variant="microcopy">{i18n.t('ka.rank.top', { pct: rank.pct, scope })}</Text>
        </StatisticsItem>
        <StatisticsItem label={i18n.t('ka.health')} number={i18n.score(health.overall)}>
          <Trend delta={health.change} label={i18n.score(Math.abs(health.change ?? 0))} />
        </StatisticsItem>
      </Statistics>
      <Flex direction="row" gap="small" wrap="wrap" align="center">
        <Tag variant={rank.isKeyAccount ? 'success' : 'default'} testId="key-status">
          {i18n.t(rank.isKeyAccount ? 'ka.status.key' : 'ka.status.not_key')}
        </Tag>
        <Tag variant={tierTag[tier.tier]}>{i18n.t(`summary.tierName.${tier.tier}`)}</Tag>
        <Tag variant="info">
          {i18n.t(`lifecycle.stage.${lifecycle.stage}`)}
          {lifecycle.pinned ? ` · ${i18n.t('ka.status.pinned')}` : ''}
        </Tag>
        <StatusTag variant={healthBandStatus[health.band]}>
          {i18n.t(`health.band.${health.band}`)}
        </StatusTag>
        <StatusTag variant={alertLevelStatus[alerts.level]}>
          {i18n.t(`alerts.level.${alerts.level}`)}
        </StatusTag>
      </Flex>
      {summary.length > 0 ? (
        <Flex direction="column" gap="flush">
          <Text format={{ fontWeight: 'demibold' }}>{i18n.t('ka.summary')}</Text>
          {summary.map((ref, i) => (
            <Text key={i}>{i18n.msg(ref)}</Text>
          ))}
        </Flex>
      ) : null}
    </Flex>
  );
};
