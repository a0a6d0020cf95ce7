import type { Account, MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { TeamResult } from './evaluation.js';
import { trimmed } from './trimmed.js';
import { frozen } from './shared.js';

/**
 * §9 account team (the iron triangle, 004). The phase comes from the deals:
 * - winning — no won deal yet (open deals or not: it is still new business);
 * - closing — a customer (≥ 1 won deal) with an open deal: a deal is being closed
 *   and must be deliverable, so the delivery manager joins before the offer;
 * - delivery — a customer with no open deal: delivery and after-sales service.
 * Needed: winning = account + solution manager; closing = account + solution +
 * delivery manager; delivery = service + delivery + account manager. The account
 * manager is the company owner. A missing role is listed for every account, but
 * only a key account shows it as a coverage gap.
 */

type TeamRole = TeamResult['required'][number];
type TeamPhase = TeamResult['phase'];

/** Codes as constants: a template literal would build a new string for every account. */
const PHASE_CODES: Record<TeamPhase, string> = {
  winning: 'team.phase.winning',
  closing: 'team.phase.closing',
  delivery: 'team.phase.delivery',
};

type Member = TeamResult['members'][number];
const ROLES: readonly TeamRole[] = ['account_manager', 'solution_manager', 'delivery_manager', 'service_manager'];
// Shared (see shared.ts): an unstaffed role, and a missing role's message, are the same for every account.
const UNSTAFFED = Object.fromEntries(ROLES.map((role) => [role, frozen<Member>({ role, userId: null })])) as Record<TeamRole, Member>;
const MISSING_REFS = Object.fromEntries(
  ROLES.map((role) => [role, frozen<MessageRef>({ code: 'team.missing.role', params: { role } })]),
) as Record<TeamRole, MessageRef>;
const GAP_REFS = Object.fromEntries(
  ROLES.map((role) => [role, frozen<MessageRef>({ code: 'team.gap.role', params: { role } })]),
) as Record<TeamRole, MessageRef>;
const member = (role: TeamRole, userId: string | null): Member =>
  userId === null ? UNSTAFFED[role] : { role, userId };

const REQUIRED: Record<TeamPhase, TeamRole[]> = {
  winning: ['account_manager', 'solution_manager'],
  closing: ['account_manager', 'solution_manager', 'delivery_manager'],
  delivery: ['service_manager', 'delivery_manager', 'account_manager'],
};

export function evaluateTeam(account: Account, facts: AccountFacts, _ctx: EvalContext, isKeyAccount: boolean): Required<TeamResult> {
  const phase: TeamPhase = !facts.hasWonDeal ? 'winning' : facts.openDeals > 0 ? 'closing' : 'delivery';
  const members: TeamResult['members'] = [
    member('account_manager', account.ownerId),
    member('solution_manager', account.team.solutionManagerId),
    member('delivery_manager', account.team.deliveryManagerId),
    member('service_manager', account.team.serviceManagerId),
  ];
  const required = REQUIRED[phase];
  const missing: TeamRole[] = [];
  for (const role of required) {
    const m = members.find((x) => x.role === role);
    if (!m || m.userId === null || m.userId === '') missing.push(role);
  }
  const gap = isKeyAccount && missing.length > 0;
  const explanation: MessageRef[] = [
    { code: PHASE_CODES[phase], params: { openDeals: facts.openDeals, wonDeals: facts.wonDealIds.length } },
  ];
  for (const role of missing) explanation.push(gap ? GAP_REFS[role] : MISSING_REFS[role]);
  return { phase, members, required, missing: trimmed(missing), gap, explanation: trimmed(explanation) };
}
