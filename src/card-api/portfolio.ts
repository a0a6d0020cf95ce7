import { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import type { PortfolioQuery, PortfolioResponse, slaComplianceSchema } from '../cards/contract.js';
import type { PortfolioFilter } from '../domain/aggregates.js';
import type { Queryable } from '../store/db.js';
import { getSettingsRecord } from '../sync/settings-store.js';
import { ownersOf } from './labels.js';
import { aggregatesFromGroups, type GroupSums } from './portfolio-buckets.js';
import type { PortalInfo } from './tenant.js';

/**
 * GET /portfolio?owner&segment (app home): the domain's portfolio aggregates
 * over the stored evaluations, summed by SQL per (owner, segment) in one scan
 * of the portal's rows, plus 3R response compliance of the last 30 days from
 * the alert episodes. `owner`/`segment` = "none" selects accounts without one.
 */

export const SLA_WINDOW_DAYS = 30;
type SlaCompliance = z.infer<typeof slaComplianceSchema>;

const int = z.coerce.number().int();
const groupRowSchema = z.object({
  owner_id: z.string().nullable(),
  segment: z.string().nullable(),
  accounts: int,
  key_accounts: int,
  t_strategic: int,
  t_potential: int,
  t_profit: int,
  t_ordinary: int,
  s_stranger: int,
  s_user: int,
  s_customer: int,
  s_repeat: int,
  s_major: int,
  a_red: int,
  a_yellow: int,
  a_green: int,
  l_red: int,
  l_yellow: int,
  l_green: int,
  l_none: int,
  h_healthy: int,
  h_watch: int,
  h_at_risk: int,
  health_sum: z.coerce.number(),
  last_at: z.date().nullable(),
});

const GROUP_SQL = `
  SELECT owner_id, segment, count(*) AS accounts,
         count(*) FILTER (WHERE is_key) AS key_accounts,
         count(*) FILTER (WHERE tier = 'strategic') AS t_strategic,
         count(*) FILTER (WHERE tier = 'potential') AS t_potential,
         count(*) FILTER (WHERE tier = 'profit') AS t_profit,
         count(*) FILTER (WHERE tier = 'ordinary') AS t_ordinary,
         count(*) FILTER (WHERE stage = 'stranger') AS s_stranger,
         count(*) FILTER (WHERE stage = 'user') AS s_user,
         count(*) FILTER (WHERE stage = 'customer') AS s_customer,
         count(*) FILTER (WHERE stage = 'repeat') AS s_repeat,
         count(*) FILTER (WHERE stage = 'major') AS s_major,
         COALESCE(sum(open_red), 0) AS a_red,
         COALESCE(sum(open_yellow), 0) AS a_yellow,
         COALESCE(sum(open_green), 0) AS a_green,
         count(*) FILTER (WHERE alert_level = 'red') AS l_red,
         count(*) FILTER (WHERE alert_level = 'yellow') AS l_yellow,
         count(*) FILTER (WHERE alert_level = 'green') AS l_green,
         count(*) FILTER (WHERE alert_level IS NULL OR alert_level = 'none') AS l_none,
         count(*) FILTER (WHERE health_band = 'healthy') AS h_healthy,
         count(*) FILTER (WHERE health_band = 'watch') AS h_watch,
         count(*) FILTER (WHERE health_band = 'at_risk') AS h_at_risk,
         COALESCE(sum(health), 0)::float8 AS health_sum,
         max(evaluated_at) AS last_at
    FROM evaluations WHERE portal_id = $1
   GROUP BY owner_id, segment`;

export async function groupSums(q: Queryable, portalId: number): Promise<Sums> {
  const { rows } = await q.query(GROUP_SQL, [portalId]);
  let last: Date | null = null;
  const groups = rows.map((raw) => {
    const r = groupRowSchema.parse(raw);
    if (r.last_at && (!last || r.last_at > last)) last = r.last_at;
    return {
      ownerId: r.owner_id,
      segment: r.segment,
      accounts: r.accounts,
      keyAccounts: r.key_accounts,
      tiers: {
        strategic: r.t_strategic,
        potential: r.t_potential,
        profit: r.t_profit,
        ordinary: r.t_ordinary,
      },
      stages: [r.s_stranger, r.s_user, r.s_customer, r.s_repeat, r.s_major],
      openAlerts: { red: r.a_red, yellow: r.a_yellow, green: r.a_green },
      accountsByAlertLevel: { red: r.l_red, yellow: r.l_yellow, green: r.l_green, none: r.l_none },
      health: { healthy: r.h_healthy, watch: r.h_watch, at_risk: r.h_at_risk },
      healthSum: r.health_sum,
    };
  });
  return { groups, lastEvaluatedAt: last };
}

interface Sums {
  groups: GroupSums[];
  lastEvaluatedAt: Date | null;
}

/**
 * The group sums of each portal, reused while no evaluation row changed: the
 * stamp is the newest row revision (every write of a row takes a new one)
 * with the portfolio version (every recompute, deletions included, sets a
 * new one) — two index lookups instead of a scan of the portal's rows.
 */
export class GroupSumsCache {
  private readonly entries = new Map<number, { stamp: string; sums: Sums }>();
  constructor(private readonly maxPortals = 50) {}

  async get(q: Queryable, portalId: number): Promise<Sums> {
    const { rows } = await q.query<{ stamp: string }>(
      `SELECT concat_ws(':', (SELECT max(revision) FROM evaluations WHERE portal_id = $1),
                             (SELECT version FROM portfolio_stats WHERE portal_id = $1)) AS stamp`,
      [portalId],
    );
    const stamp = rows[0]?.stamp ?? '';
    const hit = this.entries.get(portalId);
    if (hit && hit.stamp === stamp) return hit.sums;
    const sums = await groupSums(q, portalId);
    this.entries.delete(portalId);
    this.entries.set(portalId, { stamp, sums });
    if (this.entries.size > this.maxPortals) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return sums;
  }
}

/** `?owner=`/`?segment=`: absent = all, "none" = without one. */
export function filterOf(query: PortfolioQuery): PortfolioFilter {
  const pick = (v: string | undefined) => (v === undefined ? undefined : v === 'none' ? null : v);
  const filter: PortfolioFilter = {};
  const ownerId = pick(query.owner);
  const segment = pick(query.segment);
  if (ownerId !== undefined) filter.ownerId = ownerId;
  if (segment !== undefined) filter.segment = segment;
  return filter;
}

/**
 * 3R compliance: tasked alert episodes whose respond deadline fell in the
 * window, split into responded on time, responded late and still open
 * unanswered. An episode that cleared before anyone responded is left out
 * (nothing was left to respond to).
 */
export async function slaCompliance(
  q: Queryable,
  portalId: number,
  now: Date,
  filter: PortfolioFilter,
): Promise<SlaCompliance> {
  const from = new Date(now.getTime() - SLA_WINDOW_DAYS * 86_400_000);
  const { rows } = await q.query<{ on_time: number; late: number; open_overdue: number }>(
    `SELECT count(*) FILTER (WHERE ep.respond_completed_at <= ep.respond_by)::int AS on_time,
            count(*) FILTER (WHERE ep.respond_completed_at > ep.respond_by)::int AS late,
            count(*) FILTER (WHERE ep.respond_completed_at IS NULL AND ep.closed_at IS NULL)::int AS open_overdue
       FROM alert_episodes ep
       LEFT JOIN evaluations e ON e.portal_id = ep.portal_id AND e.company_id = ep.company_id
      WHERE ep.portal_id = $1 AND ep.task_mode = 'task'
        AND ep.respond_by > $2 AND ep.respond_by <= $3
        AND (NOT $4::boolean OR e.owner_id IS NOT DISTINCT FROM $5::text)
        AND (NOT $6::boolean OR e.segment IS NOT DISTINCT FROM $7::text)`,
    [
      portalId,
      from,
      now,
      filter.ownerId !== undefined,
      filter.ownerId ?? null,
      filter.segment !== undefined,
      filter.segment ?? null,
    ],
  );
  const r = rows[0];
  const due = r.on_time + r.late + r.open_overdue;
  return {
    windowDays: SLA_WINDOW_DAYS,
    due,
    respondedOnTime: r.on_time,
    respondedLate: r.late,
    openOverdue: r.open_overdue,
    compliancePct: due === 0 ? null : Math.round((1000 * r.on_time) / due) / 10,
  };
}

export async function portfolio(
  deps: Pick<AppDeps, 'db' | 'now'>,
  portal: PortalInfo,
  query: PortfolioQuery,
  cache?: GroupSumsCache,
): Promise<PortfolioResponse> {
  const { db } = deps;
  const now = deps.now();
  const filter = filterOf(query);
  const [{ settings }, { groups, lastEvaluatedAt }, sla, owners] = await Promise.all([
    getSettingsRecord(db, portal.portalId),
    cache ? cache.get(db, portal.portalId) : groupSums(db, portal.portalId),
    slaCompliance(db, portal.portalId, now, filter),
    ownersOf(db, portal.portalId),
  ]);
  const segments = [
    ...new Set(groups.map((g) => g.segment).filter((s): s is string => s !== null)),
  ];
  return {
    status: 'ok',
    asOf: (lastEvaluatedAt ?? now).toISOString(),
    aggregates: aggregatesFromGroups(groups, settings, filter),
    sla,
    owners,
    segments: segments.sort((a, b) => a.localeCompare(b)),
  };
}
