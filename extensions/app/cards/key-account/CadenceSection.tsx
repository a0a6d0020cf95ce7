import React from 'react';
import {
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

/** The relationship phase and each touch interval that applies: last touch, next due, overdue. */
export const CadenceSection = ({ data, i18n }: SectionProps) => {
  const { cadence } = data.evaluation;
  return (
    <Section title={i18n.t('ka.cadence')} testId="cadence">
      <Text>{i18n.t(`ka.cadence.phase.${cadence.phase}`)}</Text>
      {cadence.intervals.length > 0 ? (
        <Table bordered={false} density="condensed">
          <TableHead>
            <TableRow>
              <TableHeader>{i18n.t('ka.cadence.kind')}</TableHeader>
              <TableHeader>{i18n.t('ka.cadence.lastTouch')}</TableHeader>
              <TableHeader>{i18n.t('ka.cadence.nextDue')}</TableHeader>
              <TableHeader>{i18n.t('ka.cadence.state')}</TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {cadence.intervals.map((iv) => (
              <TableRow key={iv.kind}>
                <TableCell>
                  {i18n.t(`alerts.cadenceKind.${iv.kind}`)} (
                  {i18n.t('ka.cadence.every', { days: iv.days })})
                </TableCell>
                <TableCell>{i18n.date(iv.lastTouch)}</TableCell>
                <TableCell>{i18n.date(iv.nextDue)}</TableCell>
                <TableCell>
                  <StatusTag variant={iv.overdue ? 'danger' : 'success'}>
                    {i18n.t(iv.overdue ? 'ka.cadence.overdue' : 'ka.cadence.onTrack')}
                  </StatusTag>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {(cadence.explanation ?? []).map((ref, i) => (
        <Text key={i} variant="microcopy">
          {i18n.msg(ref)}
        </Text>
      ))}
    </Section>
  );
};
