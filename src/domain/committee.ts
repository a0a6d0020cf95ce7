import type { Account, CommitteeRole, MessageRef } from './snapshot.js';
import { committeeRoles } from './snapshot.js';
import { lastTouchOf, type AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { CommitteeResult } from './evaluation.js';
import { dateLabel } from './date-labels.js';
import { frozen } from './shared.js';

// Shared (see shared.ts): the same gaps for every account that has them.
const NO_DECISION_MAKER = frozen<MessageRef>({ code: 'committee.gap.no_decision_maker', params: {} });
const NO_CONTACTS = frozen<MessageRef>({ code: 'committee.gap.no_contacts', params: {} });
const ROLE_MISSING = Object.fromEntries(
  committeeRoles.map((role) => [role, frozen<MessageRef>({ code: 'committee.gap.role_missing', params: { role } })]),
) as Record<CommitteeRole, MessageRef>;
/** Roles filled / missing for each set of filled roles (bit i = committeeRoles[i]): 32 lists, shared. */
const ROLE_SETS = Array.from({ length: 1 << committeeRoles.length }, (_, mask) => ({
  filled: frozen(committeeRoles.filter((_r, i) => (mask & (1 << i)) !== 0)),
  missing: frozen(committeeRoles.filter((_r, i) => (mask & (1 << i)) === 0)),
}));
import { trimmed } from './trimmed.js';

/**
 * §4 buying committee: who is mapped, who is engaged, and where the gaps are.
 *
 * Definitions (documented here because cadence and health reuse them):
 * - Members are the account's contacts not marked as left; archived or unlinked
 *   contacts never reach the engine.
 * - A *committee member for touches* is a member holding at least one role. When no
 *   member has a role mapped at all, every member counts (otherwise an unmapped
 *   account would look untouched); coverage still counts mapped roles only, so such
 *   an account covers nothing and says so ("roles unmapped").
 * - *Engaged* = touched (any logged meeting, call or email) within the interaction
 *   window, `settings.health.interactionWindowDays` (default 90), i.e. on a day
 *   d with today − window < d ≤ today.
 * - *Single-threaded* = exactly one engaged committee member. No engaged member at
 *   all is not single-threaded: it is an engagement gap ("not engaged") — the
 *   interaction part of health and the cadence already show it, and coverage is
 *   not capped for it.
 * - Role staleness is listed for filled roles only (missing roles are their own
 *   gap): stale when no holder of the role was ever touched, or the last touch is
 *   more than `settings.committee.staleDays` days ago.
 */
export function evaluateCommittee(account: Account, facts: AccountFacts, ctx: EvalContext): CommitteeResult {
  const today = ctx.today;
  const windowStart = today - ctx.settings.health.interactionWindowDays;
  const staleDays = ctx.settings.committee.staleDays;

  let anyRole = false;
  for (const c of account.contacts) {
    if (!c.left && c.roles.length > 0) {
      anyRole = true;
      break;
    }
  }

  const members: CommitteeResult['members'] = [];
  const roleFilled = [false, false, false, false, false];
  const roleLast: (number | null)[] = [null, null, null, null, null];
  const decisionMakerIds: string[] = [];
  const opposingNames: string[] = [];
  let closeness: number | null = null;
  let engaged = 0;
  let engagedName = '';

  for (const c of account.contacts) {
    if (c.left) continue;
    const last = lastTouchOf(facts, c.id);
    members.push({
      contactId: c.id,
      name: c.name,
      roles: c.roles,
      stance: c.stance,
      closeness: c.closeness,
      solutionAcceptance: c.solutionAcceptance,
      priceAcceptance: c.priceAcceptance,
      lastTouch: last === null ? null : dateLabel(last),
    });
    let isDecisionMaker = false;
    for (const role of c.roles) {
      const i = committeeRoles.indexOf(role);
      roleFilled[i] = true;
      if (last !== null && (roleLast[i] === null || last > (roleLast[i] as number))) roleLast[i] = last;
      if (role === 'decision_maker') isDecisionMaker = true;
    }
    if (isDecisionMaker) {
      decisionMakerIds.push(c.id);
      if (c.stance === 'opponent') opposingNames.push(c.name);
      if (c.closeness !== null && (closeness === null || c.closeness > closeness)) closeness = c.closeness;
    }
    if ((!anyRole || c.roles.length > 0) && last !== null && last > windowStart) {
      engaged++;
      engagedName = c.name;
    }
  }

  const roleStaleness: CommitteeResult['roleStaleness'] = [];
  let mask = 0;
  for (let i = 0; i < committeeRoles.length; i++) {
    const role = committeeRoles[i];
    if (!roleFilled[i]) continue;
    mask |= 1 << i;
    const last = roleLast[i];
    const daysSince = last === null ? null : today - last;
    roleStaleness.push({
      role,
      lastTouch: last === null ? null : dateLabel(last),
      daysSince,
      stale: daysSince === null || daysSince > staleDays,
    });
  }

  const { filled: rolesFilled, missing: rolesMissing } = ROLE_SETS[mask];
  const hasDecisionMaker = decisionMakerIds.length > 0;
  const singleThreaded = engaged === 1;
  const opposingDecisionMaker = opposingNames.length > 0;
  const window = ctx.settings.health.interactionWindowDays;

  // Gaps, most serious first.
  const gaps: MessageRef[] = [];
  if (opposingDecisionMaker) gaps.push({ code: 'committee.gap.opposing_decision_maker', params: { names: opposingNames.join(', ') } });
  if (!hasDecisionMaker) gaps.push(NO_DECISION_MAKER);
  if (members.length === 0) gaps.push(NO_CONTACTS);
  else if (engaged === 0) gaps.push({ code: 'committee.gap.not_engaged', params: { days: window } });
  else if (singleThreaded) gaps.push({ code: 'committee.gap.single_threaded', params: { name: engagedName, days: window } });
  if (members.length > 0 && !anyRole) {
    gaps.push({ code: 'committee.gap.roles_unmapped', params: { contacts: members.length } });
  } else if (anyRole) {
    // The decision maker has its own gap above.
    for (const role of rolesMissing) if (role !== 'decision_maker') gaps.push(ROLE_MISSING[role]);
  }
  for (const r of roleStaleness) {
    if (!r.stale) continue;
    gaps.push(
      r.lastTouch === null
        ? { code: 'committee.gap.role_never_engaged', params: { role: r.role } }
        : { code: 'committee.gap.role_stale', params: { role: r.role, lastTouch: r.lastTouch, days: r.daysSince, staleDays } },
    );
  }

  return {
    members: trimmed(members),
    rolesFilled,
    rolesMissing,
    hasDecisionMaker,
    decisionMakerIds: trimmed(decisionMakerIds),
    singleThreaded,
    engagedContacts: engaged,
    opposingDecisionMaker,
    closenessToDecisionMaker: closeness,
    roleStaleness: trimmed(roleStaleness),
    gaps: trimmed(gaps),
  };
}

/**
 * Contact ids whose touches count as touches with the committee (cadence §7,
 * health interaction): members holding a role, or every member when no role is
 * mapped at all (see evaluateCommittee).
 */
export function touchMemberIds(committee: CommitteeResult): string[] {
  const withRole: string[] = [];
  for (const m of committee.members) if (m.roles.length > 0) withRole.push(m.contactId);
  if (withRole.length > 0) return withRole;
  const all: string[] = [];
  for (const m of committee.members) all.push(m.contactId);
  return all;
}

/** Whether an engagement's contacts include any of `ids` (both lists are tiny: a linear scan beats a Set). */
export function touchesAny(contactIds: readonly string[], ids: readonly string[]): boolean {
  for (const c of contactIds) if (ids.includes(c)) return true;
  return false;
}
