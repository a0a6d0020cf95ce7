import React, { useState } from 'react';
import { Alert, Button, Flex, LoadingButton, MultiSelect, Select } from '@hubspot/ui-extensions';
import { newIdempotencyKey, type Api } from '../shared/api.js';
import type { CommitteeMember, CommitteeRole, Stance } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';
import { asFailure } from '../shared/useResource.js';
import type { ApiFailure } from '../shared/api.js';

const roles: readonly CommitteeRole[] = [
  'decision_maker',
  'influencer',
  'user',
  'buyer',
  'gatekeeper',
];
const stances: readonly Stance[] = ['supporter', 'neutral', 'opponent'];
const NO_STANCE = 'none';

export interface MemberEditorProps {
  i18n: I18n;
  api: Api;
  companyId: string;
  member: CommitteeMember;
  onSaved: (member: CommitteeMember, jobId: string | null) => void;
  onCancel: () => void;
}

/** Inline edit of a person's buying roles and stance, written back to HubSpot through our backend. */
export const MemberEditor = ({
  i18n,
  api,
  companyId,
  member,
  onSaved,
  onCancel,
}: MemberEditorProps) => {
  const [selected, setSelected] = useState<CommitteeRole[]>(member.roles);
  const [stance, setStance] = useState<Stance | null>(member.stance);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);

  const save = () => {
    setSaving(true);
    setError(null);
    api
      .call('updateCommittee', {
        path: { contactId: member.contactId },
        body: { companyId, roles: selected, stance },
        idempotencyKey: newIdempotencyKey(),
      })
      .then(
        (answer) => {
          setSaving(false);
          if (answer.status === 'ok') onSaved(answer.member, answer.jobId);
          else setError(asFailure(new Error('not installed')));
        },
        (e: unknown) => {
          setSaving(false);
          setError(asFailure(e));
        },
      );
  };

  return (
    <Flex direction="column" gap="small" testId={`editor-${member.contactId}`}>
      <MultiSelect
        name="roles"
        label={i18n.t('bc.editRoles')}
        value={selected}
        options={roles.map((r) => ({ label: i18n.t(`committee.role.${r}`), value: r }))}
        onChange={(values) => setSelected(roles.filter((r) => values.includes(r)))}
      />
      <Select
        name="stance"
        label={i18n.t('bc.editStance')}
        value={stance ?? NO_STANCE}
        options={[
          { label: i18n.t('bc.noStance'), value: NO_STANCE },
          ...stances.map((s) => ({ label: i18n.t(`committee.stance.${s}`), value: s })),
        ]}
        onChange={(value) => setStance(stances.find((s) => s === value) ?? null)}
      />
      {error ? (
        <Alert title={i18n.t(`ui.error.${error.kind}.title`)} variant="danger">
          {i18n.t(`ui.error.${error.kind}.body`)}
        </Alert>
      ) : null}
      <Flex direction="row" gap="small">
        <LoadingButton
          size="small"
          variant="primary"
          loading={saving}
          onClick={save}
          testId="save-member"
        >
          {i18n.t('bc.save')}
        </LoadingButton>
        <Button size="small" variant="secondary" onClick={onCancel} disabled={saving}>
          {i18n.t('bc.cancel')}
        </Button>
      </Flex>
    </Flex>
  );
};
