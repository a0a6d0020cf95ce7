import React from 'react';
import {
  BarChart,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

/** The lifecycle funnel: accounts at and beyond each stage, and the conversion on to the next. */
export const FunnelSection = ({ data, i18n }: SectionProps) => {
  const funnel = data.aggregates.overall.funnel;
  return (
    <Section title={i18n.t('p.funnel')} testId="funnel">
      <BarChart
        data={funnel.map((s) => ({
          stage: i18n.t(`lifecycle.stage.${s.stage}`),
          accounts: s.reached,
        }))}
        axes={{
          x: { field: 'stage', fieldType: 'category', label: i18n.t('p.stage') },
          y: { field: 'accounts', fieldType: 'linear', label: i18n.t('p.reached') },
        }}
        options={{ showDataLabels: true, showTooltips: true }}
      />
      <Table bordered density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>{i18n.t('p.stage')}</TableHeader>
            <TableHeader align="right">{i18n.t('p.atStage')}</TableHeader>
            <TableHeader align="right">{i18n.t('p.reached')}</TableHeader>
            <TableHeader align="right">{i18n.t('p.conversion')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {funnel.map((s) => (
            <TableRow key={s.stage}>
              <TableCell>{i18n.t(`lifecycle.stage.${s.stage}`)}</TableCell>
              <TableCell align="right">{i18n.num(s.count, 0)}</TableCell>
              <TableCell align="right">{i18n.num(s.reached, 0)}</TableCell>
              <TableCell align="right">{i18n.pct(s.conversionToNext)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};
