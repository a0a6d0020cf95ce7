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
import { ownerName, type SectionProps } from './types.js';

/** Key accounts per rep, most first, with the overload flag. */
export const RepsSection = ({ data, i18n }: SectionProps) => {
  const { owners, maxKeyAccountsPerRep } = data.aggregates;
  return (
    <Section title={i18n.t('p.reps')} testId="reps">
      <Text variant="microcopy">{i18n.t('p.reps.hint', { max: maxKeyAccountsPerRep })}</Text>
      <Table bordered density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>{i18n.t('p.rep')}</TableHeader>
            <TableHeader align="right">{i18n.t('p.keyAccounts')}</TableHeader>
            <TableHeader align="right">{i18n.t('p.accounts')}</TableHeader>
            <TableHeader align="right">{i18n.t('p.averageHealth')}</TableHeader>
            <TableHeader>{i18n.t('p.alerts')}</TableHeader>
            <TableHeader> </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {owners.map((o) => (
            <TableRow key={o.ownerId ?? 'none'}>
              <TableCell>{ownerName(data, i18n, o.ownerId)}</TableCell>
              <TableCell align="right">{i18n.num(o.keyAccounts, 0)}</TableCell>
              <TableCell align="right">{i18n.num(o.accounts, 0)}</TableCell>
              <TableCell align="right">{i18n.score(o.averageHealth)}</TableCell>
              <TableCell>
                {i18n.t('alerts.level.red')} {o.openAlerts.red} · {i18n.t('alerts.level.yellow')}{' '}
                {o.openAlerts.yellow}
              </TableCell>
              <TableCell>
                {o.overloaded ? (
                  <StatusTag variant="danger" testId={`overloaded-${o.ownerId}`}>
                    {i18n.t('p.overloaded')}
                  </StatusTag>
                ) : (
                  <StatusTag variant="success">{i18n.t('p.ok')}</StatusTag>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
};
