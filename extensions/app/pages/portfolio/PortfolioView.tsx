import React from 'react';
import {
  Box,
  EmptyState,
  Flex,
  Statistics,
  StatisticsItem,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import { AlertsSection } from './AlertsSection.js';
import { FunnelSection } from './FunnelSection.js';
import { HealthSection } from './HealthSection.js';
import { RepsSection } from './RepsSection.js';
import { TierSection } from './TierSection.js';
import type { SectionProps } from './types.js';

const Half = ({ children }: { children: React.ReactNode }) => (
  <Box flex={1}>
    <Tile compact>{children}</Tile>
  </Box>
);

/** The aggregates of one filter: headline numbers, reps, tiers, funnel, alerts and health. */
export const PortfolioView = ({ data, i18n, filtered }: SectionProps & { filtered: boolean }) => {
  const overall = data.aggregates.overall;
  if (overall.accounts === 0) {
    return (
      <EmptyState
        title={i18n.t('p.empty.title')}
        imageName="emptyStateCharts"
        layout="vertical"
        testId="portfolio-empty"
      >
        <Text>{i18n.t(filtered ? 'p.empty.filtered' : 'p.empty.body')}</Text>
      </EmptyState>
    );
  }
  return (
    <Flex direction="column" gap="medium" testId="portfolio-view">
      <Text variant="microcopy">{i18n.t('p.asOf', { at: i18n.dateTime(data.asOf) })}</Text>
      <Statistics>
        <StatisticsItem label={i18n.t('p.accounts')} number={i18n.num(overall.accounts, 0)} />
        <StatisticsItem label={i18n.t('p.keyAccounts')} number={i18n.num(overall.keyAccounts, 0)} />
        <StatisticsItem
          label={i18n.t('p.averageHealth')}
          number={i18n.score(overall.averageHealth)}
        />
      </Statistics>
      <Tile compact>
        <RepsSection data={data} i18n={i18n} />
      </Tile>
      <Flex direction="row" gap="medium" wrap="wrap">
        <Half>
          <TierSection data={data} i18n={i18n} />
        </Half>
        <Half>
          <HealthSection data={data} i18n={i18n} />
        </Half>
      </Flex>
      <Flex direction="row" gap="medium" wrap="wrap">
        <Half>
          <FunnelSection data={data} i18n={i18n} />
        </Half>
        <Half>
          <AlertsSection data={data} i18n={i18n} />
        </Half>
      </Flex>
    </Flex>
  );
};
