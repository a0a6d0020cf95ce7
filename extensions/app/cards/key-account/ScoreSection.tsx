import React from 'react';
import {
  Flex,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import type { FactorName } from '../shared/generated/contract.js';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

const order: readonly FactorName[] = ['sales', 'potential', 'reference', 'winnability'];

/** The four factors with their weight and points, and what moved the score since last time. */
export const ScoreSection = ({ data, i18n }: SectionProps) => {
  const { score } = data.evaluation;
  return (
    <Section title={i18n.t('ka.factors')} testId="score">
      <Table bordered={false} density="condensed">
        <TableHead>
          <TableRow>
            <TableHeader>{i18n.t('ka.factor')}</TableHeader>
            <TableHeader align="right">{i18n.t('ka.value')}</TableHeader>
            <TableHeader align="right">{i18n.t('ka.weight')}</TableHeader>
            <TableHeader align="right">{i18n.t('ka.contribution')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {order.map((name) => {
            const f = score.factors[name];
            return (
              <TableRow key={name}>
                <TableCell>
                  <Flex direction="column" gap="flush">
                    <Text format={{ fontWeight: 'demibold' }}>
                      {i18n.t(`ka.factorName.${name}`)}{' '}
                      <Tag
                        variant={
                          f.basis === 'computed' || f.basis === 'rating' ? 'default' : 'warning'
                        }
                        inline
                      >
                        {i18n.t(`common.basis.${f.basis}`)}
                      </Tag>
                    </Text>
                    {f.explanation.map((ref, i) => (
                      <Text key={i} variant="microcopy">
                        {i18n.msg(ref)}
                      </Text>
                    ))}
                  </Flex>
                </TableCell>
                <TableCell align="right">{i18n.score(f.value)}</TableCell>
                <TableCell align="right">{i18n.pct(f.weight * 100)}</TableCell>
                <TableCell align="right">{i18n.score(f.contribution)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {score.explanation.map((ref, i) => (
        <Text key={i} variant="microcopy">
          {i18n.msg(ref)}
        </Text>
      ))}
      <Text format={{ fontWeight: 'demibold' }}>{i18n.t('ka.changes')}</Text>
      {score.previous === null ? (
        <Text>{i18n.t('ka.changes.first')}</Text>
      ) : score.changes.length === 0 ? (
        <Text>{i18n.t('ka.changes.none')}</Text>
      ) : (
        score.changes.map((c) => (
          <Text key={c.factor}>
            {i18n.t('ka.changes.row', {
              factor: i18n.t(`ka.factorName.${c.factor}`),
              from: c.from,
              to: c.to,
              delta: `${c.contributionDelta > 0 ? '+' : ''}${i18n.score(c.contributionDelta)}`,
            })}
          </Text>
        ))
      )}
    </Section>
  );
};
