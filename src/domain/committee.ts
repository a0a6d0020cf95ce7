import type { Account, CommitteeRole, MessageRef } from './snapshot.js';
import { committeeRoles } from './snapshot.js';
import type { AccountFacts } from './facts.js';
import type { EvalContext } from './context.js';
import type { CommitteeResult } from './evaluation.js';
import { dateLabel } from './date-labels.js';
import { DayMemo, fit, Memo, none, sharedRef } from './shared.js';

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
export function evaluateCommittee(
  account: Account,
  facts: AccountFacts,
  ctx: EvalContext,
): CommitteeResult {
  const today = ctx.today;
  const window = ctx.settings.health.interactionWindowDays;
  const windowStart = today - window;
  const staleDays = ctx.settings.committee.staleDays;
  const contacts = account.contacts;
  const lastTouchOf = facts.contactLastTouch;

  let anyRole = false;
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i];
    if (!c.left && c.roles.length > 0) {
      anyRole = true;
      break;
    }
  }

  const members: CommitteeResult['members'] = [];
  // Per role (committeeRoles order): filled as a bit mask, last touch in a scratch list.
  let filled = 0;
  roleLast.fill(NO_TOUCH);
  let decisionMakerIds: string[] | null = null;
  let opposingNames: string[] | null = null;
  let closeness: number | null = null;
  let engaged = 0;
  let engagedName = '';

  for (let k = 0; k < contacts.length; k++) {
    const c = contacts[k];
    if (c.left) continue;
    const last = lastTouchOf.get(c.id) ?? null;
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
    const roles = c.roles;
    for (let r = 0; r < roles.length; r++) {
      const i = roleIndex(roles[r]);
      if (i < 0) continue; // not a committee role (inputs are schema-checked: never)
      filled |= 1 << i;
      if (last !== null && last > roleLast[i]) roleLast[i] = last;
      if (i === DECISION_MAKER) isDecisionMaker = true;
    }
    if (isDecisionMaker) {
      (decisionMakerIds ??= []).push(c.id);
      if (c.stance === 'opponent') (opposingNames ??= []).push(c.name);
      if (c.closeness !== null && (closeness === null || c.closeness > closeness))
        closeness = c.closeness;
    }
    if ((!anyRole || roles.length > 0) && last !== null && last > windowStart) {
      engaged++;
      engagedName = c.name;
    }
  }

  const shape = rolesByMask[filled];
  const roleStaleness: CommitteeResult['roleStaleness'] = [];
  // An entry follows from the role, its last touch, the day and the stale limit: shared per day.
  const staleness = stalenessMemo.on(ctx.todayDate);
  for (let i = 0; i < committeeRoles.length; i++) {
    if ((filled & (1 << i)) === 0) continue;
    const last = roleLast[i] === NO_TOUCH ? null : roleLast[i];
    const daysSince = last === null ? null : today - last;
    const key = Memo.key(i, daysSince === null ? 0 : daysSince + 1, staleDays);
    let entry = staleness.get(key);
    if (entry === undefined) {
      entry = {
        role: committeeRoles[i],
        lastTouch: last === null ? null : dateLabel(last),
        daysSince,
        stale: daysSince === null || daysSince > staleDays,
      };
      if (key >= 0) staleness.set(key, Object.freeze(entry));
    }
    roleStaleness.push(entry);
  }

  const hasDecisionMaker = decisionMakerIds !== null;
  const singleThreaded = engaged === 1;
  const opposingDecisionMaker = opposingNames !== null;

  // Gaps, most serious first.
  const gaps: MessageRef[] = [];
  if (opposingNames !== null)
    gaps.push({
      code: 'committee.gap.opposing_decision_maker',
      params: { names: opposingNames.join(', ') },
    });
  if (!hasDecisionMaker) gaps.push(NO_DECISION_MAKER);
  if (members.length === 0) gaps.push(NO_CONTACTS);
  else if (engaged === 0) gaps.push(notEngaged(window));
  else if (singleThreaded)
    gaps.push({
      code: 'committee.gap.single_threaded',
      params: { name: engagedName, days: window },
    });
  if (members.length > 0 && !anyRole) {
    gaps.push(rolesUnmapped(members.length));
  } else if (anyRole) {
    // The decision maker has its own gap above.
    for (const role of shape.missing)
      if (role !== 'decision_maker') gaps.push(ROLE_MISSING[roleIndex(role)]);
  }
  for (let r = 0; r < roleStaleness.length; r++) {
    const st = roleStaleness[r];
    if (!st.stale) continue;
    gaps.push(
      st.lastTouch === null
        ? ROLE_NEVER_ENGAGED[roleIndex(st.role)]
        : {
            code: 'committee.gap.role_stale',
            params: { role: st.role, lastTouch: st.lastTouch, days: st.daysSince, staleDays },
          },
    );
  }

  return {
    members: fit(members),
    rolesFilled: shape.filled,
    rolesMissing: shape.missing,
    hasDecisionMaker,
    decisionMakerIds: decisionMakerIds === null ? none() : fit(decisionMakerIds),
    singleThreaded,
    engagedContacts: engaged,
    opposingDecisionMaker,
    closenessToDecisionMaker: closeness,
    roleStaleness: fit(roleStaleness),
    gaps: fit(gaps),
  };
}

