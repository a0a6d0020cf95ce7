import type { Account, AccountState } from '../../src/domain/snapshot.js';
import type {
  CadenceResult,
  CommitteeResult,
  HealthResult,
  LifecycleResult,
  RankResult,
} from '../../src/domain/evaluation.js';
import type { AlertsInput } from '../../src/domain/alerts.js';
import type { SettingsInput } from '../../src/domain/settings.js';
import { computeFacts } from '../../src/domain/facts.js';
import { ctxAt, makeAccount } from './builders.js';

/**
 * Inputs for alert tests: the alert rules read other modules' results, so the
 * tests state those results directly (neutral unless overridden) instead of
 * constructing accounts that produce them.
 */

export const TODAY = '2026-11-23';
export const ASOF = `${TODAY}T12:00:00.000Z`;

export const rankOf = (o: Partial<RankResult> = {}): RankResult => ({
  position: 5,
  of: 10,
  pct: 50,
  scope: 'portal',
  isKeyAccount: false,
  disqualifiers: [],
  reason: { code: 'rank.test', params: {} },
  change: null,
  ...o,
});

export const committeeOf = (o: Partial<CommitteeResult> = {}): CommitteeResult => ({
  members: [],
  rolesFilled: [],
  rolesMissing: [],
  hasDecisionMaker: false,
  decisionMakerIds: [],
  singleThreaded: false,
  engagedContacts: 0,
  opposingDecisionMaker: false,
  closenessToDecisionMaker: null,
  roleStaleness: [],
  gaps: [],
  ...o,
});

export const lifecycleOf = (o: Partial<LifecycleResult> = {}): LifecycleResult => ({
  stage: 'customer',
  computedStage: o.stage ?? 'customer',
  pinned: false,
  rule: { code: 'lifecycle.test', params: {} },
  history: [],
  movedBackward: false,
  previous: null,
  nextControlPoint: { code: 'lifecycle.test', params: {} },
  wonQuartersInWindow: 0,
  ...o,
});

const part = {
  value: 50,
  basis: 'estimated' as const,
  explanation: { code: 'health.test', params: {} },
};
export const healthOf = (o: Partial<HealthResult> = {}): HealthResult => ({
  overall: 50,
  band: 'watch',
  business: 50,
  relationship: 50,
  ecosystem: 50,
  parts: {
    stability: part,
    growth: part,
    frequency: part,
    interaction: part,
    satisfaction: part,
    coverage: part,
    breadth: part,
    jointWork: part,
  },
  previous: null,
  change: null,
  lastQuarter: null,
  ...o,
});

export const cadenceOf = (o: Partial<CadenceResult> = {}): CadenceResult => ({
  relationshipAgeDays: null,
  phase: 'none',
  intervals: [],
  lastTouch: null,
  nextDue: null,
  overdue: false,
  expectedTouchesPer90Days: 0,
  ...o,
});

export interface InputOverrides {
  account?: Account;
  previous?: AccountState | null;
  settings?: SettingsInput;
  date?: string;
  rank?: Partial<RankResult>;
  committee?: Partial<CommitteeResult>;
  lifecycle?: Partial<LifecycleResult>;
  health?: Partial<HealthResult>;
  cadence?: Partial<CadenceResult>;
}

export function alertsInput(o: InputOverrides = {}): AlertsInput {
  const ctx = ctxAt(o.date ?? TODAY, o.settings ?? {});
  const account = o.account ?? makeAccount({ id: 'acc' });
  return {
    account,
    facts: computeFacts(account, ctx),
    ctx,
    previous: o.previous ?? null,
    rank: rankOf(o.rank),
    committee: committeeOf(o.committee),
    lifecycle: lifecycleOf(o.lifecycle),
    health: healthOf(o.health),
    cadence: cadenceOf(o.cadence),
  };
}
