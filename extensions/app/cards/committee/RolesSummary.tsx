import React from 'react';
import { Flex, Tag, Text } from '@hubspot/ui-extensions';
import type { CommitteeResult } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';

/** Roles filled and missing, how close we are to the decision maker, and when each role was last engaged. */
export const RolesSummary = ({ i18n, committee }: { i18n: I18n; committee: CommitteeResult }) => (
  <Flex direction="column" gap="extra-small" testId="roles">
    <Flex direction="row" gap="extra-small" wrap="wrap">
      {committee.rolesFilled.map((r) => (
        <Tag key={r} variant="success">
          {i18n.t(`committee.role.${r}`)}
        </Tag>
      ))}
      {committee.rolesMissing.map((r) => (
        <Tag key={r} variant="error" testId={`missing-${r}`}>
          {i18n.t('bc.missing')}: {i18n.t(`committee.role.${r}`)}
        </Tag>
      ))}
    </Flex>
    {committee.closenessToDecisionMaker !== null ? (
      <Text variant="microcopy">
        {i18n.t('bc.closenessToDm', { value: committee.closenessToDecisionMaker })}
      </Text>
    ) : null}
    <Text variant="microcopy">{i18n.t('bc.engaged', { count: committee.engagedContacts })}</Text>
    {committee.roleStaleness
      .filter((s) => committee.rolesFilled.includes(s.role))
      .map((s) => (
        <Text
          key={s.role}
          variant="microcopy"
          format={s.stale ? { fontWeight: 'bold' } : undefined}
        >
          {i18n.t(`committee.role.${s.role}`)}:{' '}
          {s.lastTouch ? i18n.date(s.lastTouch) : i18n.t('bc.never')}
          {s.stale ? ` (${i18n.t('bc.stale')})` : ''}
        </Text>
      ))}
  </Flex>
);
