import type { Association, HubSpotRecord, Owner } from '../sync/records.js';
import type { DemoCompanyBundle } from './company-builder.js';
import { createDemoContext, type DemoContext, type DemoOptions } from './context.js';
import { randomCompany } from './random-company.js';
import { storyCompany, storyDefs } from './stories.js';
import type { DemoStoryInfo } from './story-types.js';

/**
 * Entry points. Each company is generated on its own from (seed, index), so a
 * consumer can stream the large benchmark portal (100,000 companies, ~4.7
 * million records) company by company without holding it, or jump to any index.
 */

/** Company `index` of the portal described by `ctx`: a story for the first indices, else random. */
export function generateCompany(ctx: DemoContext, index: number): DemoCompanyBundle {
  return ctx.stories && index < storyDefs.length
    ? storyCompany(ctx, index)
    : randomCompany(ctx, index);
}

/** Streams the portal's companies in index order; `from`/`to` select a slice (for workers). */
export function* generateDemoCompanies(
  options: DemoOptions | DemoContext = {},
  range: { from?: number; to?: number } = {},
): Generator<DemoCompanyBundle> {
  const ctx = isContext(options) ? options : createDemoContext(options);
  const to = Math.min(ctx.companies, range.to ?? ctx.companies);
  for (let i = range.from ?? 0; i < to; i++) yield generateCompany(ctx, i);
}

export interface DemoPortal {
  seed: number;
  asOf: string;
  timeZone: string;
  owners: Owner[];
  companies: HubSpotRecord[];
  contacts: HubSpotRecord[];
  deals: HubSpotRecord[];
  meetings: HubSpotRecord[];
  calls: HubSpotRecord[];
  emails: HubSpotRecord[];
  associations: Association[];
  /** Scripted stories, by company id. */
  stories: (DemoStoryInfo & { companyId: string })[];
  /** The company bundles, for consumers that want them grouped. */
  bundles: DemoCompanyBundle[];
  context: DemoContext;
}

/** A whole small portal as arrays (use `generateDemoCompanies` for large ones). */
export function generateDemoPortal(options: DemoOptions = {}): DemoPortal {
  const ctx = createDemoContext(options);
  const portal: DemoPortal = {
    seed: ctx.seed,
    asOf: ctx.asOf,
    timeZone: ctx.timeZone,
    owners: ctx.owners,
    companies: [],
    contacts: [],
    deals: [],
    meetings: [],
    calls: [],
    emails: [],
    associations: [],
    stories: [],
    bundles: [],
    context: ctx,
  };
  for (const b of generateDemoCompanies(ctx)) {
    portal.bundles.push(b);
    portal.companies.push(b.company);
    portal.contacts.push(...b.contacts);
    portal.deals.push(...b.deals);
    portal.meetings.push(...b.meetings);
    portal.calls.push(...b.calls);
    portal.emails.push(...b.emails);
    portal.associations.push(...b.associations);
    if (b.story) portal.stories.push({ ...b.story, companyId: b.company.id });
  }
  return portal;
}

function isContext(o: DemoOptions | DemoContext): o is DemoContext {
  return 'calendar' in o;
}
