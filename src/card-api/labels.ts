import type { Queryable } from '../store/db.js';

/**
 * Names for the ids our answers mention, from the mirror: HubSpot owners
 * (company owners and account-team users), deals and companies.
 */

export interface NamedRecord {
  id: string;
  name: string;
}

const byNumericId = (a: NamedRecord, b: NamedRecord) =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The portal's owners, by id. */
export async function ownersOf(q: Queryable, portalId: number): Promise<NamedRecord[]> {
  const { rows } = await q.query<{
    id: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
  }>(
    `SELECT id, first_name, last_name, email FROM mirror_owners
      WHERE portal_id = $1 AND NOT archived`,
    [portalId],
  );
  return rows
    .map((r) => {
      const full = [r.first_name, r.last_name]
        .filter((p) => p && p.trim() !== '')
        .join(' ')
        .trim();
      return { id: r.id, name: full || r.email || `#${r.id}` };
    })
    .sort(byNumericId);
}

export async function dealNames(
  q: Queryable,
  portalId: number,
  ids: readonly string[],
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (ids.length === 0) return out;
  const { rows } = await q.query<{ id: string; name: string | null }>(
    `SELECT id, properties->>'dealname' AS name FROM mirror_deals
      WHERE portal_id = $1 AND id = ANY($2::text[])`,
    [portalId, [...new Set(ids)]],
  );
  for (const r of rows) out[r.id] = r.name && r.name.trim() !== '' ? r.name : `#${r.id}`;
  return out;
}

/** A company's display name (HubSpot's `name`, else its domain, else its id). */
export function companyNameOf(
  properties: Record<string, string | null> | null,
  id: string,
): string {
  const name = properties?.name?.trim();
  if (name) return name;
  const domain = properties?.domain?.trim();
  return domain || `#${id}`;
}

/** A contact's display name (first and last name, else email, else its id). */
export function contactNameOf(
  properties: Record<string, string | null> | null,
  id: string,
): string {
  const full = [properties?.firstname, properties?.lastname]
    .map((p) => p?.trim())
    .filter((p): p is string => !!p)
    .join(' ');
  return full || properties?.email?.trim() || `#${id}`;
}
