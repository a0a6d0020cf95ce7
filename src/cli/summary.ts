import { aggregateRowOf, buildAggregates, type Evaluation, type Locale } from '../domain/index.js';
import { alertMessage, alertTitle } from '../domain/alerts.js';
import { renderMessage } from '../domain/messages/render.js';
import type { Queryable } from '../store/db.js';
import { getSettings } from '../sync/settings-store.js';
import { parseStoredEvaluation } from '../sync/write-back.js';

/**
 * The portfolio summary `npm start` prints after the backfill: key accounts,
 * tiers, the lifecycle funnel and open alerts, from the stored evaluations,
 * through the engine's aggregates and the message catalog (the portal's
 * language).
 */

interface Row {
  company_id: string;
  name: string | null;
  evaluation: unknown;
}

export interface PortfolioSummary {
  text: string;
  companies: number;
  keyAccounts: number;
  openAlerts: { red: number; yellow: number; green: number };
  /** The best-ranked key account with a red alert (else the best-ranked one): the preview's example. */
  exampleCompanyId: string | null;
}

const pad = (s: string, n: number) => (s.length >= n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const bar = (n: number, max: number, width = 24) =>
  max === 0 ? '' : '█'.repeat(Math.max(n > 0 ? 1 : 0, Math.round((n / max) * width)));

export async function portfolioSummary(
  db: Queryable,
  portalId: number,
  maxKeyAccounts = 10,
): Promise<PortfolioSummary> {
  const settings = await getSettings(db, portalId);
  const locale: Locale = settings.locale;
  const t = (code: string, params: Record<string, string | number | boolean | null> = {}) =>
    renderMessage({ code, params }, locale);
  const { rows } = await db.query<Row>(
    `SELECT e.company_id, m.properties->>'name' AS name, e.evaluation
       FROM evaluations e
       LEFT JOIN mirror_companies m ON m.portal_id = e.portal_id AND m.id = e.company_id
      WHERE e.portal_id = $1`,
    [portalId],
  );
  const evaluations: { id: string; name: string; ev: Evaluation }[] = rows.map((r) => ({
    id: r.company_id,
    name: r.name ?? `#${r.company_id}`,
    ev: parseStoredEvaluation(r.evaluation),
  }));
  const agg = buildAggregates(
    evaluations.map((e) => aggregateRowOf(e.ev)),
    settings,
  ).overall;
  const lines: string[] = [];
  lines.push(
    `Portfolio of portal ${portalId}: ${agg.accounts} companies, ${agg.keyAccounts} key accounts, average health ${agg.averageHealth ?? '—'}`,
  );

  lines.push('', 'Key accounts');
  const keys = evaluations
    .filter((e) => e.ev.rank.isKeyAccount)
    .sort((a, b) => a.ev.rank.position - b.ev.rank.position);
  for (const { name, ev } of keys.slice(0, maxKeyAccounts)) {
    lines.push(
      `  #${String(ev.rank.position).padEnd(4)}${pad(name, 30)} score ${ev.score.value.toFixed(1).padStart(5)}  ` +
        `${pad(t(`summary.tierName.${ev.tier.tier}`), 10)} ${pad(t(`summary.stageName.${ev.lifecycle.stage}`), 9)} ` +
        `health ${ev.health.overall.toFixed(0).padStart(3)} (${t(`summary.bandName.${ev.health.band}`)})  alert ${ev.alerts.level}`,
    );
  }
  if (keys.length > maxKeyAccounts) lines.push(`  … and ${keys.length - maxKeyAccounts} more`);

  lines.push('', 'Tiers');
  const maxTier = Math.max(...Object.values(agg.tiers));
  for (const [tier, n] of Object.entries(agg.tiers)) {
    lines.push(
      `  ${pad(t(`summary.tierName.${tier}`), 12)} ${String(n).padStart(5)}  ${bar(n, maxTier)}`,
    );
  }

  lines.push('', 'Lifecycle funnel (reached → conversion to next)');
  const maxReached = Math.max(...agg.funnel.map((s) => s.reached));
  for (const step of agg.funnel) {
    const conv = step.conversionToNext === null ? '' : `  → ${step.conversionToNext}%`;
    lines.push(
      `  ${pad(t(`summary.stageName.${step.stage}`), 12)} ${String(step.reached).padStart(5)}  ${pad(bar(step.reached, maxReached), 25)}${conv}`,
    );
  }

  const open = evaluations.flatMap(({ name, ev }) => ev.alerts.open.map((a) => ({ name, a })));
  lines.push(
    '',
    `Open alerts: ${agg.openAlerts.red} red, ${agg.openAlerts.yellow} yellow, ${agg.openAlerts.green} green`,
  );
  const order = { red: 0, yellow: 1, green: 2 } as const;
  for (const { name, a } of open.sort((x, y) => order[x.a.level] - order[y.a.level]).slice(0, 8)) {
    const title = renderMessage(alertTitle(a.code), locale);
    lines.push(
      `  [${a.level.padEnd(6)}] ${pad(name, 28)} ${title}: ${renderMessage(alertMessage(a), locale)}`,
    );
  }
  return {
    text: lines.join('\n'),
    companies: agg.accounts,
    keyAccounts: agg.keyAccounts,
    openAlerts: agg.openAlerts,
    exampleCompanyId: (keys.find((k) => k.ev.alerts.level === 'red') ?? keys[0])?.id ?? null,
  };
}
