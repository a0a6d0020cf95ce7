import type { MessageRef, OpenAlert } from './snapshot.js';
import type { AlertsResult } from './evaluation.js';
import { alertCodes, type AlertCode } from './settings.js';
import { rules } from './alert-rules.js';
import {
  alertLevels,
  alertVariants,
  rootOf,
  type AlertsInput,
  type Params,
} from './alert-kinds.js';
import { trimmed } from './trimmed.js';

export type { AlertsInput } from './alert-kinds.js';
export { alertLevels, alertVariants, rootOf };

/**
 * §6 three lights: which reasons are open now, which opened and which closed
 * since the previous evaluation. Pure: quiet periods and tasks belong to the
 * store layer, which reads `opened`/`closed` and each reason's `root`.
 */

// Shared, never mutated: most accounts skip the same reasons for the same reason.
const frozenRef = (code: string): MessageRef => Object.freeze({ code, params: Object.freeze({}) });
const SKIP_DISABLED = frozenRef('alerts.skipped.disabled');
const SKIP_NO_STAGE = frozenRef('alerts.skipped.no_previous_stage');
const SKIP_NO_SNAPSHOT = frozenRef('alerts.skipped.no_quarter_snapshot');

type Skipped = AlertsResult['skipped'][number];
/** The skipped entries too: one per reason and code, made on first use. */
const skippedEntries = new Map<MessageRef, Map<AlertCode, Skipped>>();
function skippedEntry(code: AlertCode, reason: MessageRef): Skipped {
  let byCode = skippedEntries.get(reason);
  if (byCode === undefined) skippedEntries.set(reason, (byCode = new Map()));
  let entry = byCode.get(code);
  if (entry === undefined) byCode.set(code, (entry = Object.freeze({ code, reason })));
  return entry;
}

/** Trend rules that compare with a previous value; skipped (and said so) without one. */
function skipReason(code: AlertCode, input: AlertsInput): MessageRef | null {
  if (code === 'stage_moved_back' && input.previous === null) return SKIP_NO_STAGE;
  if (code === 'health_fell' && input.health.lastQuarter === null) return SKIP_NO_SNAPSHOT;
  return null;
}

export function evaluateAlerts(input: AlertsInput): AlertsResult {
  const { ctx, previous } = input;
  const disabled = ctx.settings.alerts.disabled;
  const before = previous?.openAlerts ?? [];
  const open: OpenAlert[] = [];
  const skipped: AlertsResult['skipped'] = [];

  // alertCodes is already in precedence order: red, yellow, green, each in a fixed order.
  for (const code of alertCodes) {
    if (disabled.length > 0 && disabled.includes(code)) {
      skipped.push(skippedEntry(code, SKIP_DISABLED));
      continue;
    }
    const skip = skipReason(code, input);
    if (skip !== null) {
      skipped.push(skippedEntry(code, skip));
      continue;
    }
    const held = findAlert(before, code);
    const hit = rules[code](input, held);
    if (hit === null) continue;
    open.push({
      code,
      level: alertLevels[code],
      params: hit.params,
      evidence: hit.evidence,
      openedAt: held?.openedAt ?? ctx.asOf,
      root: rootOf(code),
    });
  }
  // No sort needed: alertCodes lists red, then yellow, then green reasons (checked by a test).

  const opened: AlertCode[] = [];
  for (const a of open) if (findAlert(before, a.code) === undefined) opened.push(a.code);
  const closed: AlertsResult['closed'] = [];
  for (const b of before) {
    if (findAlert(open, b.code) !== undefined) continue;
    const reason = disabled.includes(b.code)
      ? { code: 'alerts.closed.disabled', params: {} }
      : closedReason(b, input);
    closed.push({ code: b.code, level: b.level, openedAt: b.openedAt, closedAt: ctx.asOf, reason });
  }

  return {
    level: open.length > 0 ? open[0].level : 'none',
    open: trimmed(open),
    opened: trimmed(opened),
    closed: trimmed(closed),
    skipped: trimmed(skipped),
  };
}

function findAlert(list: readonly OpenAlert[], code: AlertCode): OpenAlert | undefined {
  for (const a of list) if (a.code === code) return a;
  return undefined;
}

/** The message of an open reason: `alerts.reason.<code>`, or `.<variant>` when the reason has variants. */
export function alertMessage(alert: Pick<OpenAlert, 'code' | 'params'>): MessageRef {
  const variant = alert.params.variant;
  const code =
    typeof variant === 'string'
      ? `alerts.reason.${alert.code}.${variant}`
      : `alerts.reason.${alert.code}`;
  return { code, params: alert.params };
}

/** Short title of a reason, e.g. for a task subject or a list. */
export function alertTitle(code: AlertCode): MessageRef {
  return { code: `alerts.title.${code}`, params: {} };
}

/** Why a reason closed by itself, worded from what is true now. */
function closedReason(alert: OpenAlert, input: AlertsInput): MessageRef {
  const { account, ctx, rank, committee, lifecycle, health, facts, cadence } = input;
  const code = `alerts.closed.${alert.code}`;
  const params: Params = {};
  switch (alert.code) {
    case 'decision_maker_left':
      params.names = committee.members
        .filter((m) => committee.decisionMakerIds.includes(m.contactId))
        .map((m) => m.name)
        .join(', ');
      break;
    case 'satisfaction_low':
      params.satisfaction = account.satisfaction;
      params.threshold = ctx.settings.alerts.satisfactionBelow;
      break;
    case 'renewal_unclear':
      params.intent = account.renewal.intent;
      break;
    case 'revenue_falling':
      params.fallPct = ctx.settings.alerts.revenueFallPct;
      break;
    case 'frequency_falling':
      params.recent = facts.wonRecent;
      params.earlier = facts.wonEarlier;
      params.windowDays = ctx.settings.health.frequencyWindowDays;
      break;
    case 'cadence_overdue':
      params.lastTouch = cadence.lastTouch;
      break;
    case 'no_decision_maker':
      return { code: `${code}.${rank.isKeyAccount ? 'mapped' : 'not_key'}`, params };
    case 'single_threaded':
      params.engagedContacts = committee.engagedContacts;
      return { code: `${code}.${rank.isKeyAccount ? 'widened' : 'not_key'}`, params };
    case 'stage_moved_back':
      params.stage = lifecycle.computedStage;
      break;
    case 'health_fell':
      params.health = health.overall;
      params.threshold = ctx.settings.alerts.healthFellPts;
      break;
    default:
      break;
  }
  return { code, params };
}

/** Every message code the alerts area can emit (for the catalog completeness test). */
export function alertMessageCodes(): string[] {
  const codes = [
    'alerts.closed.disabled',
    'alerts.skipped.disabled',
    'alerts.skipped.no_previous_stage',
    'alerts.skipped.no_quarter_snapshot',
  ];
  for (const level of ['red', 'yellow', 'green', 'none']) codes.push(`alerts.level.${level}`);
  for (const code of alertCodes) {
    codes.push(`alerts.title.${code}`);
    const variants = variantsOf(code);
    if (variants.length === 0) codes.push(`alerts.reason.${code}`);
    for (const v of variants) codes.push(`alerts.reason.${code}.${v}`);
    if (code === 'no_decision_maker')
      codes.push(`alerts.closed.${code}.mapped`, `alerts.closed.${code}.not_key`);
    else if (code === 'single_threaded')
      codes.push(`alerts.closed.${code}.widened`, `alerts.closed.${code}.not_key`);
    else codes.push(`alerts.closed.${code}`);
  }
  return codes;
}

const variantsOf = (code: AlertCode): readonly string[] => alertVariants[code] ?? [];
