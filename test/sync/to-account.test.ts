import { settingsSchema, type SettingsInput } from '../../src/domain/settings.js';
import { accountSchema } from '../../src/domain/snapshot.js';
import { generateDemoPortal } from '../../src/demo/index.js';
import { groupAccountRecords } from '../../src/sync/group-records.js';
import {
  toAccount,
  type AccountRecords,
  type AssociatedRecord,
  type EngagementRecord,
} from '../../src/sync/to-account.js';

type Props = Record<string, string | null>;

const ny = settingsSchema.parse({ timeZone: 'America/New_York' });
const settings = (input: SettingsInput = {}) =>
  settingsSchema.parse({ timeZone: 'America/New_York', ...input });

function records(over: Partial<AccountRecords> & { company?: Props } = {}): AccountRecords {
  return {
    company: { id: '100', properties: { name: 'Acme', ...over.company } },
    contacts: over.contacts ?? [],
    deals: over.deals ?? [],
    engagements: over.engagements ?? [],
  };
}
const deal = (props: Props, id = '300', primaryCompanyId?: string | null): AssociatedRecord => ({
  id,
  properties: props,
  primaryCompanyId,
});
const contact = (props: Props, id = '200', primaryCompanyId?: string | null): AssociatedRecord => ({
  id,
  properties: props,
  primaryCompanyId,
});
const meeting = (props: Props, contactIds: string[] = [], id = '400'): EngagementRecord => ({
  type: 'meetings',
  record: { id, properties: props },
  contactIds,
});

function map(r: AccountRecords, s = ny) {
  const out = toAccount(r, s);
  accountSchema.parse(out.account);
  return out;
}

