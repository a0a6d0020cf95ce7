import { alertMessage } from '../domain/alerts.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { Locale } from '../domain/messages/types.js';
import { renderMessage, type RenderOptions } from '../domain/messages/render.js';
import { summaryText, truncate } from '../domain/summary.js';

/**
 * An evaluation as the company's `kam_*` property values, in the strings
 * HubSpot stores and answers with, so "changed" is a string comparison with
 * what we wrote last time:
 * - numbers as JavaScript prints them ("72.5", "100");
 * - bool as "true"/"false"; enumerations as their option value;
 * - date (`kam_next_touch_due`) as YYYY-MM-DD — HubSpot stores a date as
 *   midnight UTC and accepts this form (the sandbox validates the same);
 * - datetime (`kam_last_evaluated_at`) as an ISO instant;
 * - text rendered in the portal's language, at most 65,536 characters;
 * - no value as "" (HubSpot clears a property set to the empty string).
 */

/** HubSpot's limit for a text property value. */
export const HUBSPOT_TEXT_MAX = 65_536;

/** Written alongside other changes only: alone it would rewrite every company on every run. */
export const LAST_EVALUATED = 'kam_last_evaluated_at';

export interface RenderContext {
  locale: Locale;
  currency: string | null;
  timeZone: string;
}

const num = (n: number): string => (Number.isFinite(n) ? String(n) : '');

/**
 * The kam_* values of an evaluation, without `kam_last_evaluated_at`.
 * `kam_score_explanation` is left out when nothing changed ("unchanged"), so
 * the last real explanation stays on the record.
 */
export function companyValues(ev: Evaluation, ctx: RenderContext): Record<string, string> {
  const f = ev.score.factors;
  const options: RenderOptions = { currency: ctx.currency, timeZone: ctx.timeZone };
  const values: Record<string, string> = {
    kam_score: num(ev.score.value),
    kam_score_sales: num(f.sales.value),
    kam_score_potential: num(f.potential.value),
    kam_score_reference: num(f.reference.value),
    kam_score_winnability: num(f.winnability.value),
    kam_rank_pct: num(ev.rank.pct),
    kam_is_key_account: ev.rank.isKeyAccount ? 'true' : 'false',
    kam_tier: ev.tier.tier,
    kam_lifecycle_stage: ev.lifecycle.stage,
    kam_health: num(ev.health.overall),
    kam_health_business: num(ev.health.business),
    kam_health_relationship: num(ev.health.relationship),
    kam_health_ecosystem: num(ev.health.ecosystem),
    kam_health_band: ev.health.band,
    kam_alert_level: ev.alerts.level,
    kam_alert_reasons: truncate(
      ev.alerts.open.map((a) => renderMessage(alertMessage(a), ctx.locale, options)).join('\n'),
      HUBSPOT_TEXT_MAX,
    ),
    kam_next_touch_due: ev.cadence.nextDue ?? '',
  };
  const unchanged = ev.summary.length === 1 && ev.summary[0].code === 'summary.unchanged';
  if (!unchanged) values.kam_score_explanation = summaryText(ev.summary, ctx.locale, options);
  return values;
}

/** The values that differ from what was last written (plus the evaluation time when any do). */
export function changedValues(
  desired: Record<string, string>,
  written: Record<string, unknown>,
  evaluatedAt: string,
): Record<string, string> | null {
  const out: Record<string, string> = {};
  let any = false;
  for (const [name, value] of Object.entries(desired)) {
    if (written[name] === value) continue;
    out[name] = value;
    any = true;
  }
  if (!any) return null;
  out[LAST_EVALUATED] = new Date(evaluatedAt).toISOString();
  return out;
}
