import { type SettingsInput } from '../../src/domain/settings.js';
import { contact, deal, map, meeting, records, settings, type Props } from './records-fixtures.js';

describe('toAccount: deals', () => {
  it.each<[string, Props, number | null]>([
    [
      'home-currency amount wins (multi-currency portal)',
      { amount: '1000', amount_in_home_currency: '1080', deal_currency_code: 'EUR' },
      1080,
    ],
    ['single-currency portal: amount', { amount: '1000' }, 1000],
    ['no amount', {}, null],
  ])('amount: %s', (_n, props, expected) => {
    expect(map(records({ deals: [deal(props)] })).account.deals[0].amount).toBe(expected);
  });

  it.each<[string, Props, string]>([
    ['won flag', { hs_is_closed_won: 'true', hs_is_closed: 'true', dealstage: '12345' }, 'won'],
    [
      'closed, not won',
      { hs_is_closed_won: 'false', hs_is_closed: 'true', dealstage: 'closedlost' },
      'lost',
    ],
    [
      'open',
      { hs_is_closed_won: 'false', hs_is_closed: 'false', dealstage: 'contractsent' },
      'open',
    ],
    ['no flags, stage closedwon', { dealstage: 'closedwon' }, 'won'],
    ['no flags, stage closedlost', { dealstage: 'closedlost' }, 'lost'],
    ['no flags, custom stage', { dealstage: '998877' }, 'open'],
  ])('status: %s', (_n, props, expected) => {
    expect(map(records({ deals: [deal(props)] })).account.deals[0].status).toBe(expected);
  });

  it.each<[string, string, string]>([
    // 23:30 UTC on 31 March is still March in New York but already April (a new quarter) in Shanghai.
    ['America/New_York', '2026-03-31T23:30:00.000Z', '2026-03-31'],
    ['Asia/Shanghai', '2026-03-31T23:30:00.000Z', '2026-04-01'],
    ['America/New_York', '2026-01-01T04:59:59.000Z', '2025-12-31'],
    ['America/New_York', '2026-01-01T05:00:00.000Z', '2026-01-01'],
    ['UTC', '2026-06-30T23:59:59.999Z', '2026-06-30'],
    ['Asia/Kolkata', '2026-06-30T18:29:00Z', '2026-06-30'],
    ['Asia/Kolkata', '2026-06-30T18:30:00Z', '2026-07-01'],
    ['America/New_York', '1774999800000', '2026-03-31'],
  ])('close date in %s: %s → %s', (timeZone, closedate, expected) => {
    const { account } = map(
      records({ deals: [deal({ closedate, createdate: closedate })] }),
      settings({ timeZone }),
    );
    expect(account.deals[0].closeDate).toBe(expected);
    expect(account.deals[0].createDate).toBe(expected);
  });

  it('counts a deal for its primary company only', () => {
    const { account } = map(
      records({
        deals: [
          deal({}, '301', '100'),
          deal({}, '302', '999'),
          deal({}, '303', null),
          deal({}, '304'),
          deal({}, '301', '100'),
        ],
      }),
    );
    expect(account.deals.map((d) => d.id)).toEqual(['301', '303', '304']);
  });

  it('reads the configured product-line property', () => {
    const s = settings({ mapping: { productLineProperty: 'product_family' } });
    const { account } = map(
      records({ deals: [deal({ product_family: 'Analytics', kam_product_line: 'Other' })] }),
      s,
    );
    expect(account.deals[0].productLine).toBe('Analytics');
  });
});

