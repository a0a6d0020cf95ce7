import type {
  Account,
  AccountState,
  Contact,
  Deal,
  Engagement,
} from '../../src/domain/snapshot.js';
import { makeContext, type EvalContext } from '../../src/domain/context.js';
import { settingsSchema, type Settings, type SettingsInput } from '../../src/domain/settings.js';

/**
 * Shared builders for domain tests: small, valid objects with neutral defaults
 * (nothing rated, no deals), so each test states only what its rule reads.
 * Ids come from a per-file counter, so they are deterministic within a test file.
 */

let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

/** Resets the id counter (call in beforeEach when a test compares ids). */
export function resetIds(): void {
  seq = 0;
}

export function deal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: nextId('d'),
    amount: 1000,
    status: 'won',
    closeDate: '2026-06-15',
    createDate: null,
    productLine: null,
    ...overrides,
  };
}

/** Closed-won deal of `amount` on `closeDate`. */
export const won = (amount: number, closeDate: string, overrides: Partial<Deal> = {}): Deal =>
  deal({ amount, closeDate, status: 'won', ...overrides });
/** Closed-lost deal on `closeDate`. */
export const lost = (closeDate: string, overrides: Partial<Deal> = {}): Deal =>
  deal({ amount: 1000, closeDate, status: 'lost', ...overrides });
/** Open deal expected to close on `closeDate` (or with no date). */
export const open = (closeDate: string | null = null, overrides: Partial<Deal> = {}): Deal =>
  deal({ amount: 1000, closeDate, status: 'open', ...overrides });

export function contact(overrides: Partial<Contact> = {}): Contact {
  const id = overrides.id ?? nextId('c');
  return {
    id,
    name: `Contact ${id}`,
    roles: [],
    stance: null,
    closeness: null,
    solutionAcceptance: null,
    priceAcceptance: null,
    left: false,
    ...overrides,
  };
}

export function engagement(overrides: Partial<Engagement> = {}): Engagement {
  return {
    id: nextId('e'),
    type: 'meeting',
    date: '2026-11-01',
    contactIds: [],
    ...overrides,
  };
}

type AccountOverrides = Partial<
  Omit<Account, 'ratings' | 'renewal' | 'purchaseFactors' | 'team'>
> & {
  ratings?: Partial<Account['ratings']>;
  renewal?: Partial<Account['renewal']>;
  purchaseFactors?: Partial<Account['purchaseFactors']>;
  team?: Partial<Account['team']>;
};

/** A valid account with nothing rated and no history; nested groups merge field by field. */
export function makeAccount(overrides: AccountOverrides = {}): Account {
  const id = overrides.id ?? nextId('a');
  const { ratings, renewal, purchaseFactors, team, ...rest } = overrides;
  return {
    id,
    name: `Account ${id}`,
    ownerId: 'owner-1',
    segment: 'Manufacturing',
    annualRevenue: null,
    employees: null,
    satisfaction: null,
    budgetStatus: null,
    competitorActive: null,
    avgDaysToPay: null,
    marginPct: null,
    productUsage: null,
    pinnedStage: null,
    serviceIssue: null,
    deals: [],
    contacts: [],
    engagements: [],
    ...rest,
    ratings: {
      potential: null,
      reference: null,
      winnability: null,
      strategicFit: null,
      jointWork: null,
      ...ratings,
    },
    renewal: { date: null, intent: null, ...renewal },
    purchaseFactors: {
      brand: null,
      industryStandard: null,
      afterSales: null,
      performance: null,
      solutionSpeed: null,
      supply: null,
      price: null,
      decisionRelationship: null,
      ...purchaseFactors,
    },
    team: { solutionManagerId: null, deliveryManagerId: null, serviceManagerId: null, ...team },
  };
}

/** Settings with the spec defaults, overridden section by section (validated like an admin's input). */
export function settingsWith(overrides: SettingsInput = {}): Settings {
  return settingsSchema.parse(overrides);
}

/**
 * An evaluation context on a local date. `asOf` is noon UTC of that date, so the
 * local date is the same in every time zone from UTC−11 to UTC+11.
 */
export function ctxAt(date = '2026-11-23', overrides: SettingsInput = {}): EvalContext {
  return makeContext(settingsWith(overrides), `${date}T12:00:00.000Z`);
}

/** A previous state with neutral values; override what the rule under test reads. */
export function previousState(overrides: Partial<AccountState> = {}): AccountState {
  return {
    evaluatedAt: '2026-08-23T12:00:00.000Z',
    score: 50,
    factors: { sales: 50, potential: 50, reference: 50, winnability: 50 },
    rankPct: 50,
    isKeyAccount: false,
    tier: 'ordinary',
    stage: 'stranger',
    stageHistory: [],
    health: 50,
    decisionMakerIds: [],
    openAlerts: [],
    quarterSnapshots: [],
    ...overrides,
  };
}
