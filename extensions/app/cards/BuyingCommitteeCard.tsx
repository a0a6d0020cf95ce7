import React from 'react';
import { EmptyState, Text, hubspot } from '@hubspot/ui-extensions';
import { ApiFailure } from './shared/api.js';
import { useKamContext } from './shared/context.js';
import { hubspotFetcher, useApi, useI18n, type CardProps } from './shared/hooks.js';
import { FailureState, LoadingState, NotInstalledState } from './shared/states.js';
import { useResource } from './shared/useResource.js';
import { BuyingCommitteeView } from './committee/BuyingCommitteeView.js';
import { committeeText } from './committee/text.js';

const texts = [committeeText];

/** Company sidebar: who is in the buying committee, what is missing, with inline role and stance editing. */
export const BuyingCommitteeCard = ({ fetcher = hubspotFetcher }: CardProps) => {
  const ctx = useKamContext();
  const api = useApi(fetcher);
  const companyId = ctx.objectId;
  const { resource, reload } = useResource(() => {
    if (!companyId)
      return Promise.reject(new ApiFailure('not_found', null, 'no company in context'));
    return api.call('companyCard', { path: { companyId } });
  }, `${companyId}`);
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
  if (data.status === 'not_evaluated') {
    return (
      <EmptyState
        title={i18n.t('bc.empty.title')}
        imageName="contacts"
        layout="vertical"
        flush
        testId="not-evaluated"
      >
        <Text>{i18n.t('bc.empty.body')}</Text>
      </EmptyState>
    );
  }
  return <BuyingCommitteeView data={data} i18n={i18n} api={api} />;
};

hubspot.extend<'crm.record.sidebar'>(() => <BuyingCommitteeCard />);
