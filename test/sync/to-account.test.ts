import { accountSchema } from '../../src/domain/snapshot.js';
import { generateDemoPortal } from '../../src/demo/index.js';
import { groupAccountRecords } from '../../src/sync/group-records.js';
import { toAccount } from '../../src/sync/to-account.js';
import { deal, map, records, settings, type Props } from './records-fixtures.js';

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
