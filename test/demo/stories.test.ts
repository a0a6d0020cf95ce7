import { evaluatePortfolio, type Evaluation } from '../../src/domain/index.js';
import { alertCodes, settingsSchema } from '../../src/domain/settings.js';
import { accountStateSchema, type AccountInput } from '../../src/domain/snapshot.js';
import {
  generateDemoPortal,
  storyDefs,
  storyPreviousState,
  type DemoPortal,
} from '../../src/demo/index.js';
import { groupAccountRecords } from '../../src/sync/group-records.js';
import { toAccount } from '../../src/sync/to-account.js';

/**
 * The scripted stories, checked with the real engine: each story's company
 * raises the alert reasons it is named for and meets its expectations (stage,
 * tier, key account), whatever day the portal is generated for.
 */

function evaluate(
  portal: DemoPortal,
  archived: ReadonlySet<string> = new Set(),
): Map<string, Evaluation> {
  const settings = settingsSchema.parse({ timeZone: portal.timeZone });
  const groups = groupAccountRecords(portal);
  const inputs: AccountInput[] = groups.map((g, i) => {
    const { account } = toAccount(
      { ...g, contacts: g.contacts.filter((c) => !archived.has(c.id)) },
      settings,
    );
    const bundle = portal.bundles[i];
    return {
      account,
      previous: bundle.story?.needsPrevious ? storyPreviousState(portal.context, bundle) : null,
    };
  });
  return new Map(
    evaluatePortfolio(inputs, settings, portal.asOf).evaluations.map((e) => [e.accountId, e]),
  );
}

describe('demo stories', () => {
  it('cover every alert reason of spec §6', () => {
    const covered = new Set(storyDefs.flatMap((d) => d.alerts));
    expect(alertCodes.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('have story-telling, unique names', () => {
    const titles = storyDefs.map((d) => d.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const t of titles) expect(t).toMatch(/ — /);
  });

  it.each([
    ['the default asOf', undefined],
    ['the first day of a quarter', '2026-04-01T13:00:00Z'],
    ['the last day of a quarter', '2027-03-31T20:00:00Z'],
  ])('play out in the engine on %s', (_label, asOf) => {
    const portal = generateDemoPortal(asOf ? { asOf } : {});
    const archive = new Set(portal.stories.flatMap((s) => s.archiveContactIds));
    const before = evaluate(portal);
    const after = evaluate(portal, archive);
    const failures: string[] = [];
    for (const story of portal.stories) {
      // Stories played by archiving a contact are judged after the archive.
      const e = (story.archiveContactIds.length > 0 ? after : before).get(story.companyId);
      if (!e) throw new Error(`no evaluation for ${story.title}`);
      const open = e.alerts.open.map((a) => a.code);
      for (const code of story.alerts)
        if (!open.includes(code))
          failures.push(`${story.title}: ${code} not open (open: ${open.join(', ')})`);
      const x = story.expect;
      if (x.stage && e.lifecycle.stage !== x.stage)
        failures.push(`${story.title}: stage ${e.lifecycle.stage}`);
      if (x.tier && e.tier.tier !== x.tier) failures.push(`${story.title}: tier ${e.tier.tier}`);
      if (x.keyAccount !== undefined && e.rank.isKeyAccount !== x.keyAccount)
        failures.push(`${story.title}: key ${e.rank.isKeyAccount}`);
      if (x.disqualified && e.rank.disqualifiers.length === 0)
        failures.push(`${story.title}: not disqualified`);
      if (story.alerts.length === 0 && e.alerts.level !== 'none')
        failures.push(`${story.title}: unexpected ${open.join(', ')}`);
      if (story.archiveContactIds.length > 0) {
        const untouched = before.get(story.companyId)?.alerts.open.map((a) => a.code) ?? [];
        if (untouched.includes('decision_maker_left'))
          failures.push(`${story.title}: alert before the archive`);
      }
    }
    expect(failures).toEqual([]);
    // Alerts stay the exception across the portal, not the rule.
    const alerted = [...before.values()].filter(
      (e) => e.alerts.level === 'red' || e.alerts.level === 'yellow',
    ).length;
    expect(alerted / before.size).toBeLessThan(0.5);
  });

  it('give a valid previous state exactly where a trend rule needs one', () => {
    const portal = generateDemoPortal({ companies: storyDefs.length });
    for (const bundle of portal.bundles) {
      const state = storyPreviousState(portal.context, bundle);
      expect(state !== null).toBe(bundle.story?.needsPrevious ?? false);
      if (state) {
        accountStateSchema.parse(state);
        expect(Date.parse(state.evaluatedAt)).toBeLessThan(Date.parse(portal.asOf));
      }
    }
  });
});
