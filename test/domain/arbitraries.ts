import fc from 'fast-check';
import { purchaseFactorNames } from '../../src/domain/snapshot.js';
import { makeAccount, won, lost } from './builders.js';

/** fast-check arbitraries shared by the domain property tests. */

const rating = fc.option(fc.integer({ min: 1, max: 5 }), { nil: null });
const advantage = fc.option(fc.integer({ min: -2, max: 2 }), { nil: null });
const dealArb = fc.record({
  won: fc.boolean(),
  amount: fc.integer({ min: 0, max: 1_000_000 }),
  daysAgo: fc.integer({ min: 0, max: 900 }),
});
export const dayAgo = (d: number) =>
  new Date(Date.UTC(2026, 10, 23) - d * 86_400_000).toISOString().slice(0, 10);

export const accountArb = fc
  .record({
    segment: fc.constantFrom('A', 'B', null),
    annualRevenue: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
    employees: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    ratings: fc.record({ potential: rating, reference: rating, winnability: rating }),
    pf: fc.tuple(...purchaseFactorNames.map(() => advantage)),
    deals: fc.array(dealArb, { maxLength: 6 }),
  })
  .map((r) =>
    makeAccount({
      segment: r.segment,
      annualRevenue: r.annualRevenue,
      employees: r.employees,
      ratings: r.ratings,
      purchaseFactors: Object.fromEntries(purchaseFactorNames.map((n, i) => [n, r.pf[i]])),
      deals: r.deals.map((d) =>
        d.won ? won(d.amount, dayAgo(d.daysAgo)) : lost(dayAgo(d.daysAgo)),
      ),
    }),
  );
