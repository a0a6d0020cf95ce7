import React from 'react';
import { EmptyState, Text, hubspot } from '@hubspot/ui-extensions';
import { ApiFailure } from './shared/api.js';
import { useKamContext } from './shared/context.js';
import { hubspotFetcher, useApi, useI18n, type CardProps } from './shared/hooks.js';
import { FailureState, LoadingState, NotInstalledState } from './shared/states.js';
import { useResource } from './shared/useResource.js';
import { committeeText } from './committee/text.js';
import { ContactRoleView } from './contact/ContactRoleView.js';

const texts = [committeeText];

/** Contact sidebar: this person's role and stance at their account, and what that role cares about. */
export const ContactRoleCard = ({ fetcher = hubspotFetcher }: CardProps) => {
  const ctx = useKamContext();
  const api = useApi(fetcher);
  const contactId = ctx.objectId;
  const { resource, reload } = useResource(() => {
    if (!contactId)
      return Promise.reject(new ApiFailure('not_found', null, 'no contact in context'));
    return api.call('contactCard', { path: { contactId } });
  }, `${contactId}`);
  const answer = resource.state === 'ok' ? resource.data : null;
  const i18n = useI18n(
    ctx.locale,
    texts,
    answer?.status === 'ok' ? answer.portal : { currency: null, timeZone: ctx.timeZone },
  );

  if (resource.state === 'loading') return <LoadingState i18n={i18n} />;
  if (resource.state === 'error')
    return <FailureState i18n={i18n} error={resource.error} onRetry={reload} />;
  const data = resource.data;
  if (data.status === 'not_installed') return <NotInstalledState i18n={i18n} />;
  if (data.status === 'no_company') {
    return (
      <EmptyState
        title={i18n.t('cr.noCompany.title')}
        imageName="companies"
        layout="vertical"
        flush
        testId="no-company"
      >
        <Text>{i18n.t('cr.noCompany.body')}</Text>
      </EmptyState>
    );
  }
  if (data.status === 'not_evaluated') {
    return (
      <EmptyState
        title={i18n.t('bc.empty.title')}
        imageName="contacts"
        layout="vertical"
        flush
        testId="not-evaluated"
      >
        <Text>{i18n.t('cr.notEvaluated.body', { company: data.company.name })}</Text>
      </EmptyState>
    );
  }
  return <ContactRoleView data={data} i18n={i18n} api={api} />;
};

hubspot.extend<'crm.record.sidebar'>(() => <ContactRoleCard />);
