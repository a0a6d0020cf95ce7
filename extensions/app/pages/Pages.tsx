import React from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { createPageRouter, PageRoutes } from '@hubspot/ui-extensions/pages';
import type { Fetcher } from './shared/api.js';
import { PortfolioPage } from './portfolio/PortfolioPage.js';

// The app home page is the key-account portfolio (the index route).
const PageRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={PortfolioPage} />
  </PageRoutes>,
);

export { PortfolioPage };

/** `fetcher` is for tests: the index route then renders with it instead of `hubspot.fetch`. */
export const KamPages = ({ fetcher }: { fetcher?: Fetcher }) =>
  fetcher ? <PortfolioPage fetcher={fetcher} /> : <PageRouter />;

hubspot.extend<'pages'>(() => <KamPages />);
