import React from 'react';
import { DescriptionList, DescriptionListItem, Tag, Text } from '@hubspot/ui-extensions';
import { Section, tierTag } from '../shared/ui.js';
import type { SectionProps } from './types.js';

/** The tier and the two axes of the value matrix it comes from. */
export const TierSection = ({ data, i18n }: SectionProps) => {
  const { tier } = data.evaluation;
  const level = (high: boolean) => i18n.t(high ? 'ka.tier.high' : 'ka.tier.low');
  return (
    <Section title={i18n.t('ka.tier')} testId="tier">
      <Tag variant={tierTag[tier.tier]}>{i18n.t(`summary.tierName.${tier.tier}`)}</Tag>
      <DescriptionList direction="row">
        <DescriptionListItem label={i18n.t('ka.tier.contribution')}>
          <Text>
            {i18n.t('ka.tier.axis', {
              value: tier.contribution,
              level: level(tier.contributionHigh),
            })}
          </Text>
        </DescriptionListItem>
        <DescriptionListItem label={i18n.t('ka.tier.importance')}>
          <Text>
            {i18n.t('ka.tier.axis', { value: tier.importance, level: level(tier.importanceHigh) })}
          </Text>
        </DescriptionListItem>
      </DescriptionList>
      {tier.explanation.map((ref, i) => (
        <Text key={i} variant="microcopy">
          {i18n.msg(ref)}
        </Text>
      ))}
      {tier.previous && tier.previous !== tier.tier ? (
        <Text variant="microcopy">{i18n.t('ka.tier.previous', { tier: tier.previous })}</Text>
      ) : null}
    </Section>
  );
};
