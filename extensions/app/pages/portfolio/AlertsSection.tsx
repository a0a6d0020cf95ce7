import React from 'react';
import { ProgressBar, Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

const levels = ['red', 'yellow', 'green'] as const;

/** Open alert reasons by level, accounts by their worst level, and 3R response compliance. */
export const AlertsSection = ({ data, i18n }: SectionProps) => {
  const { openAlerts, accountsByAlertLevel } = data.aggregates.overall;
  const sla = data.sla;
  return (
    <Section title={i18n.t('p.alerts')} testId="alerts">
      <Statistics>
        {levels.map((l) => (
          <StatisticsItem
            key={l}
            label={i18n.t(`alerts.level.${l}`)}
            number={i18n.num(openAlerts[l], 0)}
          >
            <Text variant="microcopy">
              {i18n.t('p.alerts.accounts')}: {i18n.num(accountsByAlertLevel[l], 0)}
            </Text>
          </StatisticsItem>
        ))}
      </Statistics>
      {sla.compliancePct === null ? (
        <Text>{i18n.t('p.sla.none', { days: sla.windowDays })}</Text>
      ) : (
        <ProgressBar
          title={i18n.t('p.sla', { days: sla.windowDays })}
          value={sla.compliancePct}
          maxValue={100}
          showPercentage
          variant={
            sla.compliancePct >= 90 ? 'success' : sla.compliancePct >= 70 ? 'warning' : 'danger'
          }
          valueDescription={i18n.t('p.sla.detail', {
            onTime: sla.respondedOnTime,
            late: sla.respondedLate,
            overdue: sla.openOverdue,
            due: sla.due,
          })}
          testId="sla"
        />
      )}
    </Section>
  );
};
