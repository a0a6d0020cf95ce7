import { Heading, LoadingSpinner } from '@hubspot/ui-extensions';
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
  // The record cards fetch their data first: rendering proves the kit loads; test/cards covers their states.
  it.each([
    ['crm.record.tab', 'Key account', <KeyAccountCard key="k" />],
    ['crm.record.sidebar', 'Buying committee', <BuyingCommitteeCard key="b" />],
    ['crm.record.sidebar', 'Contact role', <ContactRoleCard key="c" />],
  ] as const)('renders the %s card "%s" (loading first)', (location, _name, element) => {
    const { render, find } = createRenderer(location);
    render(element);
    expect(find(LoadingSpinner)).toBeTruthy();
  });

  it('renders the settings page', () => {
    const { render, find } = createRenderer('settings');
    render(<SettingsPage />);
    expect(find(Heading).text).toBe('KAM for HubSpot settings');
  });

  it('renders the app home page through its page router', () => {
    const { render, find } = createRenderer('pages');
    render(<KamPages />);
    expect(find(PageTitle).text).toBe('Key-account portfolio');
  });
});
