import type { Queryable } from '../store/db.js';
import { engagementTypeOf, type CrmObjectType, type EngagementObjectType } from './records.js';

/**
 * The local mirror of HubSpot records: only the properties the engine reads
 * (`engineReadProperties`), one row per record in `mirror_*`, and the
 * associations the engine follows in `assoc_*` (a contact's or deal's
 * "Primary" company flagged). Writes are set-based (one INSERT … SELECT FROM
 * unnest(…) per table and batch), so a page of 100 records is a handful of
 * statements on PGlite and PostgreSQL alike. Every function takes a Queryable,
 * so callers decide the transaction (a backfill page and its checkpoint commit
 * together).
 */

export type MirrorObjectType = CrmObjectType;

export interface MirrorRecord {
  id: string;
  properties: Record<string, string | null | undefined>;
  /** HubSpot's updatedAt (last modification); an older read never overwrites a newer one. */
  updatedAt?: Date | string | null;
}

/** One association of a contact, deal or engagement with a company. */
export interface CompanyLink {
  fromId: string;
  companyId: string;
  /** HubSpot's "Primary" label (contact→company type 1, deal→company type 5). */
  primary: boolean;
  typeIds?: readonly number[];
}

export interface EngagementContactLink {
  engagementId: string;
  contactId: string;
}

export const isEngagementType = (t: string): t is EngagementObjectType =>
  t === 'meetings' || t === 'calls' || t === 'emails';

const TABLE: Record<MirrorObjectType, string> = {
  companies: 'mirror_companies',
  contacts: 'mirror_contacts',
  deals: 'mirror_deals',
  meetings: 'mirror_engagements',
  calls: 'mirror_engagements',
  emails: 'mirror_engagements',
};

export const mirrorTable = (type: MirrorObjectType): string => TABLE[type];

interface LinkTable {
  table: string;
  from: string;
  /** assoc_contact_company and assoc_deal_company carry the primary flag and type ids. */
  labelled: boolean;
}

function linkTable(type: Exclude<MirrorObjectType, 'companies'>): LinkTable {
  if (type === 'contacts')
    return { table: 'assoc_contact_company', from: 'contact_id', labelled: true };
  if (type === 'deals') return { table: 'assoc_deal_company', from: 'deal_id', labelled: true };
  return { table: 'assoc_engagement_company', from: 'engagement_id', labelled: false };
}

/** Statements stay well under parameter and packet limits. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function pick(
  props: MirrorRecord['properties'],
  keep: ReadonlySet<string> | null,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(props)) {
    if (keep && !keep.has(name)) continue;
    out[name] = value ?? null;
  }
  return out;
}

/**
 * Inserts or replaces records (their properties as given, filtered to `keep`
 * when given) and marks them live. Returns the ids written (a record whose
 * stored version is newer than the one given is left as it is).
 */
