/**
 * Keeps one idle instance of each class a portfolio pass makes once per pass
 * (statistics, their builder, the ranking, the aggregator).
 *
 * V8 drops an object layout (hidden class) when no object has it any more,
 * and with it the optimised code specialised for it ("weak objects"
 * deoptimisations). These objects die with their pass, so a full collection
 * between passes sent the next pass back to unoptimised code until it was
 * compiled again: measured on the 100,000-account portal, the first 10,000
 * completions of a pass took 90-350 ms more than the rest. An idle instance
 * keeps the layout, and so the code, alive.
 */
const kept: object[] = [];

export function keepShape<T extends object>(instance: T): T {
  kept.push(instance);
  return instance;
}
