import fc from 'fast-check';
import { fromDayNumber } from '../../src/domain/dates.js';
import { settingsSchema } from '../../src/domain/settings.js';
import {
  committeeRoles,
  lifecycleStages,
  purchaseFactorNames,
  type Account,
} from '../../src/domain/snapshot.js';
import { generateDemoPortal } from '../../src/demo/index.js';
import { fromAccount } from '../../src/sync/from-account.js';
import { groupAccountRecords } from '../../src/sync/group-records.js';
import { toAccount } from '../../src/sync/to-account.js';

const zones = [
  'UTC',
  'America/New_York',
  'Asia/Shanghai',
  'Pacific/Auckland',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

const date = fc.integer({ min: 19_000, max: 22_000 }).map(fromDayNumber);
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const rating = opt(fc.integer({ min: 1, max: 5 }));
const id = fc.integer({ min: 1, max: 1e9 }).map(String);
const text = fc
  .string({ minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s !== '' && !s.includes(';'));

const accountArb: fc.Arbitrary<Account> = fc.record({
  id,
  name: fc.oneof(text, fc.constant('')),
  ownerId: opt(id),
  segment: opt(text),
  annualRevenue: opt(fc.integer({ min: 0, max: 1e10 })),
  employees: opt(fc.integer({ min: 0, max: 1e6 })),
  ratings: fc.record({
    potential: rating,
    reference: rating,
    winnability: rating,
    strategicFit: rating,
    jointWork: rating,
  }),
  satisfaction: opt(fc.integer({ min: 0, max: 100 })),
  renewal: fc.record({
    date: opt(date),
    intent: opt(fc.constantFrom('confirmed', 'likely', 'unclear', 'not_renewing')),
  }),
  budgetStatus: opt(fc.constantFrom('approved', 'normal', 'frozen')),
  competitorActive: opt(fc.boolean()),
  avgDaysToPay: opt(fc.integer({ min: 0, max: 400 })),
  marginPct: opt(
    fc
      .double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })
      .map((x) => (Object.is(x, -0) ? 0 : x)),
  ),
  productUsage: opt(fc.constantFrom('none', 'trial', 'active')),
  purchaseFactors: fc.record(
    Object.fromEntries(
      purchaseFactorNames.map((n) => [n, opt(fc.integer({ min: -2, max: 2 }))]),
    ) as Record<(typeof purchaseFactorNames)[number], fc.Arbitrary<number | null>>,
  ),
  team: fc.record({
    solutionManagerId: opt(id),
    deliveryManagerId: opt(id),
    serviceManagerId: opt(id),
  }),
  pinnedStage: opt(fc.constantFrom(...lifecycleStages)),
  serviceIssue: opt(text),
  deals: fc.uniqueArray(
    fc.record({
      id,
      amount: opt(fc.integer({ min: -1e6, max: 1e8 })),
      status: fc.constantFrom('open', 'won', 'lost'),
      closeDate: opt(date),
      createDate: opt(date),
      productLine: opt(text),
    }),
    { selector: (d) => d.id, maxLength: 6 },
  ),
  contacts: fc.uniqueArray(
    fc.record({
      id,
      name: fc.oneof(text, fc.constant('')),
      roles: fc.uniqueArray(fc.constantFrom(...committeeRoles)),
      stance: opt(fc.constantFrom('supporter', 'neutral', 'opponent')),
      closeness: rating,
      solutionAcceptance: rating,
      priceAcceptance: rating,
      left: fc.boolean(),
    }),
    { selector: (c) => c.id, maxLength: 5 },
  ),
  engagements: fc.uniqueArray(
    fc.record({
      id,
      type: fc.constantFrom('meeting', 'call', 'email'),
      date,
      contactIds: fc.uniqueArray(id, { maxLength: 3 }),
    }),
    { selector: (e) => e.id, maxLength: 6 },
  ),
});

describe('fromAccount (Account → HubSpot records)', () => {
  it('round-trips through toAccount in any time zone, without warnings', () => {
    fc.assert(
      fc.property(accountArb, fc.constantFrom(...zones), (account, timeZone) => {
        const settings = settingsSchema.parse({ timeZone });
        const { account: back, warnings } = toAccount(fromAccount(account, settings), settings);
        expect(warnings).toEqual([]);
        expect(back).toEqual(account);
      }),
      { numRuns: 150 },
    );
  });

  it('honours the configured property names', () => {
    const settings = settingsSchema.parse({
      score: { segmentField: 'region' },
      mapping: { productLineProperty: 'family', marginProperty: 'gm' },
    });
    const portal = generateDemoPortal({ companies: 3 });
    const account = toAccount(groupAccountRecords(portal)[0], settings).account;
    const records = fromAccount({ ...account, segment: 'EMEA', marginPct: 12 }, settings);
    expect(records.company.properties).toMatchObject({ region: 'EMEA', gm: '12' });
    expect(records.deals[0].properties.family).toBe(account.deals[0].productLine);
  });

  it('round-trips every demo account', () => {
    const portal = generateDemoPortal({ companies: 40 });
    const settings = settingsSchema.parse({ timeZone: portal.timeZone });
    for (const g of groupAccountRecords(portal)) {
      const { account } = toAccount(g, settings);
      expect(toAccount(fromAccount(account, settings), settings).account).toEqual(account);
    }
  });
});
