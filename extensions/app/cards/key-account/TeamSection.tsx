import React from 'react';
import { DescriptionList, DescriptionListItem, Text } from '@hubspot/ui-extensions';
import { Section } from '../shared/ui.js';
import type { SectionProps } from './types.js';

/** The iron triangle: who holds each role, and which role the current phase still needs. */
export const TeamSection = ({ data, i18n }: SectionProps) => {
  const { team } = data.evaluation;
  const users = data.labels.users;
  return (
    <Section title={i18n.t('ka.team')} testId="team">
      <Text>{i18n.t('ka.team.phase', { phase: team.phase })}</Text>
      <DescriptionList direction="row">
        {team.members.map((m) => (
          <DescriptionListItem key={m.role} label={i18n.t(`ka.teamRole.${m.role}`)}>
            <Text
              format={
                m.userId === null && team.missing.includes(m.role)
                  ? { fontWeight: 'bold' }
                  : undefined
              }
            >
              {m.userId === null
                ? i18n.t('ka.team.unassigned')
                : (users[m.userId] ?? `#${m.userId}`)}
            </Text>
          </DescriptionListItem>
        ))}
      </DescriptionList>
      {(team.explanation ?? []).map((ref, i) => (
        <Text key={i} variant="microcopy">
          {i18n.msg(ref)}
        </Text>
      ))}
    </Section>
  );
};
