import { Flex, Heading, Text, hubspot } from '@hubspot/ui-extensions';

// Placeholder until the card is built; it calls nothing yet.
export const BuyingCommitteeCard = () => (
  <Flex direction="column" gap="small">
    <Heading>Buying committee</Heading>
    <Text>
      Roles filled and missing, each member&apos;s stance and closeness, and the gaps in the
      committee will appear here.
    </Text>
  </Flex>
);

hubspot.extend<'crm.record.sidebar'>(() => <BuyingCommitteeCard />);