export async function upsertRecords(
  q: Queryable,
  portalId: number,
  type: MirrorObjectType,
  records: readonly MirrorRecord[],
  keep: readonly string[] | null = null,
): Promise<string[]> {
  const keepSet = keep ? new Set(keep) : null;
  const written: string[] = [];
  const engagement = isEngagementType(type);
  for (const part of chunks(dedupeById(records))) {
    const ids = part.map((r) => r.id);
    const props = part.map((r) => JSON.stringify(pick(r.properties, keepSet)));
    const modified = part.map((r) => toDate(r.updatedAt));
    const params: unknown[] = [portalId, ids, props, modified];
    let sql: string;
    if (engagement) {
      params.push(
        engagementTypeOf[type],
        part.map((r) => toDate(r.properties.hs_timestamp)),
      );
      sql = `INSERT INTO mirror_engagements AS m
               (portal_id, id, engagement_type, occurred_at, properties, hs_lastmodifieddate, archived, synced_at)
             SELECT $1, u.id, $5, u.occurred, u.props::jsonb, u.modified, false, now()
               FROM unnest($2::text[], $3::text[], $4::timestamptz[], $6::timestamptz[]) AS u(id, props, modified, occurred)
             ON CONFLICT (portal_id, id) DO UPDATE SET
               engagement_type = EXCLUDED.engagement_type, occurred_at = EXCLUDED.occurred_at,
               properties = EXCLUDED.properties, hs_lastmodifieddate = EXCLUDED.hs_lastmodifieddate,
               archived = false, synced_at = now()
             WHERE m.hs_lastmodifieddate IS NULL OR EXCLUDED.hs_lastmodifieddate IS NULL
                OR EXCLUDED.hs_lastmodifieddate >= m.hs_lastmodifieddate OR m.archived
             RETURNING id`;
    } else {
      sql = `INSERT INTO ${TABLE[type]} AS m (portal_id, id, properties, hs_lastmodifieddate, archived, synced_at)
             SELECT $1, u.id, u.props::jsonb, u.modified, false, now()
               FROM unnest($2::text[], $3::text[], $4::timestamptz[]) AS u(id, props, modified)
             ON CONFLICT (portal_id, id) DO UPDATE SET
               properties = EXCLUDED.properties, hs_lastmodifieddate = EXCLUDED.hs_lastmodifieddate,
               archived = false, synced_at = now()
             WHERE m.hs_lastmodifieddate IS NULL OR EXCLUDED.hs_lastmodifieddate IS NULL
                OR EXCLUDED.hs_lastmodifieddate >= m.hs_lastmodifieddate OR m.archived
             RETURNING id`;
    }
    const { rows } = await q.query<{ id: string }>(sql, params);
    for (const r of rows) written.push(r.id);
  }
  return written;
}

function dedupeById<T extends { id: string }>(records: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const r of records) byId.set(r.id, r);
  return [...byId.values()];
}

/** Companies linked to any of these records (contacts, deals or engagements; companies: themselves). */
export async function linkedCompanyIds(
  q: Queryable,
  portalId: number,
  type: MirrorObjectType,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  if (type === 'companies') return [...new Set(ids)];
  const t = linkTable(type);
  const { rows } = await q.query<{ company_id: string }>(
    `SELECT DISTINCT company_id FROM ${t.table} WHERE portal_id = $1 AND ${t.from} = ANY($2::text[])`,
    [portalId, ids],
  );
  return rows.map((r) => r.company_id);
}

/**
 * Replaces the company links of `fromIds` with `links` (records without a
 * link lose theirs). Returns every company linked before or after, since
 * both sides need a recompute.
 */
export async function replaceCompanyLinks(
  q: Queryable,
  portalId: number,
  type: Exclude<MirrorObjectType, 'companies'>,
  fromIds: readonly string[],
  links: readonly CompanyLink[],
): Promise<string[]> {
  if (fromIds.length === 0) return [];
  const t = linkTable(type);
  const affected = new Set<string>();
  for (const part of chunks([...new Set(fromIds)])) {
    const { rows } = await q.query<{ company_id: string }>(
      `DELETE FROM ${t.table} WHERE portal_id = $1 AND ${t.from} = ANY($2::text[]) RETURNING company_id`,
      [portalId, part],
    );
    for (const r of rows) affected.add(r.company_id);
  }
  const unique = new Map<string, CompanyLink>();
  for (const l of links) {
    const key = `${l.fromId}:${l.companyId}`;
    const seen = unique.get(key);
    // The same pair may come once per association type: keep the primary flag if any says so.
    unique.set(
      key,
      seen
        ? {
            ...seen,
            primary: seen.primary || l.primary,
            typeIds: [...(seen.typeIds ?? []), ...(l.typeIds ?? [])],
          }
        : l,
    );
  }
  for (const part of chunks([...unique.values()])) {
    const from = part.map((l) => l.fromId);
    const to = part.map((l) => l.companyId);
    if (t.labelled) {
      await q.query(
        `INSERT INTO ${t.table} (portal_id, ${t.from}, company_id, is_primary, type_ids, synced_at)
         SELECT $1, u.f, u.c, u.p, u.t::integer[], now()
           FROM unnest($2::text[], $3::text[], $4::boolean[], $5::text[]) AS u(f, c, p, t)`,
        [
          portalId,
          from,
          to,
          part.map((l) => l.primary),
          part.map((l) => `{${[...new Set(l.typeIds ?? [])].join(',')}}`),
        ],
      );
    } else {
      await q.query(
        `INSERT INTO ${t.table} (portal_id, ${t.from}, company_id, synced_at)
         SELECT $1, u.f, u.c, now() FROM unnest($2::text[], $3::text[]) AS u(f, c)`,
        [portalId, from, to],
      );
    }
    for (const c of to) affected.add(c);
  }
  return [...affected];
}

