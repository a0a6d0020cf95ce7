import type { AccountState, MessageRef } from './snapshot.js';
import type { Evaluation } from './evaluation.js';
import { factorNames, type FactorName } from './settings.js';
import { round1 } from './rounding.js';
import type { Locale } from './messages/types.js';
import { renderAll, type RenderOptions } from './messages/render.js';
import { trimmed } from './trimmed.js';

/**
 * "Why it changed since last time": a few short message refs for the HubSpot
 * text property kam_score_explanation. Only what moved is mentioned, in a fixed
 * order (score, key status, tier, stage, health, alerts), so two evaluations of
 * the same change read the same.
 */

export type SummaryInput = Omit<Evaluation, 'summary' | 'state'>;

/** Health moves smaller than this are noise in a one-line summary (alerts catch real falls). */
const HEALTH_MENTION_PTS = 1;

export function buildSummary(ev: SummaryInput, previous: AccountState | null): MessageRef[] {
  if (previous === null) {
    return [
      {
        code: 'summary.first',
        params: {
          score: ev.score.value,
          key: ev.rank.isKeyAccount ? 'key' : 'not_key',
          tier: ev.tier.tier,
          stage: ev.lifecycle.stage,
          health: ev.health.overall,
          band: ev.health.band,
        },
      },
    ];
  }
  const out: MessageRef[] = [];

  const from = round1(previous.score);
  const to = ev.score.value;
  if (from !== to) {
    const moved = biggestFactorMove(ev, previous);
    out.push(
      moved === null
        ? { code: 'summary.score.changed_plain', params: { from, to } }
        : {
            code: 'summary.score.changed',
            params: { from, to, factor: moved.factor, factorFrom: moved.from, factorTo: moved.to },
          },
    );
  }

  if (ev.rank.isKeyAccount !== previous.isKeyAccount) {
    if (ev.rank.isKeyAccount)
      out.push({ code: 'summary.key.entered', params: { rankPct: ev.rank.pct } });
    else if (ev.rank.disqualifiers.length > 0)
      out.push({ code: 'summary.key.disqualified', params: { rankPct: ev.rank.pct } });
    else out.push({ code: 'summary.key.left', params: { rankPct: ev.rank.pct } });
  }

  if (ev.tier.tier !== previous.tier) {
    out.push({ code: 'summary.tier.changed', params: { from: previous.tier, to: ev.tier.tier } });
  }
  if (ev.lifecycle.stage !== previous.stage) {
    out.push({
      code: 'summary.stage.changed',
      params: { from: previous.stage, to: ev.lifecycle.stage },
    });
  }

  const healthFrom = round1(previous.health);
  if (Math.abs(ev.health.overall - healthFrom) >= HEALTH_MENTION_PTS - 1e-9) {
    out.push({
      code: 'summary.health.changed',
      params: { from: healthFrom, to: ev.health.overall, band: ev.health.band },
    });
  }

  for (const code of ev.alerts.opened) {
    const level = ev.alerts.open.find((a) => a.code === code)?.level ?? null;
    out.push({ code: 'summary.alert.opened', params: { alert: code, level } });
  }
  for (const c of ev.alerts.closed)
    out.push({ code: 'summary.alert.closed', params: { alert: c.code } });

  if (out.length === 0) out.push({ code: 'summary.unchanged', params: { score: to } });
  return trimmed(out);
}

/** The factor whose weighted contribution moved the most (ties: the spec's factor order). */
function biggestFactorMove(
  ev: SummaryInput,
  previous: AccountState,
): { factor: FactorName; from: number; to: number } | null {
  let best: { factor: FactorName; from: number; to: number } | null = null;
  let bestDelta = 0;
  for (const name of factorNames) {
    const f = ev.score.factors[name];
    const before = round1(previous.factors[name]);
    const delta = Math.abs(f.weight * (f.value - before));
    if (delta > bestDelta + 1e-9) {
      bestDelta = delta;
      best = { factor: name, from: before, to: f.value };
    }
  }
  return best;
}

/** HubSpot text properties hold 65,536 characters; the explanation stays far below. */
export const SUMMARY_MAX_CHARS = 2000;

/**
 * Cuts text to at most `max` characters (UTF-16 units, as HubSpot counts), ending
 * with "…" when cut, and never splitting a surrogate pair.
 */
export function truncate(text: string, max = SUMMARY_MAX_CHARS): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not leave half of a surrogate pair
  return `${text.slice(0, end)}…`;
}

/** The rendered summary for kam_score_explanation. */
export function summaryText(
  refs: readonly MessageRef[],
  locale: Locale,
  options: RenderOptions = {},
  max = SUMMARY_MAX_CHARS,
): string {
  // Chinese sentences end in "。" and are not separated by spaces.
  return truncate(renderAll(refs, locale, options, locale === 'zh-CN' ? '' : ' '), max);
}
