import type { DemoCompanyBundle } from './company-builder.js';
import { ids, type DemoContext } from './context.js';
import { alertStories } from './stories-alerts.js';
import { portfolioStories } from './stories-portfolio.js';
import { StoryKit, storyDomain } from './story-kit.js';
import type { DemoStoryInfo, StoryDef } from './story-types.js';

/**
 * The scripted companies of a demo portal, one per thing the product must
 * show. They take indices 0…n−1, so a default portal (200 companies) has them
 * all and they stand out among ~180 random companies.
 */

export const storyDefs: readonly StoryDef[] = [...alertStories, ...portfolioStories];

export const storyKeys: readonly string[] = storyDefs.map((d) => d.key);

export function storyIndex(key: string): number {
  const i = storyKeys.indexOf(key);
  if (i < 0) throw new Error(`unknown demo story "${key}"`);
  return i;
}

/** The scripted company at `index` (< storyDefs.length). */
export function storyCompany(ctx: DemoContext, index: number): DemoCompanyBundle {
  const def = storyDefs[index];
  const owner = ctx.owners[index % ctx.owners.length];
  const kit = new StoryKit(ctx, index, owner.id, storyDomain(def.title, index), (key) =>
    ids.company(storyIndex(key)),
  );
  const { props, archive } = def.build(kit);
  const info: DemoStoryInfo = {
    key: def.key,
    title: def.title,
    alerts: def.alerts,
    expect: def.expect,
    archiveContactIds: archive ?? [],
    needsPrevious: def.needsPrevious ?? false,
  };
  return kit.b.finish(props, info);
}
