import {
  createDemoContext,
  generateDemoCompanies,
  DEFAULT_AS_OF,
  DEFAULT_TIME_ZONE,
} from '../src/demo/index.js';
import { groupAccountRecords } from '../src/sync/group-records.js';
import { toAccount } from '../src/sync/to-account.js';
import { settingsSchema, type Settings } from '../src/domain/settings.js';
import type { Account } from '../src/domain/snapshot.js';

/**
 * The benchmark portal: the demo generator's companies (seeded, with its
 * ratios of ~6 contacts, ~10 deals and ~30 engagements per company) mapped to
 * the engine's accounts by the real mapper, exactly as a sync would. Built
 * before any timing starts.
 */

export interface BenchPortal {
  accounts: Account[];
  settings: Settings;
  asOf: string;
  contacts: number;
  deals: number;
  engagements: number;
}

export function buildPortal(companies: number, seed = 42): BenchPortal {
  const settings = settingsSchema.parse({ timeZone: DEFAULT_TIME_ZONE });
  const ctx = createDemoContext({
    companies,
    seed,
    asOf: DEFAULT_AS_OF,
    timeZone: DEFAULT_TIME_ZONE,
  });
  const accounts: Account[] = [];
  let contacts = 0;
  let deals = 0;
  let engagements = 0;
  for (const b of generateDemoCompanies(ctx)) {
    const [records] = groupAccountRecords({
      companies: [b.company],
      contacts: b.contacts,
      deals: b.deals,
      meetings: b.meetings,
      calls: b.calls,
      emails: b.emails,
      associations: b.associations,
    });
    const { account } = toAccount(records, settings);
    contacts += account.contacts.length;
    deals += account.deals.length;
    engagements += account.engagements.length;
    accounts.push(account);
  }
  return { accounts, settings, asOf: ctx.asOf, contacts, deals, engagements };
}
