import type { Account, MessageRef } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { TeamResult } from './evaluation.js';
import { deepFreeze, Memo } from './shared.js';

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

const REQUIRED: Record<TeamPhase, TeamRole[]> = {
  winning: ['account_manager', 'solution_manager'],
  closing: ['account_manager', 'solution_manager', 'delivery_manager'],
  delivery: ['service_manager', 'delivery_manager', 'account_manager'],
};

export function evaluateTeam(
  account: Account,
  facts: AccountFacts,
  _ctx: EvalContext,
  isKeyAccount: boolean,
): Required<TeamResult> {
  const phase: TeamPhase = !facts.hasWonDeal
    ? 'winning'
    : facts.openDeals > 0
      ? 'closing'
      : 'delivery';
  const team = account.team;
  const members: TeamResult['members'] = [
    member(0, account.ownerId),
    member(1, team.solutionManagerId),
    member(2, team.deliveryManagerId),
    member(3, team.serviceManagerId),
  ];
  const required = REQUIRED[phase];
  let mask = 0;
  for (let i = 0; i < required.length; i++) {
    const userId = members[ROLES.indexOf(required[i])].userId;
    if (userId === null || userId === '') mask |= 1 << i;
  }
  const gap = isKeyAccount && mask !== 0;
  const openDeals = facts.openDeals;
  const wonDeals = facts.wonDeals.length;
  // The rest follows from the phase, the gap, which roles are missing and two counts: shared.
  const key = Memo.key(openDeals, wonDeals, (PHASES.indexOf(phase) * 2 + (gap ? 1 : 0)) * 8 + mask);
  let rest = shared.get(key);
  if (rest === undefined) {
    const missing: TeamRole[] = required.filter((_, i) => (mask & (1 << i)) !== 0);
    const explanation: MessageRef[] = [
      { code: `team.phase.${phase}`, params: { openDeals, wonDeals } },
    ];
    for (const role of missing)
      explanation.push({ code: gap ? 'team.gap.role' : 'team.missing.role', params: { role } });
    rest = { missing, explanation };
    if (key >= 0) shared.set(key, deepFreeze(rest));
  }
  return { phase, members, required, missing: rest.missing, gap, explanation: rest.explanation };
}

const ROLES: readonly TeamRole[] = [
  'account_manager',
  'solution_manager',
  'delivery_manager',
  'service_manager',
];
const PHASES: readonly TeamPhase[] = ['winning', 'closing', 'delivery'];
const shared = new Memo<{ missing: TeamRole[]; explanation: MessageRef[] }>();

/** Team members are shared per role and user (a portal has few users), frozen (see shared.ts). */
const membersByRole = ROLES.map(() => new Map<string | null, TeamResult['members'][number]>());
function member(roleIndex: number, userId: string | null): TeamResult['members'][number] {
  const byUser = membersByRole[roleIndex];
  const hit = byUser.get(userId);
  if (hit !== undefined) return hit;
  const m = { role: ROLES[roleIndex], userId };
  if (byUser.size < 10_000) byUser.set(userId, Object.freeze(m));
  return m;
}
