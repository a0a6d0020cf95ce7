import { Flex, Text, hubspot } from '@hubspot/ui-extensions';
import { createPageRouter, PageRoutes, PageTitle } from '@hubspot/ui-extensions/pages';

// The app home page: the key-account portfolio. One file for now so the entry point
// has no relative imports; the real page will split into route components.
export const PortfolioPage = () => (
  <Flex direction="column" gap="small">
    <PageTitle>Key-account portfolio</PageTitle>
    <Text>
      Key accounts per rep, tier distribution, the lifecycle funnel, open alerts by level and health
      distribution will appear here.
    </Text>
  </Flex>
);

const PageRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={PortfolioPage} />
  </PageRoutes>,
);

export const KamPages = () => <PageRouter />;

hubspot.extend<'pages'>(() => <KamPages />);
