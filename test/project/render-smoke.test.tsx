import { Heading, Text } from '@hubspot/ui-extensions';
import { PageTitle } from '@hubspot/ui-extensions/pages';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { BuyingCommitteeCard } from '../../extensions/app/cards/BuyingCommitteeCard.js';
import { ContactRoleCard } from '../../extensions/app/cards/ContactRoleCard.js';
import { KeyAccountCard } from '../../extensions/app/cards/KeyAccountCard.js';
import { KamPages } from '../../extensions/app/pages/Pages.js';
import { SettingsPage } from '../../extensions/app/settings/SettingsPage.js';

/**
 * Proves the test setup for UI extensions: jest + @swc/jest transform the ESM-only
 * UI kit, and the kit's own test renderer renders our components outside HubSpot.
 */
describe('UI extensions render with the kit test renderer', () => {
  it('renders the Key account card', () => {
    const { render, find } = createRenderer('crm.record.tab');
    render(<KeyAccountCard />);
    expect(find(Heading).text).toBe('Key account');
    expect(find(Text).text).toContain('key-account status');
  });

  it.each([
    ['crm.record.sidebar', 'Buying committee', <BuyingCommitteeCard key="b" />],
    ['crm.record.sidebar', 'Contact role', <ContactRoleCard key="c" />],
    ['settings', 'KAM for HubSpot settings', <SettingsPage key="s" />],
  ] as const)('renders the %s placeholder "%s"', (location, heading, element) => {
    const { render, find } = createRenderer(location);
    render(element);
    expect(find(Heading).text).toBe(heading);
  });

  it('renders the app home page through its page router', () => {
    const { render, find } = createRenderer('pages');
    render(<KamPages />);
    expect(find(PageTitle).text).toBe('Key-account portfolio');
  });
});