/** Replaces the contacts of these engagements. */
export async function replaceEngagementContacts(
  q: Queryable,
  portalId: number,
  engagementIds: readonly string[],
  links: readonly EngagementContactLink[],
): Promise<void> {
  if (engagementIds.length === 0) return;
  for (const part of chunks([...new Set(engagementIds)])) {
    await q.query(
      'DELETE FROM assoc_engagement_contact WHERE portal_id = $1 AND engagement_id = ANY($2::text[])',
      [portalId, part],
    );
  }
  const unique = [...new Map(links.map((l) => [`${l.engagementId}:${l.contactId}`, l])).values()];
  for (const part of chunks(unique)) {
    await q.query(
      `INSERT INTO assoc_engagement_contact (portal_id, engagement_id, contact_id, synced_at)
       SELECT $1, u.e, u.c, now() FROM unnest($2::text[], $3::text[]) AS u(e, c)`,
      [portalId, part.map((l) => l.engagementId), part.map((l) => l.contactId)],
    );
  }
}

/**
 * Marks records archived (deleted in HubSpot) and drops their links, as
 * HubSpot hides the associations of archived records. Returns the companies
 * that were linked (for companies: the companies themselves).
 */
export async function archiveRecords(
  q: Queryable,
  portalId: number,
  type: MirrorObjectType,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const list = [...new Set(ids)];
  await q.query(
    `UPDATE ${TABLE[type]} SET archived = true, synced_at = now() WHERE portal_id = $1 AND id = ANY($2::text[])`,
    [portalId, list],
  );
  if (type === 'companies') {
    for (const table of ['assoc_contact_company', 'assoc_deal_company', 'assoc_engagement_company'])
      await q.query(`DELETE FROM ${table} WHERE portal_id = $1 AND company_id = ANY($2::text[])`, [
        portalId,
        list,
      ]);
    return list;
  }
  const affected = await replaceCompanyLinks(q, portalId, type, list, []);
  if (type === 'contacts') {
    await q.query(
      'DELETE FROM assoc_engagement_contact WHERE portal_id = $1 AND contact_id = ANY($2::text[])',
      [portalId, list],
    );
  } else if (isEngagementType(type)) {
    await replaceEngagementContacts(q, portalId, list, []);
  }
  return affected;
}

/** Live company ids of the portal, `limit` at a time after `afterId` (keyset paging in text order). */
export async function companyIdsPage(
  q: Queryable,
  portalId: number,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM mirror_companies
      WHERE portal_id = $1 AND NOT archived AND ($2::text IS NULL OR id > $2::text)
      ORDER BY id LIMIT $3`,
    [portalId, afterId, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Refreshes the planner's statistics of the mirror after a bulk load: right
 * after a backfill they describe empty tables (PGlite runs no autovacuum;
 * PostgreSQL's comes later), and joins planned for a few rows crawl.
 */
export async function analyzeMirror(q: Queryable): Promise<void> {
  await q.query(
    `ANALYZE mirror_companies, mirror_contacts, mirror_deals, mirror_engagements,
             assoc_contact_company, assoc_deal_company, assoc_engagement_company, assoc_engagement_contact`,
  );
}
