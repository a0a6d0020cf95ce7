import React, { useState } from 'react';
import { Flex } from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { useKamContext } from '../shared/context.js';
import { hubspotFetcher, useApi, useI18n, type CardProps } from '../shared/hooks.js';
import { FailureState, LoadingState, NotInstalledState } from '../shared/states.js';
import { useResource } from '../shared/useResource.js';
import { Filters, type Filter } from './Filters.js';
import { PortfolioView } from './PortfolioView.js';
import { portfolioText } from './text.js';

const texts = [portfolioText];

/** App home: the portfolio, filtered by owner and segment. */
export const PortfolioPage = ({ fetcher = hubspotFetcher }: CardProps) => {
  const ctx = useKamContext();
  const api = useApi(fetcher);
  const [filter, setFilter] = useState<Filter>({});
  const i18n = useI18n(ctx.locale, texts, { currency: null, timeZone: ctx.timeZone });
  const { resource, reload } = useResource(
    () => api.call('portfolio', { query: { owner: filter.owner, segment: filter.segment } }),
    `${filter.owner ?? ''}|${filter.segment ?? ''}`,
  );
  // Keep the pickers' choices from the last answer while a new filter loads.
  const [choices, setChoices] = useState<{
    owners: { id: string; name: string }[];
    segments: string[];
  }>({ owners: [], segments: [] });
  const data = resource.state === 'ok' && resource.data.status === 'ok' ? resource.data : null;
  if (data && (data.owners !== choices.owners || data.segments !== choices.segments)) {
    setChoices({ owners: data.owners, segments: data.segments });
  }
  return (
    <Flex direction="column" gap="medium">
      <PageTitle>{i18n.t('p.title')}</PageTitle>
      <Filters
        i18n={i18n}
        owners={choices.owners}
        segments={choices.segments}
        filter={filter}
        onChange={setFilter}
      />
      {resource.state === 'loading' ? <LoadingState i18n={i18n} /> : null}
      {resource.state === 'error' ? (
        <FailureState i18n={i18n} error={resource.error} onRetry={reload} />
      ) : null}
      {resource.state === 'ok' && resource.data.status === 'not_installed' ? (
        <NotInstalledState i18n={i18n} />
      ) : null}
      {data ? (
        <PortfolioView
          data={data}
          i18n={i18n}
          filtered={filter.owner !== undefined || filter.segment !== undefined}
        />
      ) : null}
    </Flex>
  );
};
