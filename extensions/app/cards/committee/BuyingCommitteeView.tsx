import React, { useState } from 'react';
import { Alert, Divider, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { Api } from '../shared/api.js';
import type { CommitteeMember, CompanyCardOk } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';
import { GapsList } from './GapsList.js';
import { MemberItem } from './MemberItem.js';
import { RolesSummary } from './RolesSummary.js';

/** The committee of an evaluated company; edits show at once, the gaps follow after the re-evaluation. */
export const BuyingCommitteeView = ({
  data,
  i18n,
  api,
}: {
  data: CompanyCardOk;
  i18n: I18n;
  api: Api;
}) => {
  const { committee } = data.evaluation;
  const [edited, setEdited] = useState<Record<string, CommitteeMember>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const members = committee.members.map((m) => edited[m.contactId] ?? m);
  const onSaved = (member: CommitteeMember, jobId: string | null) => {
    setEdited((prev) => ({ ...prev, [member.contactId]: member }));
    setNotice(i18n.t(jobId ? 'bc.saved' : 'bc.savedNoChange'));
  };
  return (
    <Flex direction="column" gap="small" testId="buying-committee-view">
      <Heading>{i18n.t('bc.roles')}</Heading>
      <RolesSummary i18n={i18n} committee={committee} />
      <Heading>{i18n.t('bc.gaps')}</Heading>
      <GapsList i18n={i18n} committee={committee} />
      <Divider />
      <Heading>{i18n.t('bc.members', { count: members.length })}</Heading>
      {notice ? <Alert title={notice} variant="success" testId="saved-notice" /> : null}
      {members.length === 0 ? <Text>{i18n.t('bc.noMembers')}</Text> : null}
      {members.map((m) => (
        <MemberItem
          key={m.contactId}
          i18n={i18n}
          api={api}
          companyId={data.company.id}
          member={m}
          onSaved={onSaved}
        />
      ))}
      <Text variant="microcopy">
        {i18n.t('bc.lastEvaluated', { at: i18n.dateTime(data.lastEvaluatedAt) })}
      </Text>
    </Flex>
  );
};