describe('toAccount: contacts', () => {
  // Every row has all four cells: jest reads a missing last argument as a done callback.
  it.each<[string, Props, string[], SettingsInput]>([
    [
      'our roles',
      { kam_buying_role: 'decision_maker;influencer' },
      ['decision_maker', 'influencer'],
      {},
    ],
    [
      "HubSpot's roles when ours are empty",
      { hs_buying_role: 'BUDGET_HOLDER;END_USER' },
      ['decision_maker', 'user'],
      {},
    ],
    [
      'ours win over HubSpot’s',
      { kam_buying_role: 'buyer', hs_buying_role: 'DECISION_MAKER' },
      ['buyer'],
      {},
    ],
    ['unmapped HubSpot role ignored', { hs_buying_role: 'SOMETHING_NEW' }, [], {}],
    [
      'a custom fallback mapping',
      { hs_buying_role: 'OTHER' },
      ['buyer'],
      { mapping: { buyingRoleFallback: { OTHER: 'buyer' } } },
    ],
    ['duplicates merged', { kam_buying_role: 'user;user; user' }, ['user'], {}],
  ])('roles: %s', (_n, props, roles, input) => {
    const { account, warnings } = map(records({ contacts: [contact(props)] }), settings(input));
    expect(account.contacts[0].roles).toEqual(roles);
    expect(warnings).toEqual([]);
  });

  it('warns about an unknown role of ours and falls back to HubSpot’s', () => {
    const { account, warnings } = map(
      records({ contacts: [contact({ kam_buying_role: 'boss', hs_buying_role: 'CHAMPION' })] }),
    );
    expect(account.contacts[0].roles).toEqual(['influencer']);
    expect(warnings).toMatchObject([
      { objectType: 'contacts', objectId: '200', property: 'kam_buying_role', value: 'boss' },
    ]);
  });

  it('counts a role for the contact’s primary company only', () => {
    const { account } = map(
      records({
        contacts: [
          contact({ kam_buying_role: 'decision_maker' }, '201', '999'),
          contact({ kam_buying_role: 'decision_maker', associatedcompanyid: '999' }, '202'),
          contact({ kam_buying_role: 'decision_maker', associatedcompanyid: '100' }, '203'),
          contact({ kam_buying_role: 'decision_maker' }, '204', null),
        ],
      }),
    );
    expect(account.contacts.map((c) => [c.id, c.roles.length])).toEqual([
      ['201', 0],
      ['202', 0],
      ['203', 1],
      ['204', 1],
    ]);
  });

  it('reads name, stance, acceptance and left', () => {
    const { account, warnings } = map(
      records({
        contacts: [
          contact(
            {
              firstname: 'Wei',
              lastname: 'Chen',
              kam_stance: 'opponent',
              kam_closeness: '2',
              kam_solution_acceptance: '5',
              kam_price_acceptance: '1',
              kam_left_company: 'true',
            },
            '201',
          ),
          contact({ email: 'x@acme.example', kam_stance: 'hostile', kam_closeness: '0' }, '202'),
        ],
      }),
    );
    expect(account.contacts[0]).toEqual({
      id: '201',
      name: 'Wei Chen',
      roles: [],
      stance: 'opponent',
      closeness: 2,
      solutionAcceptance: 5,
      priceAcceptance: 1,
      left: true,
    });
    expect(account.contacts[1]).toMatchObject({
      name: 'x@acme.example',
      stance: null,
      closeness: null,
      left: false,
    });
    expect(warnings.map((w) => w.property)).toEqual(['kam_stance', 'kam_closeness']);
  });
});

describe('toAccount: engagements', () => {
  it('turns timestamps into portal-local dates and keeps the contacts', () => {
    const { account } = map(
      records({
        engagements: [
          meeting(
            { hs_timestamp: '2026-07-01T02:00:00.000Z', hs_meeting_outcome: 'COMPLETED' },
            ['201', '202', '201'],
            '401',
          ),
          {
            type: 'calls',
            record: { id: '402', properties: { hs_timestamp: '2026-07-01T12:00:00Z' } },
            contactIds: [],
          },
          {
            type: 'emails',
            record: { id: '403', properties: { hs_timestamp: '1782900000000' } },
            contactIds: ['203'],
          },
        ],
      }),
    );
    expect(account.engagements).toEqual([
      { id: '401', type: 'meeting', date: '2026-06-30', contactIds: ['201', '202'] },
      { id: '402', type: 'call', date: '2026-07-01', contactIds: [] },
      { id: '403', type: 'email', date: '2026-07-01', contactIds: ['203'] },
    ]);
  });

  it('skips meetings that did not take place, keeps scheduled ones', () => {
    const outcomes = ['CANCELED', 'NO_SHOW', 'RESCHEDULED', 'SCHEDULED', 'COMPLETED', null];
    const { account } = map(
      records({
        engagements: outcomes.map((o, i) =>
          meeting({ hs_timestamp: '2026-07-01T12:00:00Z', hs_meeting_outcome: o }, [], `41${i}`),
        ),
      }),
    );
    expect(account.engagements.map((e) => e.id)).toEqual(['413', '414', '415']);
  });

  it('skips an engagement without a usable timestamp, with a warning', () => {
    const { account, warnings } = map(
      records({
        engagements: [meeting({}, [], '401'), meeting({ hs_timestamp: 'yesterday' }, [], '402')],
      }),
    );
    expect(account.engagements).toEqual([]);
    expect(warnings).toMatchObject([
      { objectType: 'meetings', objectId: '401', property: 'hs_timestamp' },
      { objectType: 'meetings', objectId: '402', property: 'hs_timestamp', value: 'yesterday' },
    ]);
  });
});
