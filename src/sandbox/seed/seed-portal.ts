import { z } from 'zod';
import type { PortalState } from '../portal/portal-state.js';
import { seedDemo } from './demo.js';
import { seedFixture } from './fixture.js';

/** How to fill a portal: the demo generator (default) or the small built-in fixture. */
export const seedOptionsSchema = z.object({
  source: z.enum(['demo', 'fixture']).default('demo'),
  companies: z.number().int().min(0).max(100_000).default(50),
  seed: z.number().int().default(42),
  provisionKamProperties: z.boolean().default(true),
});
export type SeedOptions = z.input<typeof seedOptionsSchema>;

export interface SeedSummary {
  source: 'demo' | 'fixture';
  companies: number;
  records: number;
}

export function seedPortal(portal: PortalState, now: number, input: SeedOptions = {}): SeedSummary {
  const o = seedOptionsSchema.parse(input);
  if (o.source === 'fixture') {
    const r = seedFixture(portal, now);
    return {
      source: 'fixture',
      companies: r.companies,
      records: r.companies + r.contacts + r.deals + r.engagements + r.tasks,
    };
  }
  const r = seedDemo(portal, now, o);
  return { source: 'demo', companies: r.companies, records: r.records };
}
