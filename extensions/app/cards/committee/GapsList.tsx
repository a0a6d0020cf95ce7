import React from 'react';
import { Alert, Flex, Text } from '@hubspot/ui-extensions';
import type { CommitteeResult } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';

const severity = (code: string): 'danger' | 'warning' | 'info' =>
  code === 'committee.gap.no_decision_maker' || code === 'committee.gap.opposing_decision_maker'
    ? 'danger'
    : code === 'committee.gap.single_threaded' || code === 'committee.gap.not_engaged'
      ? 'warning'
      : 'info';

/** The committee's gaps, the serious ones (no or opposing decision maker, single-threaded) first. */
export const GapsList = ({ i18n, committee }: { i18n: I18n; committee: CommitteeResult }) => {
  const rank = { danger: 0, warning: 1, info: 2 };
  const gaps = [...committee.gaps].sort((a, b) => rank[severity(a.code)] - rank[severity(b.code)]);
  if (gaps.length === 0) return <Text>{i18n.t('bc.noGaps')}</Text>;
  return (
    <Flex direction="column" gap="extra-small" testId="gaps">
      {gaps.map((ref, i) => (
        // Test ids must be unique: the first gap of each kind gets the plain one.
        <Alert
          key={i}
          title={i18n.msg(ref)}
          variant={severity(ref.code)}
          testId={
            gaps.findIndex((g) => g.code === ref.code) === i
              ? `gap-${ref.code}`
              : `gap-${ref.code}-${i}`
          }
        />
      ))}
    </Flex>
  );
};
