import React from 'react';
import { BarChart, Statistics, StatisticsItem } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

const bands = ['healthy', 'watch', 'at_risk'] as const;

/** Accounts per health band and the average. */
export const HealthSection = ({ data, i18n }: SectionProps) => {
  const { health, averageHealth } = data.aggregates.overall;
  return (
    <Section title={i18n.t('p.health')} testId="health">
      <Statistics>
        <StatisticsItem label={i18n.t('p.averageHealth')} number={i18n.score(averageHealth)} />
        {bands.map((b) => (
          <StatisticsItem
            key={b}
            label={i18n.t(`health.band.${b}`)}
            number={i18n.num(health[b], 0)}
          />
        ))}
      </Statistics>
      <BarChart
        data={bands.map((b) => ({ band: i18n.t(`health.band.${b}`), accounts: health[b] }))}
        axes={{
          x: { field: 'band', fieldType: 'category', label: i18n.t('p.health') },
          y: { field: 'accounts', fieldType: 'linear', label: i18n.t('p.count') },
        }}
        options={{ showDataLabels: true, showTooltips: true }}
      />
    </Section>
  );
};
