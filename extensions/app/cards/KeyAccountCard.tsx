import { Flex, Heading, Text, hubspot } from '@hubspot/ui-extensions';

// Placeholder until the card is built: it proves the entry point, the kit and the
// test setup. It calls nothing (no hubspot.fetch) so it renders the same everywhere.
export const KeyAccountCard = () => (
  <Flex direction="column" gap="small">
    <Heading>Key account</Heading>
    <Text>
      Account score, key-account status, tier, lifecycle stage, health and open alerts for this
      company will appear here.
    </Text>
  </Flex>
);

hubspot.extend<'crm.record.tab'>(() => <KeyAccountCard />);
