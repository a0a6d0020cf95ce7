import React from 'react';
import { BarChart, Statistics, StatisticsItem } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

const tiers = ['strategic', 'potential', 'profit', 'ordinary'] as const;

/** Accounts per tier of the value matrix. */
export const TierSection = ({ data, i18n }: SectionProps) => {
  const counts = data.aggregates.overall.tiers;
  const rows = tiers.map((t) => ({ tier: i18n.t(`summary.tierName.${t}`), accounts: counts[t] }));
  return (
    <Section title={i18n.t('p.tiers')} testId="tiers">
      <Statistics>
        {tiers.map((t) => (
          <StatisticsItem
            key={t}
            label={i18n.t(`summary.tierName.${t}`)}
            number={i18n.num(counts[t], 0)}
          />
        ))}
      </Statistics>
      <BarChart
        data={rows}
        axes={{
          x: { field: 'tier', fieldType: 'category', label: i18n.t('p.tiers') },
          y: { field: 'accounts', fieldType: 'linear', label: i18n.t('p.count') },
        }}
        options={{ showDataLabels: true, showTooltips: true }}
      />
    </Section>
  );
};
