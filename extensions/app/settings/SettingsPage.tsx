import { Flex, Heading, Text, hubspot } from '@hubspot/ui-extensions';

// Placeholder until the settings page is built; it calls nothing yet.
export const SettingsPage = () => (
  <Flex direction="column" gap="small">
    <Heading>KAM for HubSpot settings</Heading>
    <Text>
      Score weights, the key-account share, tier cuts, health bands, alert rules and task settings
      will be edited here, with a preview of their effect before saving.
    </Text>
  </Flex>
);

hubspot.extend<'settings'>(() => <SettingsPage />);
