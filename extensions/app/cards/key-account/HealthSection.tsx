import React from 'react';
import {
  Accordion,
  Flex,
  Statistics,
  StatisticsItem,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import type { HealthResult } from '../shared/generated/contract.js';
import { healthBandStatus, Section } from '../shared/ui.js';
import { HealthTrend } from './HealthTrend.js';
import type { SectionProps } from './types.js';

const dimensions = ['business', 'relationship', 'ecosystem'] as const;
const partsOf: Record<(typeof dimensions)[number], (keyof HealthResult['parts'])[]> = {
  business: ['stability', 'growth', 'frequency'],
  relationship: ['interaction', 'satisfaction', 'coverage'],
  ecosystem: ['breadth', 'jointWork'],
};

const signed = (i18n: SectionProps['i18n'], n: number) => `${n > 0 ? '+' : ''}${i18n.score(n)}`;

/** Overall health, its band and three dimensions, the parts behind them, and the quarterly trend. */
export const HealthSection = ({ data, i18n }: SectionProps) => {
  const { health } = data.evaluation;
  return (
    <Section title={i18n.t('ka.health')} testId="health">
      <Flex direction="row" gap="small" align="center">
        <Text format={{ fontWeight: 'bold' }}>{i18n.score(health.overall)}</Text>
        <StatusTag variant={healthBandStatus[health.band]}>
          {i18n.t(`health.band.${health.band}`)}
        </StatusTag>
        {health.change !== null && health.change !== 0 ? (
          <Text variant="microcopy">
            {i18n.t('ka.health.change', { change: signed(i18n, health.change) })}
          </Text>
        ) : null}
        {health.lastQuarter ? (
          <Text variant="microcopy">
            {i18n.t('ka.health.lastQuarter', {
              change: signed(i18n, health.lastQuarter.change),
              quarter: health.lastQuarter.quarter,
            })}
          </Text>
        ) : null}
      </Flex>
      <Statistics>
        {dimensions.map((d) => (
          <StatisticsItem
            key={d}
            label={i18n.t(`health.dimension.${d}`)}
            number={i18n.score(health[d])}
          />
        ))}
      </Statistics>
      <HealthTrend data={data} i18n={i18n} />
      <Accordion title={i18n.t('ka.health.parts')} size="small">
        <Flex direction="column" gap="extra-small">
          {dimensions.flatMap((d) =>
            partsOf[d].map((p) => (
              <Flex key={p} direction="column" gap="flush">
                <Text format={{ fontWeight: 'demibold' }}>
                  {i18n.t(`health.part.${p}`)}: {i18n.score(health.parts[p].value)} (
                  {i18n.t(`common.basis.${health.parts[p].basis}`)})
                </Text>
                <Text variant="microcopy">{i18n.msg(health.parts[p].explanation)}</Text>
              </Flex>
            )),
          )}
        </Flex>
      </Accordion>
    </Section>
  );
};
