/**
 * Shared pieces of results. Much of an evaluation's explanation is the same
 * few values for every account ("not rated", a missing role, a skipped alert
 * reason): built once and shared instead of once per account, so a portfolio
 * pass allocates — and its garbage collector copies — less. They are frozen
 * (deeply): a consumer changing one would change every account's, so it
 * throws instead (modules are strict mode).
 */
export function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Frozen values by a small whole-number key (a 1–5 rating, a number of days,
 * a number of months), made on first use. Any other key (a fraction, a
 * negative or huge number) is not cached: the caller gets a fresh value.
 */
export class SmallIntMemo<V> {
  private readonly values: (V | undefined)[] = [];

  constructor(
    private readonly make: (key: number) => V,
    private readonly max = 4096,
  ) {}

  get(key: number): V {
    if (!(Number.isInteger(key) && key >= 0 && key < this.max) || Object.is(key, -0)) return this.make(key);
    let v = this.values[key];
    if (v === undefined) {
      v = frozen(this.make(key));
      this.values[key] = v;
    }
    return v;
  }
}
