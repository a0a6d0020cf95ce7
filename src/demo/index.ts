/** Demo data generator: deterministic, HubSpot-shaped demo portals (see docs/data-model.md). */
export {
  createDemoContext,
  demoOptionsSchema,
  DEFAULT_AS_OF,
  DEFAULT_COMPANIES,
  DEFAULT_TIME_ZONE,
  ids,
} from './context.js';
export type { DemoContext, DemoOptions } from './context.js';
export type { DemoCompanyBundle } from './company-builder.js';
export { generateCompany, generateDemoCompanies, generateDemoPortal } from './generate.js';
export type { DemoPortal } from './generate.js';
export { storyDefs, storyIndex, storyKeys } from './stories.js';
export { storyPreviousState } from './story-previous.js';
export type { DemoStoryInfo } from './story-types.js';
