import type { Client } from '@hubspot/api-client';
import { kamProperties } from '../hubspot/data-model.js';
import { callHubSpot } from '../hubspot/call.js';
import type { Queryable } from '../store/db.js';

/**
 * The owners mirror (`mirror_owners`), so cards and the portfolio can name
 * company owners and account-team users, and alerts can tell a deactivated
 * owner. HubSpot sends no webhook for owners, so the whole list (active, then
 * archived; 500 a page, usually one call each) is read at backfill, by each
 * reconciliation, and whenever a synced company names an owner the mirror
 * does not know yet.
 */

const OWNER_PAGE = 500;

/** Company properties whose value is an owner id. */
export const OWNER_ID_PROPERTIES: readonly string[] = [
  'hubspot_owner_id',
  ...kamProperties.companies.filter((p) => p.referencedObjectType === 'OWNER').map((p) => p.name),
];

interface OwnerRow {
  id: string;
  userId: number | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  archived: boolean;
  teams: unknown;
}

async function listOwners(client: Client, archived: boolean): Promise<OwnerRow[]> {
  const out: OwnerRow[] = [];
  let after: string | undefined;
  do {
    const page = await callHubSpot('GET /crm/v3/owners', () =>
      client.crm.owners.ownersApi.getPage(undefined, after, OWNER_PAGE, archived),
    );
    for (const o of page.results)
      out.push({
        id: String(o.id),
        userId: o.userId ?? null,
        email: o.email ?? null,
        firstName: o.firstName ?? null,
        lastName: o.lastName ?? null,
        archived,
        teams: o.teams ?? [],
      });
    after = page.paging?.next?.after;
  } while (after);
  return out;
}

/**
 * Reads every owner and replaces the portal's rows; an owner HubSpot no
 * longer lists at all is kept (old alerts still name it) but marked archived.
 */
export async function refreshOwners(
  db: Queryable,
  portalId: number,
  client: Client,
): Promise<{ active: number; archived: number }> {
  const active = await listOwners(client, false);
  const archived = await listOwners(client, true);
  const activeIds = new Set(active.map((o) => o.id));
  // An id in both lists (HubSpot re-activated a user) counts as active.
  const rows = [...active, ...archived.filter((o) => !activeIds.has(o.id))];
  await db.query(
    `INSERT INTO mirror_owners (portal_id, id, user_id, email, first_name, last_name, archived, data, synced_at)
     SELECT $1, u.id, u.user_id, u.email, u.first_name, u.last_name, u.archived,
            jsonb_build_object('teams', u.teams), now()
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::jsonb[])
         AS u(id, user_id, email, first_name, last_name, archived, teams)
     ON CONFLICT (portal_id, id) DO UPDATE SET
       user_id = EXCLUDED.user_id, email = EXCLUDED.email, first_name = EXCLUDED.first_name,
       last_name = EXCLUDED.last_name, archived = EXCLUDED.archived, data = EXCLUDED.data,
       synced_at = EXCLUDED.synced_at`,
    [
      portalId,
      rows.map((o) => o.id),
      rows.map((o) => o.userId),
      rows.map((o) => o.email),
      rows.map((o) => o.firstName),
      rows.map((o) => o.lastName),
      rows.map((o) => o.archived),
      rows.map((o) => JSON.stringify(o.teams)),
    ],
  );
  await db.query(
    `UPDATE mirror_owners SET archived = true, synced_at = now()
      WHERE portal_id = $1 AND NOT archived AND NOT (id = ANY($2::text[]))`,
    [portalId, rows.map((o) => o.id)],
  );
  return { active: active.length, archived: rows.length - active.length };
}

/** Owner ids a refresh did not find, by `portal:id` → when: not asked for again for an hour. */
const notListed = new Map<string, number>();
const RETRY_UNLISTED_MS = 3_600_000;

/**
 * After companies were synced: when one names an owner the mirror does not
 * know (an owner change to a new user), reads the owners again. An id that a
 * refresh did not list is not asked for again for an hour, so a burst of
 * changes naming it costs one refresh.
 */
export async function refreshOwnersFor(
  db: Queryable,
  portalId: number,
  client: Client,
  records: readonly { properties: Record<string, string | null> }[],
  nowMs: number,
): Promise<boolean> {
  const unknown = (await unknownOwnerIds(db, portalId, records)).filter(
    (id) => nowMs - (notListed.get(`${portalId}:${id}`) ?? -Infinity) >= RETRY_UNLISTED_MS,
  );
  if (unknown.length === 0) return false;
  await refreshOwners(db, portalId, client);
  for (const id of await unknownOwnerIds(db, portalId, records))
    notListed.set(`${portalId}:${id}`, nowMs);
  return true;
}

/** Owner ids named by these company records that the mirror does not hold. */
export async function unknownOwnerIds(
  db: Queryable,
  portalId: number,
  records: readonly { properties: Record<string, string | null> }[],
): Promise<string[]> {
  const named = new Set<string>();
  for (const r of records)
    for (const p of OWNER_ID_PROPERTIES) {
      const v = r.properties[p];
      if (v) named.add(v);
    }
  if (named.size === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM mirror_owners WHERE portal_id = $1 AND id = ANY($2::text[])',
    [portalId, [...named]],
  );
  const known = new Set(rows.map((r) => r.id));
  return [...named].filter((id) => !known.has(id));
}
