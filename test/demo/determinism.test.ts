import {
  createDemoContext,
  generateCompany,
  generateDemoCompanies,
  generateDemoPortal,
} from '../../src/demo/index.js';

describe('demo generator determinism', () => {
  it('gives identical output for the same seed and options', () => {
    const a = generateDemoPortal({ seed: 7, companies: 40 });
    const b = generateDemoPortal({ seed: 7, companies: 40 });
    expect(JSON.stringify({ ...a, context: null })).toBe(JSON.stringify({ ...b, context: null }));
  });

  it('changes with the seed', () => {
    const a = generateDemoPortal({ seed: 1, companies: 30 });
    const b = generateDemoPortal({ seed: 2, companies: 30 });
    expect(a.companies.map((c) => c.properties.name)).not.toEqual(
      b.companies.map((c) => c.properties.name),
    );
  });

  it('does not read the wall clock: the default asOf is fixed', () => {
    expect(generateDemoPortal({ companies: 1 }).asOf).toBe('2026-11-16T15:00:00.000Z');
  });

  it('generates each company on its own: streaming, slices and random access agree', () => {
    const ctx = createDemoContext({ seed: 3, companies: 30 });
    const streamed = [...generateDemoCompanies(ctx)];
    const slice = [...generateDemoCompanies(ctx, { from: 25, to: 28 })];
    expect(slice.map((b) => b.index)).toEqual([25, 26, 27]);
    expect(slice).toEqual(streamed.slice(25, 28));
    expect(generateCompany(ctx, 29)).toEqual(streamed[29]);
    // A company does not depend on how many others the portal has.
    const bigger = createDemoContext({ seed: 3, companies: 500 });
    expect(generateCompany(bigger, 29)).toEqual(streamed[29]);
  });

  it('keeps stories relative to asOf', () => {
    const early = generateDemoPortal({ companies: 21, asOf: '2026-01-02T12:00:00Z' });
    const late = generateDemoPortal({ companies: 21, asOf: '2027-08-20T12:00:00Z' });
    expect(early.stories.map((s) => s.title)).toEqual(late.stories.map((s) => s.title));
    const renewal = (p: typeof early) =>
      p.companies.find((c) => c.properties.name?.startsWith('Proseware'))?.properties
        .kam_renewal_date;
    expect(renewal(early)).toBe('2026-02-16');
    expect(renewal(late)).toBe('2027-10-04');
  });
});
