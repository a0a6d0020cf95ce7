import React, { useState } from 'react';
import { Button, Flex, Tag, Text, Tile } from '@hubspot/ui-extensions';
import type { Api } from '../shared/api.js';
import type { CommitteeMember } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';
import { MemberEditor } from './MemberEditor.js';

const stanceVariant = { supporter: 'success', neutral: 'default', opponent: 'error' } as const;

/** One person: roles, stance, the three ratings and last touch, with an edit button. */
export const MemberItem = ({
  i18n,
  api,
  companyId,
  member,
  onSaved,
}: {
  i18n: I18n;
  api: Api;
  companyId: string;
  member: CommitteeMember;
  onSaved: (member: CommitteeMember, jobId: string | null) => void;
}) => {
  const [editing, setEditing] = useState(false);
  const rating = (value: number | null) =>
    value === null ? i18n.t('ui.none') : i18n.t('bc.rating', { value });
  return (
    <Tile compact testId={`member-${member.contactId}`}>
      <Flex direction="column" gap="extra-small">
        <Flex direction="row" gap="small" align="center" justify="between">
          <Text format={{ fontWeight: 'demibold' }}>{member.name}</Text>
          {!editing ? (
            <Button
              size="extra-small"
              variant="transparent"
              onClick={() => setEditing(true)}
              testId={`edit-${member.contactId}`}
            >
              {i18n.t('bc.edit')}
            </Button>
          ) : null}
        </Flex>
        {editing ? (
          <MemberEditor
            i18n={i18n}
            api={api}
            companyId={companyId}
            member={member}
            onCancel={() => setEditing(false)}
            onSaved={(saved, jobId) => {
              setEditing(false);
              onSaved(saved, jobId);
            }}
          />
        ) : (
          <>
            <Flex direction="row" gap="extra-small" wrap="wrap">
              {member.roles.length === 0 ? (
                <Tag variant="warning">{i18n.t('bc.noRole')}</Tag>
              ) : null}
              {member.roles.map((r) => (
                <Tag key={r} variant="info">
                  {i18n.t(`committee.role.${r}`)}
                </Tag>
              ))}
              <Tag variant={member.stance ? stanceVariant[member.stance] : 'default'}>
                {member.stance
                  ? i18n.t(`committee.stance.${member.stance}`)
                  : i18n.t('bc.noStance')}
              </Tag>
            </Flex>
            <Text variant="microcopy">
              {i18n.t('bc.closeness')} {rating(member.closeness)} · {i18n.t('bc.solution')}{' '}
              {rating(member.solutionAcceptance)} · {i18n.t('bc.price')}{' '}
              {rating(member.priceAcceptance)}
            </Text>
            <Text variant="microcopy">
              {i18n.t('bc.lastTouch')}:{' '}
              {member.lastTouch ? i18n.date(member.lastTouch) : i18n.t('bc.never')}
            </Text>
          </>
        )}
      </Flex>
    </Tile>
  );
};
