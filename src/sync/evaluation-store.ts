import { createHash } from 'node:crypto';
import type { Evaluation } from '../domain/evaluation.js';
import type { RankPlace } from '../domain/rank.js';
import type { Account, AccountState } from '../domain/snapshot.js';
import type { Queryable } from '../store/db.js';
import type { MappingWarning } from './parse-values.js';

/**
 * Evaluation rows (`evaluations`): the evaluation JSON, the state carried to
 * the next evaluation, scalar copies for the portfolio queries, the input
 * hash, the mapper's warnings, and what was last written to HubSpot. Writes
 * are set-based (unnest) and take a new revision from a sequence, which lets
 * a full pass leave alone rows written by someone else after it started.
 */

export interface StoredEvaluation {
  evaluation: Evaluation;
  inputHash: string;
  warnings: readonly MappingWarning[];
  disqualified: boolean;
  trailingRevenue: number;
}

export interface PreviousRow {
  state: AccountState | null;
  inputHash: string;
  written: Record<string, unknown>;
}

/**
 * What decides whether an account must be evaluated again: its mapped
 * inputs, the settings version, the portal-local date (rules count days, so
 * a new day — and with it a new quarter — can change the result of the same
 * inputs) and the statistics it was scored against. The previous state is not
 * part of it: evaluating the same inputs on the same day again only turns
 * "opened" into "open" and "changed" into "unchanged", which is noise.
 */
export function inputHash(
  account: Account,
  parts: { settingsVersion: number; today: string; statsBuiltAt: string },
): string {
  return createHash('sha256')
    .update(JSON.stringify(account))
    .update(`\n${parts.settingsVersion}\n${parts.today}\n${parts.statsBuiltAt}`)
    .digest('base64url');
}

function stateOf(json: unknown): AccountState | null {
  // A row's default state is '{}': no evaluation carried over yet.
  return json !== null && typeof json === 'object' && 'evaluatedAt' in json
    ? (json as AccountState)
    : null;
}

export async function loadPrevious(
  q: Queryable,
  portalId: number,
  companyIds: readonly string[],
): Promise<Map<string, PreviousRow>> {
  const out = new Map<string, PreviousRow>();
  if (companyIds.length === 0) return out;
  const { rows } = await q.query<{
    company_id: string;
    state: unknown;
    input_hash: string;
    written: Record<string, unknown> | null;
  }>(
    `SELECT company_id, state, input_hash, written FROM evaluations
      WHERE portal_id = $1 AND company_id = ANY($2::text[])`,
    [portalId, [...new Set(companyIds)]],
  );
  for (const r of rows)
    out.set(r.company_id, {
      state: stateOf(r.state),
      inputHash: r.input_hash,
      written: r.written ?? {},
    });
  return out;
}

/** ~15 KB of JSON per row: a few MB per statement. */
const CHUNK = 200;

/**
 * Inserts or replaces evaluation rows. With `guardRevision`, a row whose
 * revision is newer (written after the caller read its inputs) is kept as
 * it is. Returns the company ids written.
 */
export async function upsertEvaluations(
  q: Queryable,
  portalId: number,
  items: readonly StoredEvaluation[],
  guardRevision: number | null = null,
  /** Filled with the revision each written row took (the full pass finds later writers by it). */
  revisions?: Map<string, number>,
): Promise<string[]> {
  const written: string[] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    const part = items.slice(i, i + CHUNK);
    const ev = part.map((p) => p.evaluation);
    const { rows } = await q.query<{ company_id: string; revision: string }>(
      `INSERT INTO evaluations AS e
         (portal_id, company_id, evaluation, state, score, rank, rank_pct, is_key, tier, stage,
          health, health_band, alert_level, owner_id, segment, evaluated_at, input_hash,
          trailing_revenue, disqualified, mapping_warnings, revision)
       SELECT $1, u.id, u.ev::jsonb, (u.ev::jsonb)->'state', u.score, u.rank, u.pct, u.key, u.tier,
              u.stage, u.health, u.band, u.alert, u.owner, u.segment, u.at, u.hash, u.revenue,
              u.disq, u.warn::jsonb, nextval('evaluation_revision_seq')
         FROM unnest($2::text[], $3::text[], $4::float8[], $5::int[], $6::int[], $7::boolean[],
                     $8::text[], $9::text[], $10::float8[], $11::text[], $12::text[], $13::text[],
                     $14::text[], $15::timestamptz[], $16::text[], $17::float8[], $18::boolean[],
                     $19::text[])
           AS u(id, ev, score, rank, pct, key, tier, stage, health, band, alert, owner, segment,
                at, hash, revenue, disq, warn)
       ON CONFLICT (portal_id, company_id) DO UPDATE SET
         evaluation = EXCLUDED.evaluation, state = EXCLUDED.state, score = EXCLUDED.score,
         rank = EXCLUDED.rank, rank_pct = EXCLUDED.rank_pct, is_key = EXCLUDED.is_key,
         tier = EXCLUDED.tier, stage = EXCLUDED.stage, health = EXCLUDED.health,
         health_band = EXCLUDED.health_band, alert_level = EXCLUDED.alert_level,
         owner_id = EXCLUDED.owner_id, segment = EXCLUDED.segment,
         evaluated_at = EXCLUDED.evaluated_at, input_hash = EXCLUDED.input_hash,
         trailing_revenue = EXCLUDED.trailing_revenue, disqualified = EXCLUDED.disqualified,
         mapping_warnings = EXCLUDED.mapping_warnings, revision = EXCLUDED.revision
       WHERE $20::bigint IS NULL OR e.revision <= $20::bigint
       RETURNING company_id, revision::text AS revision`,
      [
        portalId,
        ev.map((e) => e.accountId),
        ev.map((e) => JSON.stringify(e)),
        ev.map((e) => e.score.value),
        ev.map((e) => e.rank.position),
        ev.map((e) => e.rank.pct),
        ev.map((e) => e.rank.isKeyAccount),
        ev.map((e) => e.tier.tier),
        ev.map((e) => e.lifecycle.stage),
        ev.map((e) => e.health.overall),
        ev.map((e) => e.health.band),
        ev.map((e) => e.alerts.level),
        ev.map((e) => e.ownerId),
        ev.map((e) => e.segment),
        ev.map((e) => e.asOf),
        part.map((p) => p.inputHash),
        part.map((p) => p.trailingRevenue),
        part.map((p) => p.disqualified),
        part.map((p) => JSON.stringify(p.warnings)),
        guardRevision,
      ],
    );
    for (const r of rows) {
      written.push(r.company_id);
      revisions?.set(r.company_id, Number(r.revision));
    }
  }
  return written;
}

