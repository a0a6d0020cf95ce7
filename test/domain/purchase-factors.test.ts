import { evaluatePurchaseFactors } from '../../src/domain/purchase-factors.js';
import { makeAccount } from './builders.js';
import { purchaseFactorNames, type Account } from '../../src/domain/snapshot.js';

describe('§8 purchase factors', () => {
  it('lists all eight factors, none rated → no advantage (winnability then uses 50)', () => {
    const r = evaluatePurchaseFactors(makeAccount());
    expect(r.ratings).toHaveLength(8);
    expect(r.rated).toBe(0);
    expect(r.advantage).toBeNull();
    expect(r.gaps).toEqual([]);
  });
  it.each([
    ['all much better', { brand: 2 }, 100],
    ['all much worse', { brand: -2, price: -2 }, 0],
    ['equal', { price: 0 }, 50],
    [
      'mean of the rated only: (+1 −2 +2) / 3 = 1/3 → 58.3',
      { brand: 1, price: -2, supply: 2 },
      58.3,
    ],
    ['one worse', { afterSales: -1 }, 25],
  ] as const)('advantage: %s', (_n, pf, expected) => {
    expect(evaluatePurchaseFactors(makeAccount({ purchaseFactors: pf })).advantage).toBe(expected);
  });
  it('gaps are the factors behind, worst first, catalogue order among equals', () => {
    const r = evaluatePurchaseFactors(
      makeAccount({
        purchaseFactors: { brand: -1, price: -2, supply: 0, performance: -1, afterSales: 2 },
      }),
    );
    expect(r.rated).toBe(5);
    expect(r.gaps).toEqual(['price', 'brand', 'performance']);
    expect(r.ratings.find((x) => x.factor === 'supply')?.value).toBe(0);
  });
});

describe('each factor is read under its own name', () => {
  it.each(purchaseFactorNames.map((name, i) => [name, i] as const))('%s', (name, i) => {
    const r = evaluatePurchaseFactors(
      makeAccount({
        purchaseFactors: Object.fromEntries(
          purchaseFactorNames.map((n) => [n, n === name ? -1 : null]),
        ) as Account['purchaseFactors'],
      }),
    );
    expect(r.ratings[i]).toEqual({ factor: name, value: -1 });
    expect(r.rated).toBe(1);
    expect(r.gaps).toEqual([name]);
  });
});