const DECISION_MAKER = committeeRoles.indexOf('decision_maker');
const NO_TOUCH = -Infinity;
/** Last touch per role of the account being evaluated (scratch: evaluations are synchronous). */
const roleLast = new Array<number>(committeeRoles.length).fill(NO_TOUCH);

/** Index of a role in committeeRoles; their first letters differ, so one character decides. */
function roleIndex(role: CommitteeRole): number {
  const i = ROLE_BY_FIRST_CHAR[role.charCodeAt(0) & 127];
  return i !== undefined && committeeRoles[i] === role ? i : committeeRoles.indexOf(role);
}
const ROLE_BY_FIRST_CHAR: (number | undefined)[] = new Array<number | undefined>(128).fill(
  undefined,
);
committeeRoles.forEach((role, i) => (ROLE_BY_FIRST_CHAR[role.charCodeAt(0)] = i));

// Shared, frozen parts of results (see shared.ts): the filled and missing roles for each of
// the 32 combinations, and the gaps that name only a role or a setting.
const rolesByMask = Array.from({ length: 1 << committeeRoles.length }, (_, mask) =>
  Object.freeze({
    filled: Object.freeze(
      committeeRoles.filter((_, i) => (mask & (1 << i)) !== 0),
    ) as CommitteeRole[],
    missing: Object.freeze(
      committeeRoles.filter((_, i) => (mask & (1 << i)) === 0),
    ) as CommitteeRole[],
  }),
);
const NO_DECISION_MAKER = sharedRef('committee.gap.no_decision_maker');
const NO_CONTACTS = sharedRef('committee.gap.no_contacts');
const ROLE_MISSING = committeeRoles.map((role) =>
  sharedRef('committee.gap.role_missing', { role }),
);
const ROLE_NEVER_ENGAGED = committeeRoles.map((role) =>
  sharedRef('committee.gap.role_never_engaged', { role }),
);
const stalenessMemo = new DayMemo<CommitteeResult['roleStaleness'][number]>();
const notEngagedRefs = new Memo<MessageRef>();
function notEngaged(days: number): MessageRef {
  const key = Memo.key(days);
  return (
    notEngagedRefs.get(key) ??
    (key < 0
      ? { code: 'committee.gap.not_engaged', params: { days } }
      : notEngagedRefs.set(key, sharedRef('committee.gap.not_engaged', { days })))
  );
}
const unmappedRefs = new Memo<MessageRef>();
function rolesUnmapped(contacts: number): MessageRef {
  const key = Memo.key(contacts);
  return (
    unmappedRefs.get(key) ??
    (key < 0
      ? { code: 'committee.gap.roles_unmapped', params: { contacts } }
      : unmappedRefs.set(key, sharedRef('committee.gap.roles_unmapped', { contacts })))
  );
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
