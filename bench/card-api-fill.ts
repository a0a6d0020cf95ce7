import {
  createDemoContext,
  generateDemoCompanies,
  DEFAULT_AS_OF,
  DEFAULT_TIME_ZONE,
} from '../src/demo/index.js';
import type { Settings } from '../src/domain/settings.js';
import type { Account } from '../src/domain/snapshot.js';
import type { Db } from '../src/store/db.js';
import { upsertEvaluations } from '../src/sync/evaluation-store.js';
import { groupAccountRecords } from '../src/sync/group-records.js';
import { commitFullPass } from '../src/sync/portfolio-cache.js';
import { runPortfolioPass, type PassItem } from '../src/sync/portfolio-pass.js';
import { getSettingsRecord } from '../src/sync/settings-store.js';
import type { EngagementObjectType, HubSpotRecord } from '../src/sync/records.js';
import { toAccount } from '../src/sync/to-account.js';

/**
 * The card API benchmark's store: the demo generator's portal written into the
 * mirror tables as the sync stores it (companies, contacts, deals, meetings,
 * calls, emails, their associations and the owners; plain bulk inserts, since
 * the sync's own speed is not measured here), then evaluated by
 * the engine's streamed two-pass evaluation and stored as evaluation rows
 * with the pass's statistics — what a backfill and full recompute leave
 * behind, without HubSpot.
 */

export interface FilledPortal {
  companyIds: string[];
  contactIds: string[];
  ownerIds: string[];
  segments: string[];
  counts: { companies: number; contacts: number; deals: number; engagements: number };
  asOf: string;
}

const ENGAGEMENTS: readonly EngagementObjectType[] = ['meetings', 'calls', 'emails'];
const CHUNK = 1000;

