import type { Account, AccountState, AlertEvidence, OpenAlert } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type {
  CadenceResult,
  CommitteeResult,
  HealthResult,
  LifecycleResult,
  RankResult,
} from './evaluation.js';
import type { AlertCode, AlertLevel } from './settings.js';

/**
 * What every §6 reason is, apart from its rule: its light, its root (shared task)
 * and its message variants; and what a rule reads and returns.
 */

export interface AlertsInput {
  account: Account;
  facts: AccountFacts;
  ctx: EvalContext;
  previous: AccountState | null;
  rank: RankResult;
  committee: CommitteeResult;
  lifecycle: LifecycleResult;
  health: HealthResult;
  cadence: CadenceResult;
}

export type Params = OpenAlert['params'];
export interface Hit {
  params: Params;
  evidence: AlertEvidence;
}
export type Rule = (input: AlertsInput, held: OpenAlert | undefined) => Hit | null;

export const alertLevels: Readonly<Record<AlertCode, AlertLevel>> = {
  decision_maker_left: 'red',
  budget_frozen: 'red',
  competitor_entered: 'red',
  satisfaction_low: 'yellow',
  renewal_unclear: 'yellow',
  revenue_falling: 'yellow',
  frequency_falling: 'yellow',
  cadence_overdue: 'yellow',
  no_decision_maker: 'yellow',
  single_threaded: 'yellow',
  stage_moved_back: 'yellow',
  health_fell: 'yellow',
  service_wobble: 'green',
};

/**
 * Reasons with one root share one task (§6): revenue and frequency falling are
 * the same story; so are "the decision maker left" and "no decision maker
 * mapped" — one task to re-map the decision level, not two.
 */
const roots: Partial<Record<AlertCode, string>> = {
  revenue_falling: 'revenue',
  frequency_falling: 'revenue',
  decision_maker_left: 'decision_maker',
  no_decision_maker: 'decision_maker',
};
export function rootOf(code: AlertCode): string {
  return roots[code] ?? code;
}

/** Message variants a reason may carry in `params.variant` (its text is `alerts.reason.<code>.<variant>`). */
export const alertVariants: Readonly<Partial<Record<AlertCode, readonly string[]>>> = {
  renewal_unclear: ['unclear', 'none_recorded'],
  revenue_falling: ['year_over_year', 'quarter_over_quarter'],
  cadence_overdue: ['late', 'never'],
};
