import { createHash } from 'node:crypto';
import { evaluatePortfolio, type PortfolioResult } from '../../src/domain/portfolio.js';
import {
  indexToJSON,
  reevaluate,
  removeAccount,
  type Reevaluation,
} from '../../src/domain/incremental.js';
import { settingsSchema, type SettingsInput } from '../../src/domain/settings.js';
import type { Account, AccountInput } from '../../src/domain/snapshot.js';
import { generateDemoPortal, storyPreviousState } from '../../src/demo/index.js';
import { groupAccountRecords } from '../../src/sync/group-records.js';
import { toAccount } from '../../src/sync/to-account.js';

/**
 * Performance work must never change a result: this pins the full output
 * (every number, message ref, ordering and key order) of a fixed 2,000-account
 * demo portfolio — a first pass, a re-run a quarter later with the states,
 * another settings profile, and incremental re-evaluations — as SHA-256
 * hashes recorded from the engine before it was optimised.
 *
 * If `inputs` changes, the demo generator or the mapper changed (not the
 * engine): re-record every hash from an engine known to be right.
 */

const COMPANIES = 2_000;
const LATER = '2027-01-05T15:00:00.000Z'; // 50 days on: a new quarter, new snapshots

const sha = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

const portal = generateDemoPortal({ seed: 42, companies: COMPANIES });
const settingsOf = (input: SettingsInput) =>
  settingsSchema.parse({ ...input, timeZone: portal.timeZone });
const settings = settingsOf({});
const inputs: AccountInput[] = groupAccountRecords(portal).map((g, i) => {
  const bundle = portal.bundles[i];
  return {
    account: toAccount(g, settings).account,
    previous: bundle.story?.needsPrevious ? storyPreviousState(portal.context, bundle) : null,
  };
});

function passHash(r: PortfolioResult) {
  return sha({
    evaluations: r.evaluations,
    stats: r.stats.toJSON(),
    ranking: r.ranking.toJSON(),
    aggregates: r.aggregates,
  });
}

/** A small, deterministic change per account: a won deal, a rating edit or a meeting. */
function mutate(account: Account, k: number, today: string): Account {
  if (k % 3 === 0)
    return {
      ...account,
      deals: [
        ...account.deals,
        {
          id: `x${k}`,
          amount: 1_000 * ((k * 37) % 400),
          status: 'won',
          closeDate: today,
          createDate: today,
          productLine: null,
        },
      ],
    };
  if (k % 3 === 1) return { ...account, ratings: { ...account.ratings, potential: 1 + (k % 5) } };
  return {
    ...account,
    engagements: [
      ...account.engagements,
      {
        id: `xe${k}`,
        type: 'meeting',
        date: today,
        contactIds: account.contacts.slice(0, 1).map((c) => c.id),
      },
    ],
  };
}

describe('engine output is pinned (performance work must not change it)', () => {
  const first = evaluatePortfolio(inputs, settings, portal.asOf);
  const rerunInputs = inputs.map((input, i) => ({
    account: input.account,
    previous: first.evaluations[i].state,
  }));
  const rerun = evaluatePortfolio(rerunInputs, settings, LATER);

  it('on the same inputs', () => {
    expect(sha(inputs)).toBe('a6df2acb48b24f40');
  });

  it('first pass, and a re-run a quarter later with the states', () => {
    expect({ first: passHash(first), rerun: passHash(rerun) }).toEqual({
      first: '578ca4500e53d57f',
      rerun: 'a3d7d67dda786bf5',
    });
  });

  it('with per-segment ranking, margin tiers, a fiscal year from April and quarterly revenue falls', () => {
    const other = settingsOf({
      fiscalYearStartMonth: 4,
      score: { perSegment: true, keyAccountSharePct: 15 },
      tier: { useMargin: true },
      alerts: { revenueFallMode: 'quarter_over_quarter', disabled: ['single_threaded'] },
    });
    expect(passHash(evaluatePortfolio(inputs, other, portal.asOf))).toBe('947039906a3fbf72');
  });

  it('incremental re-evaluations and a removal on the re-run index', () => {
    const index = rerun.index;
    const results: (Reevaluation | ReturnType<typeof removeAccount>)[] = [];
    for (let k = 0; k < 60; k++) {
      const i = (k * 7919) % COMPANIES;
      const account = mutate(rerunInputs[i].account, k, '2027-01-05');
      results.push(reevaluate(index, { account, previous: rerun.evaluations[i].state }, LATER));
      if (k === 30) results.push(removeAccount(index, rerunInputs[(i + 1) % COMPANIES].account.id));
    }
    expect({ results: sha(results), index: sha(indexToJSON(index)) }).toEqual({
      results: '93c713422f4cc1c0',
      index: 'dfd026352d444284',
    });
  });
});
