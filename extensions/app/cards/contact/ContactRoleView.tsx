import React, { useState } from 'react';
import {
  Alert,
  DescriptionList,
  DescriptionListItem,
  Flex,
  Heading,
  Tag,
  Text,
} from '@hubspot/ui-extensions';
import type { Api } from '../shared/api.js';
import type {
  CommitteeMember,
  CommitteeRole,
  ContactCardResponse,
} from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';
import { MemberItem } from '../committee/MemberItem.js';

type Ok = Extract<ContactCardResponse, { status: 'ok' }>;

/** Roles with a "cares about" line in the catalog (spec §4); the others get what they do. */
const caresCodes: Partial<Record<CommitteeRole, string>> = {
  decision_maker: 'committee.cares.decision_maker',
  user: 'committee.cares.user',
  influencer: 'committee.cares.influencer',
};

/** This person at their company: role and stance (editable), what the role cares about, the committee's gaps. */
export const ContactRoleView = ({ data, i18n, api }: { data: Ok; i18n: I18n; api: Api }) => {
  const [member, setMember] = useState<CommitteeMember>(data.member);
  const company = data.company.name;
  const c = data.committee;
  return (
    <Flex direction="column" gap="small" testId="contact-role-view">
      <Text>{i18n.t('cr.at', { company })}</Text>
      <MemberItem
        i18n={i18n}
        api={api}
        companyId={data.company.id}
        member={member}
        onSaved={(m) => setMember(m)}
      />
      {member.roles.length === 0 ? (
        <Alert title={i18n.t('cr.noRoleHint', { company })} variant="info" />
      ) : null}
      {member.roles.length > 0 ? <Heading>{i18n.t('cr.cares')}</Heading> : null}
      {member.roles.map((role) => (
        <Flex key={role} direction="column" gap="flush" testId={`cares-${role}`}>
          <Text format={{ fontWeight: 'demibold' }}>{i18n.t(`committee.role.${role}`)}</Text>
          <Text>{i18n.t(`cr.does.${role}`)}</Text>
          {caresCodes[role] ? <Text>{i18n.t(caresCodes[role] ?? '')}</Text> : null}
        </Flex>
      ))}
      <Heading>{i18n.t('cr.committee', { company })}</Heading>
      {c.isKeyAccount ? <Tag variant="success">{i18n.t('cr.keyAccount', { company })}</Tag> : null}
      <DescriptionList direction="column">
        <DescriptionListItem label={i18n.t('bc.missing')}>
          <Text>
            {c.rolesMissing.length === 0
              ? i18n.t('ui.none')
              : c.rolesMissing.map((r) => i18n.t(`committee.role.${r}`)).join(', ')}
          </Text>
        </DescriptionListItem>
      </DescriptionList>
      {!c.hasDecisionMaker ? (
        <Alert
          title={i18n.t('committee.gap.no_decision_maker')}
          variant="danger"
          testId="gap-no-dm"
        />
      ) : null}
      {c.opposingDecisionMaker ? (
        <Alert
          title={i18n.t('cr.opposingDm', { company })}
          variant="danger"
          testId="gap-opposing"
        />
      ) : null}
      {c.singleThreaded ? (
        <Alert
          title={i18n.t('cr.singleThreaded', { company })}
          variant="warning"
          testId="gap-single"
        />
      ) : null}
      <Text variant="microcopy">
        {i18n.t('bc.lastEvaluated', { at: i18n.dateTime(data.lastEvaluatedAt) })}
      </Text>
    </Flex>
  );
};