/** Quarterly snapshots taken by these evaluations (`account_snapshots`, one per company and quarter). */
export async function storeSnapshots(
  q: Queryable,
  portalId: number,
  evaluations: readonly Evaluation[],
): Promise<void> {
  const taken = evaluations.filter((e) => e.quarterSnapshot !== null);
  for (let i = 0; i < taken.length; i += 1000) {
    const part = taken.slice(i, i + 1000);
    await q.query(
      `INSERT INTO account_snapshots (portal_id, company_id, quarter, snapshot, taken_at)
       SELECT $1, u.id, u.quarter, u.snap::jsonb, now()
         FROM unnest($2::text[], $3::text[], $4::text[]) AS u(id, quarter, snap)
       ON CONFLICT (portal_id, company_id, quarter) DO NOTHING`,
      [
        portalId,
        part.map((e) => e.accountId),
        part.map((e) => e.quarterSnapshot?.quarter ?? ''),
        part.map((e) => JSON.stringify(e.quarterSnapshot)),
      ],
    );
  }
}

/** A company that left the portfolio (deleted, merged away). */
export async function deleteEvaluations(
  q: Queryable,
  portalId: number,
  companyIds: readonly string[],
): Promise<void> {
  if (companyIds.length === 0) return;
  await q.query('DELETE FROM evaluations WHERE portal_id = $1 AND company_id = ANY($2::text[])', [
    portalId,
    companyIds,
  ]);
}

export interface RankPatch extends RankPlace {
  id: string;
  isKey: boolean;
}

/**
 * Another account's place moved (its own inputs did not): its rank, rank
 * percentile and key flag are updated in the row and in its stored
 * evaluation and state, without evaluating it again.
 */
export async function patchRanks(
  q: Queryable,
  portalId: number,
  patches: readonly RankPatch[],
): Promise<void> {
  for (let i = 0; i < patches.length; i += 1000) {
    const part = patches.slice(i, i + 1000);
    await q.query(
      `UPDATE evaluations e SET
         rank = u.position, rank_pct = u.pct, is_key = u.key,
         evaluation = jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(e.evaluation,
           '{rank,position}', to_jsonb(u.position)), '{rank,of}', to_jsonb(u.of)),
           '{rank,pct}', to_jsonb(u.pct)), '{rank,isKeyAccount}', to_jsonb(u.key)),
           '{state,rankPct}', to_jsonb(u.pct)), '{state,isKeyAccount}', to_jsonb(u.key)),
         state = jsonb_set(jsonb_set(e.state, '{rankPct}', to_jsonb(u.pct)), '{isKeyAccount}', to_jsonb(u.key)),
         revision = nextval('evaluation_revision_seq')
        FROM unnest($2::text[], $3::int[], $4::int[], $5::int[], $6::boolean[]) AS u(id, position, of, pct, key)
       WHERE e.portal_id = $1 AND e.company_id = u.id`,
      [
        portalId,
        part.map((p) => p.id),
        part.map((p) => p.position),
        part.map((p) => p.of),
        part.map((p) => p.pct),
        part.map((p) => p.isKey),
      ],
    );
  }
}
