import React from 'react';
import { LineChart, Text } from '@hubspot/ui-extensions';
import type { SectionProps } from './types.js';

const series = ['overall', 'business', 'relationship', 'ecosystem'] as const;

/** Chart rows: one per quarterly snapshot and series, plus "now" when the last snapshot is older. */
export function healthTrendRows({
  data,
  i18n,
}: SectionProps): { quarter: string; series: string; value: number }[] {
  const { health, state } = data.evaluation;
  const points = [...state.quarterSnapshots]
    .sort((a, b) => a.quarter.localeCompare(b.quarter))
    .map((s) => ({
      label: s.quarter,
      overall: s.health,
      business: s.business,
      relationship: s.relationship,
      ecosystem: s.ecosystem,
    }));
  const last = points[points.length - 1];
  const now = {
    overall: health.overall,
    business: health.business,
    relationship: health.relationship,
    ecosystem: health.ecosystem,
  };
  if (!last || series.some((k) => last[k] !== now[k]))
    points.push({ label: i18n.t('ka.health.now'), ...now });
  return points.flatMap((p) =>
    series.map((k) => ({ quarter: p.label, series: i18n.t(`ka.health.series.${k}`), value: p[k] })),
  );
}

export const HealthTrend = (props: SectionProps) => {
  const { i18n } = props;
  const rows = healthTrendRows(props);
  // A single point is no trend: say when one will appear instead.
  if (rows.length <= series.length)
    return <Text variant="microcopy">{i18n.t('ka.health.noTrend')}</Text>;
  return (
    <LineChart
      data={rows}
      axes={{
        x: { field: 'quarter', fieldType: 'category', label: i18n.t('ka.health.quarter') },
        y: { field: 'value', fieldType: 'linear', label: i18n.t('ka.health') },
        options: { groupFieldByColor: 'series' },
      }}
      options={{ title: i18n.t('ka.health.trend'), showLegend: true, showTooltips: true }}
      testId="health-trend"
    />
  );
};
