import { Flex, Heading, Text, hubspot } from '@hubspot/ui-extensions';

// Placeholder until the card is built; it calls nothing yet.
export const ContactRoleCard = () => (
  <Flex direction="column" gap="small">
    <Heading>Contact role</Heading>
    <Text>
      This person&apos;s role and stance at their account, and what that role cares about, will
      appear here.
    </Text>
  </Flex>
);

hubspot.extend<'crm.record.sidebar'>(() => <ContactRoleCard />);
