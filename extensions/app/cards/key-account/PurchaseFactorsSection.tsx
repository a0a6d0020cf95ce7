import React from 'react';
import { Flex, Tag, Text } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

const variantOf = (value: number | null) =>
  value === null ? 'default' : value < 0 ? 'error' : value > 0 ? 'success' : 'info';

/** The 8 purchase factors against the main competitor, gaps (worst first) on top. */
export const PurchaseFactorsSection = ({ data, i18n }: SectionProps) => {
  const pf = data.evaluation.purchaseFactors;
  const ratingOf = (value: number | null) =>
    value === null ? i18n.t('ka.pf.notRated') : i18n.t(`purchase-factors.rating.${value}`);
  return (
    <Section title={i18n.t('ka.pf')} testId="purchase-factors">
      <Text>
        {pf.rated === 0
          ? i18n.t('purchase-factors.none_rated')
          : i18n.t('purchase-factors.summary', { rated: pf.rated, advantage: pf.advantage })}
      </Text>
      {pf.rated > 0 ? (
        <>
          <Text format={{ fontWeight: 'demibold' }}>
            {pf.gaps.length > 0 ? i18n.t('ka.pf.gaps') : i18n.t('ka.pf.noGaps')}
          </Text>
          {pf.gaps.map((factor) => (
            <Text key={factor}>
              {i18n.t('purchase-factors.gap', {
                factor,
                value: pf.ratings.find((r) => r.factor === factor)?.value ?? null,
              })}
            </Text>
          ))}
        </>
      ) : null}
      <Flex direction="row" gap="extra-small" wrap="wrap">
        {pf.ratings.map((r) => (
          <Tag key={r.factor} variant={variantOf(r.value)}>
            {i18n.t(`purchase-factors.name.${r.factor}`)}: {ratingOf(r.value)}
          </Tag>
        ))}
      </Flex>
    </Section>
  );
};
