import React, { useCallback, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { ApiFailure, newIdempotencyKey } from './shared/api.js';
import { useKamContext } from './shared/context.js';
import { FailureState, LoadingState, NotInstalledState } from './shared/states.js';
import { asFailure, useResource } from './shared/useResource.js';
import { hubspotFetcher, useApi, useI18n, type CardProps } from './shared/hooks.js';
import { KeyAccountView } from './key-account/KeyAccountView.js';
import { NotEvaluatedView } from './key-account/NotEvaluatedView.js';
import type { ReevaluateState } from './key-account/ReevaluateFooter.js';
import { keyAccountText } from './key-account/text.js';

const texts = [keyAccountText];

/** Company record tab: the key-account evaluation of this company, from our backend. */
export const KeyAccountCard = ({ fetcher = hubspotFetcher }: CardProps) => {
  const ctx = useKamContext();
  const api = useApi(fetcher);
  const companyId = ctx.objectId;
  const { resource, reload } = useResource(() => {
    if (!companyId)
      return Promise.reject(new ApiFailure('not_found', null, 'no company in context'));
    return api.call('companyCard', { path: { companyId } });
  }, `${companyId}`);
  const [reevaluate, setReevaluate] = useState<ReevaluateState>({ state: 'idle' });
  const data = resource.state === 'ok' ? resource.data : null;
  const i18n = useI18n(
    ctx.locale,
    texts,
    data?.status === 'ok' ? data.portal : { currency: null, timeZone: ctx.timeZone },
  );

  const onReevaluate = useCallback(() => {
    if (!companyId) return;
    setReevaluate({ state: 'sending' });
    // One key per click: HubSpot's own retry of this request repeats it, a new click does not.
    api
      .call('reevaluateCompany', { path: { companyId }, idempotencyKey: newIdempotencyKey() })
      .then(
        (answer) =>
          setReevaluate(
            answer.status === 'queued'
              ? { state: 'queued' }
              : { state: 'failed', error: new ApiFailure('forbidden', null, 'not installed') },
          ),
        (error: unknown) => setReevaluate({ state: 'failed', error: asFailure(error) }),
      );
  }, [api, companyId]);

  if (resource.state === 'loading') return <LoadingState i18n={i18n} />;
  if (resource.state === 'error')
    return <FailureState i18n={i18n} error={resource.error} onRetry={reload} />;
  const answer = resource.data;
  if (answer.status === 'not_installed') return <NotInstalledState i18n={i18n} />;
  if (answer.status === 'not_evaluated') {
    return (
      <NotEvaluatedView
        i18n={i18n}
        queued={answer.reevaluationQueued}
        appObjectsAvailable={answer.appObjectsAvailable}
        reevaluate={reevaluate}
        onReevaluate={onReevaluate}
      />
    );
  }
  return (
    <KeyAccountView data={answer} i18n={i18n} reevaluate={reevaluate} onReevaluate={onReevaluate} />
  );
};

hubspot.extend<'crm.record.tab'>(() => <KeyAccountCard />);