export async function fillPortal(
  db: Db,
  portalId: number,
  companies: number,
  settings: Settings,
  log: (line: string) => void,
): Promise<FilledPortal> {
  const ctx = createDemoContext({
    companies,
    seed: 42,
    asOf: DEFAULT_AS_OF,
    timeZone: DEFAULT_TIME_ZONE,
  });
  await db.query(
    `INSERT INTO portals (portal_id, install_state, installed_at, currency, time_zone)
     VALUES ($1, 'installed', now(), 'USD', $2)`,
    [portalId, DEFAULT_TIME_ZONE],
  );
  for (const o of ctx.owners)
    await db.query(
      `INSERT INTO mirror_owners (portal_id, id, user_id, email, first_name, last_name) VALUES ($1, $2, $3, $4, $5, $6)`,
      [portalId, o.id, o.userId, o.email, o.firstName, o.lastName],
    );
  await db.query(
    `INSERT INTO sync_checkpoints (portal_id, kind, progress) VALUES ($1, 'backfill:companies', '{"finished":true}')`,
    [portalId],
  );

  const out: FilledPortal = {
    companyIds: [],
    contactIds: [],
    ownerIds: ctx.owners.map((o) => o.id),
    segments: [],
    counts: { companies: 0, contacts: 0, deals: 0, engagements: 0 },
    asOf: ctx.asOf,
  };
  const accounts: Account[] = [];
  const segments = new Set<string>();
  const started = performance.now();
  let batch: Flat[] = [];
  const flush = async () => {
    await writeBatch(db, portalId, batch);
    batch = [];
  };
  for (const b of generateDemoCompanies(ctx)) {
    const flat: Flat = {
      companies: [b.company],
      contacts: b.contacts,
      deals: b.deals,
      meetings: b.meetings,
      calls: b.calls,
      emails: b.emails,
      associations: b.associations,
    };
    const [records] = groupAccountRecords(flat);
    const { account } = toAccount(records, settings);
    accounts.push(account);
    if (account.segment) segments.add(account.segment);
    out.companyIds.push(b.company.id);
    for (const c of b.contacts) out.contactIds.push(c.id);
    out.counts.companies++;
    out.counts.contacts += b.contacts.length;
    out.counts.deals += b.deals.length;
    out.counts.engagements += b.meetings.length + b.calls.length + b.emails.length;
    batch.push(flat);
    if (batch.length === CHUNK) {
      await flush();
      if (out.counts.companies % 10_000 === 0)
        log(
          `  mirror: ${out.counts.companies} companies (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
  }
  await flush();
  out.segments = [...segments];

  log('  evaluating and storing evaluations…');
  const chunks: PassItem<null>[][] = [];
  for (let i = 0; i < accounts.length; i += CHUNK)
    chunks.push(
      accounts
        .slice(i, i + CHUNK)
        .map((account) => ({ input: { account, previous: null }, meta: null })),
    );
  const pass = await runPortfolioPass(
    {
      chunks: async function* () {
        yield* chunks;
      },
    },
    settings,
    ctx.asOf,
    async (items) => {
      await upsertEvaluations(
        db,
        portalId,
        items.map((it) => ({
          evaluation: it.evaluation,
          inputHash: 'bench',
          warnings: [],
          disqualified: it.disqualified,
          trailingRevenue: it.trailingRevenue,
        })),
      );
    },
  );
  // The pass's statistics, as a full recompute commits them: a worker then re-evaluates incrementally.
  await commitFullPass(db, portalId, pass.stats, (await getSettingsRecord(db, portalId)).version);
  return out;
}

/**
 * KAM_BENCH_REUSE=1 with a PostgreSQL database that an earlier run filled at
 * the same size: measure again without filling (it takes most of the run).
 */
export async function filledBefore(
  db: Db,
  portalId: number,
  companies: number,
): Promise<FilledPortal | null> {
  if (process.env.KAM_BENCH_REUSE !== '1' || !process.env.KAM_BENCH_DATABASE_URL) return null;
  const ids = async (sql: string) =>
    (await db.query<{ id: string }>(sql, [portalId])).rows.map((r) => r.id);
  const companyIds = await ids('SELECT id FROM mirror_companies WHERE portal_id = $1 ORDER BY id');
  if (companyIds.length !== companies) return null;
  const count = async (table: string) =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE portal_id = $1`,
        [portalId],
      )
    ).rows[0].n;
  return {
    companyIds,
    contactIds: await ids('SELECT id FROM mirror_contacts WHERE portal_id = $1'),
    ownerIds: await ids('SELECT id FROM mirror_owners WHERE portal_id = $1'),
    segments: await ids(
      'SELECT DISTINCT segment AS id FROM evaluations WHERE portal_id = $1 AND segment IS NOT NULL',
    ),
    counts: {
      companies: companyIds.length,
      contacts: await count('mirror_contacts'),
      deals: await count('mirror_deals'),
      engagements: await count('mirror_engagements'),
    },
    asOf: new Date().toISOString(),
  };
}

type Flat = Parameters<typeof groupAccountRecords>[0];

/** Plain bulk inserts (one JSON parameter per table and batch): the fastest way in on both backends. */
async function bulk(
  db: Db,
  portalId: number,
  table: string,
  columns: string,
  types: string,
  rows: unknown[],
) {
  for (let i = 0; i < rows.length; i += 20_000) {
    await db.query(
      `INSERT INTO ${table} (portal_id, ${columns})
       SELECT $1, ${columns} FROM jsonb_to_recordset($2::jsonb) AS x(${types})
       ON CONFLICT DO NOTHING`,
      [portalId, JSON.stringify(rows.slice(i, i + 20_000))],
    );
  }
}

const record = (r: HubSpotRecord) => ({ id: r.id, properties: r.properties });

async function writeBatch(db: Db, portalId: number, batch: Flat[]): Promise<void> {
  const props = 'id text, properties jsonb';
  const all = (k: 'companies' | 'contacts' | 'deals') => batch.flatMap((b) => b[k].map(record));
  await bulk(db, portalId, 'mirror_companies', 'id, properties', props, all('companies'));
  await bulk(db, portalId, 'mirror_contacts', 'id, properties', props, all('contacts'));
  await bulk(db, portalId, 'mirror_deals', 'id, properties', props, all('deals'));
  const engagements = batch.flatMap((b) =>
    ENGAGEMENTS.flatMap((t) =>
      b[t].map((r) => ({
        ...record(r),
        engagement_type: t.slice(0, -1),
        occurred_at: r.properties.hs_timestamp ?? null,
      })),
    ),
  );
  await bulk(
    db,
    portalId,
    'mirror_engagements',
    'id, engagement_type, occurred_at, properties',
    'id text, engagement_type text, occurred_at timestamptz, properties jsonb',
    engagements,
  );
  // One row per pair; a pair listed twice is primary if either says so.
  const pairs = new Map<string, { table: string; from: string; to: string; primary: boolean }>();
  for (const a of batch.flatMap((b) => b.associations)) {
    const engagement = (ENGAGEMENTS as readonly string[]).includes(a.fromType);
    const table =
      a.toType === 'companies'
        ? engagement
          ? 'assoc_engagement_company'
          : `assoc_${a.fromType.slice(0, -1)}_company`
        : engagement && a.toType === 'contacts'
          ? 'assoc_engagement_contact'
          : null;
    if (!table) continue;
    const key = `${table}:${a.fromId}:${a.toId}`;
    const seen = pairs.get(key);
    pairs.set(key, {
      table,
      from: a.fromId,
      to: a.toId,
      primary: a.primary || (seen?.primary ?? false),
    });
  }
  const of = (table: string) => [...pairs.values()].filter((p) => p.table === table);
  for (const [table, from] of [
    ['assoc_contact_company', 'contact_id'],
    ['assoc_deal_company', 'deal_id'],
  ] as const)
    await bulk(
      db,
      portalId,
      table,
      `${from}, company_id, is_primary`,
      `${from} text, company_id text, is_primary boolean`,
      of(table).map((p) => ({ [from]: p.from, company_id: p.to, is_primary: p.primary })),
    );
  await bulk(
    db,
    portalId,
    'assoc_engagement_company',
    'engagement_id, company_id',
    'engagement_id text, company_id text',
    of('assoc_engagement_company').map((p) => ({ engagement_id: p.from, company_id: p.to })),
  );
  await bulk(
    db,
    portalId,
    'assoc_engagement_contact',
    'engagement_id, contact_id',
    'engagement_id text, contact_id text',
    of('assoc_engagement_contact').map((p) => ({ engagement_id: p.from, contact_id: p.to })),
  );
}