describe('toAccount: company properties', () => {
  it.each<[string, Props, (a: ReturnType<typeof map>['account']) => unknown, unknown]>([
    ['owner', { hubspot_owner_id: '7001' }, (a) => a.ownerId, '7001'],
    ['segment = industry', { industry: 'MACHINERY' }, (a) => a.segment, 'MACHINERY'],
    ['blank segment', { industry: '  ' }, (a) => a.segment, null],
    ['annual revenue', { annualrevenue: '2500000.5' }, (a) => a.annualRevenue, 2500000.5],
    ['employees', { numberofemployees: '120' }, (a) => a.employees, 120],
    ['rating', { kam_potential_rating: '4' }, (a) => a.ratings.potential, 4],
    ['unrated', {}, (a) => a.ratings.reference, null],
    ['satisfaction', { kam_satisfaction: '70' }, (a) => a.satisfaction, 70],
    ['renewal date', { kam_renewal_date: '2026-03-01' }, (a) => a.renewal.date, '2026-03-01'],
    // Date-typed properties are midnight UTC: the UTC date is the picked date, whatever the zone.
    [
      'renewal date as midnight UTC',
      { kam_renewal_date: '2026-03-01T00:00:00.000Z' },
      (a) => a.renewal.date,
      '2026-03-01',
    ],
    [
      'renewal date as epoch ms',
      { kam_renewal_date: '1772323200000' },
      (a) => a.renewal.date,
      '2026-03-01',
    ],
    ['renewal intent', { kam_renewal_intent: 'unclear' }, (a) => a.renewal.intent, 'unclear'],
    ['budget', { kam_budget_status: 'frozen' }, (a) => a.budgetStatus, 'frozen'],
    ['competitor yes', { kam_competitor_active: 'true' }, (a) => a.competitorActive, true],
    ['competitor no', { kam_competitor_active: 'false' }, (a) => a.competitorActive, false],
    ['competitor unknown', {}, (a) => a.competitorActive, null],
    ['days to pay', { kam_avg_days_to_pay: '120' }, (a) => a.avgDaysToPay, 120],
    ['margin', { kam_margin_pct: '-5.5' }, (a) => a.marginPct, -5.5],
    ['usage', { kam_product_usage: 'trial' }, (a) => a.productUsage, 'trial'],
    [
      'purchase factor',
      { kam_pf_price: '-2', kam_pf_brand: '2' },
      (a) => [a.purchaseFactors.price, a.purchaseFactors.brand, a.purchaseFactors.supply],
      [-2, 2, null],
    ],
    [
      'team',
      { kam_solution_manager: '7002', kam_service_manager: '7003' },
      (a) => a.team,
      { solutionManagerId: '7002', deliveryManagerId: null, serviceManagerId: '7003' },
    ],
    ['pinned stage', { kam_lifecycle_pinned: 'repeat' }, (a) => a.pinnedStage, 'repeat'],
    ['not pinned', { kam_lifecycle_pinned: '' }, (a) => a.pinnedStage, null],
    [
      'service issue',
      { kam_service_issue: ' late delivery ' },
      (a) => a.serviceIssue,
      'late delivery',
    ],
  ])('%s', (_name, props, pick, expected) => {
    const { account, warnings } = map(records({ company: props }));
    expect(pick(account)).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it('reads the configured segment and margin properties', () => {
    const s = settings({
      score: { segmentField: 'region' },
      mapping: { marginProperty: 'gross_margin' },
    });
    const { account } = map(
      records({
        company: {
          region: 'EMEA',
          industry: 'MACHINERY',
          gross_margin: '22',
          kam_margin_pct: '50',
        },
      }),
      s,
    );
    expect(account.segment).toBe('EMEA');
    expect(account.marginPct).toBe(22);
  });
});

describe('toAccount: bad values become null and a warning, never an exception or a zero', () => {
  it.each<[string, string, string, RegExp]>([
    ['kam_potential_rating', '7', 'ratings.potential', /range/],
    ['kam_satisfaction', 'abc', 'satisfaction', /not a number/],
    ['kam_satisfaction', '101', 'satisfaction', /range/],
    ['annualrevenue', '-3', 'annualRevenue', /range/],
    ['kam_margin_pct', '150', 'marginPct', /range/],
    ['kam_pf_price', '3', 'purchaseFactors.price', /range/],
    ['kam_pf_price', '1.5', 'purchaseFactors.price', /whole/],
    ['kam_renewal_date', '2026-02-30', 'renewal.date', /date/],
    ['kam_renewal_date', 'next spring', 'renewal.date', /date/],
    ['kam_renewal_intent', 'maybe', 'renewal.intent', /one of/],
    ['kam_competitor_active', 'yes', 'competitorActive', /true or false/],
    ['kam_lifecycle_pinned', 'gold', 'pinnedStage', /one of/],
  ])('%s = %j', (property, value, path, problem) => {
    const { account, warnings } = map(records({ company: { [property]: value } }));
    const got = path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], account);
    expect(got).toBeNull();
    expect(warnings).toEqual([
      {
        objectType: 'companies',
        objectId: '100',
        property,
        value,
        problem: expect.stringMatching(problem),
      },
    ]);
  });

  it('maps a company full of garbage to a valid account', () => {
    const garbage: Props = {};
    for (const p of [
      'annualrevenue',
      'numberofemployees',
      'kam_potential_rating',
      'kam_satisfaction',
      'kam_avg_days_to_pay',
      'kam_pf_brand',
      'kam_budget_status',
      'kam_product_usage',
    ])
      garbage[p] = '∞?';
    const out = map(
      records({
        company: garbage,
        deals: [deal({ amount: 'lots', closedate: 'soon', hs_is_closed_won: 'maybe' })],
      }),
    );
    expect(out.warnings.length).toBe(11);
    expect(out.account.deals[0]).toMatchObject({ amount: null, closeDate: null, status: 'open' });
  });
});

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

describe('toAccount on the demo portal', () => {
  it('maps every demo company to a valid account without warnings', () => {
    const portal = generateDemoPortal({ companies: 80 });
    const s = settings({ timeZone: portal.timeZone });
    const groups = groupAccountRecords(portal);
    expect(groups).toHaveLength(80);
    for (const g of groups) {
      const { account, warnings } = toAccount(g, s);
      accountSchema.parse(account);
      expect(warnings).toEqual([]);
    }
    // Relecloud's only deal link is Fourth Coffee's shared deal: it has no deals of its own.
    const relecloud = groups.find((g) => g.company.properties.name?.startsWith('Relecloud'));
    expect(relecloud?.deals).toHaveLength(1);
    expect(relecloud && toAccount(relecloud, s).account.deals).toEqual([]);
  });
});
