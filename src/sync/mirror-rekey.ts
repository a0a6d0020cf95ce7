import type { Queryable } from '../store/db.js';
import {
  isEngagementType,
  linkedCompanyIds,
  mirrorTable,
  type MirrorObjectType,
} from './mirror-store.js';

/**
 * Merges and privacy deletions in the mirror. A merge re-keys: the
 * merged-away records' links move to the surviving (primary) record and the
 * merged-away rows are dropped; the caller then re-reads the primary from
 * HubSpot (its merged values and links are authoritative) and recomputes the
 * companies returned. A privacy deletion removes every trace of a contact we
 * keep: its mirror row and links, its place in alert evidence, and its entries
 * in stored evaluations (committee members, decision-maker ids, alert
 * evidence, mapping warnings), with its name blanked wherever it was quoted.
 */

export interface MergeResult {
  /** Companies whose accounts changed (recompute them). */
  companyIds: string[];
  /** Merged-away companies: gone from the portfolio. */
  removedCompanyIds: string[];
}

const COMPANY_LINK_TABLES = [
  ['assoc_contact_company', 'contact_id', 'is_primary, type_ids'],
  ['assoc_deal_company', 'deal_id', 'is_primary, type_ids'],
  ['assoc_engagement_company', 'engagement_id', null],
] as const;

/** Moves links from the merged-away ids to the primary; pairs the primary already has are kept as they are. */
export async function mergeRecords(
  q: Queryable,
  portalId: number,
  type: MirrorObjectType,
  primaryId: string,
  mergedIds: readonly string[],
): Promise<MergeResult> {
  const merged = [...new Set(mergedIds)].filter((id) => id !== primaryId);
  if (merged.length === 0) return { companyIds: [], removedCompanyIds: [] };
  const p = [portalId, merged, primaryId] as const;
  if (type === 'companies') {
    for (const [table, from, extra] of COMPANY_LINK_TABLES) {
      const cols = extra ? `, ${extra}` : '';
      // A contact's primary company stays primary on the survivor.
      await q.query(
        `INSERT INTO ${table} (portal_id, ${from}, company_id${cols}, synced_at)
         SELECT portal_id, ${from}, $3${cols}, now() FROM ${table}
          WHERE portal_id = $1 AND company_id = ANY($2::text[])
         ON CONFLICT DO NOTHING`,
        p,
      );
      await q.query(`DELETE FROM ${table} WHERE portal_id = $1 AND company_id = ANY($2::text[])`, [
        portalId,
        merged,
      ]);
    }
    await dropRows(q, portalId, type, merged);
    await q.query(
      'DELETE FROM account_snapshots WHERE portal_id = $1 AND company_id = ANY($2::text[])',
      [portalId, merged],
    );
    return { companyIds: [primaryId], removedCompanyIds: merged };
  }
  const companyIds = await linkedCompanyIds(q, portalId, type, [primaryId, ...merged]);
  const [table, from, extra] =
    type === 'contacts'
      ? COMPANY_LINK_TABLES[0]
      : type === 'deals'
        ? COMPANY_LINK_TABLES[1]
        : COMPANY_LINK_TABLES[2];
  const cols = extra ? `, ${extra}` : '';
  await q.query(
    `INSERT INTO ${table} (portal_id, ${from}, company_id${cols}, synced_at)
     SELECT portal_id, $3, company_id${cols}, now() FROM ${table}
      WHERE portal_id = $1 AND ${from} = ANY($2::text[])
     ON CONFLICT DO NOTHING`,
    p,
  );
  await q.query(`DELETE FROM ${table} WHERE portal_id = $1 AND ${from} = ANY($2::text[])`, [
    portalId,
    merged,
  ]);
  if (type === 'contacts' || isEngagementType(type)) {
    const col = type === 'contacts' ? 'contact_id' : 'engagement_id';
    const other = type === 'contacts' ? 'engagement_id' : 'contact_id';
    const target = type === 'contacts' ? `${other}, $3` : `$3, ${other}`;
    await q.query(
      `INSERT INTO assoc_engagement_contact (portal_id, engagement_id, contact_id, synced_at)
       SELECT portal_id, ${target}, now() FROM assoc_engagement_contact
        WHERE portal_id = $1 AND ${col} = ANY($2::text[])
       ON CONFLICT DO NOTHING`,
      p,
    );
    await q.query(
      `DELETE FROM assoc_engagement_contact WHERE portal_id = $1 AND ${col} = ANY($2::text[])`,
      [portalId, merged],
    );
  }
  await dropRows(q, portalId, type, merged);
  return { companyIds, removedCompanyIds: [] };
}

async function dropRows(
  q: Queryable,
  portalId: number,
  type: MirrorObjectType,
  ids: readonly string[],
): Promise<void> {
  await q.query(`DELETE FROM ${mirrorTable(type)} WHERE portal_id = $1 AND id = ANY($2::text[])`, [
    portalId,
    ids,
  ]);
}

const REDACTED = '[deleted]';

/**
 * Removes one contact from a JSON value: objects naming it (`contactId`) leave
 * their array, its id leaves every array of ids, warnings about it go, and
 * its name is blanked in text. Returns a new value.
 */
export function scrubContact(value: unknown, contactId: string, names: readonly string[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const name of names) if (name.length >= 2) out = out.split(name).join(REDACTED);
    return out;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (item === contactId) continue;
      if (
        isRecord(item) &&
        (item.contactId === contactId ||
          (item.objectType === 'contacts' && item.objectId === contactId))
      )
        continue;
      out.push(scrubContact(item, contactId, names));
    }
    return out;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubContact(v, contactId, names);
    return out;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function displayNames(props: Record<string, unknown> | undefined): string[] {
  if (!props) return [];
  const text = (k: string) => (typeof props[k] === 'string' ? (props[k] as string).trim() : '');
  const full = [text('firstname'), text('lastname')].filter((s) => s !== '').join(' ');
  return [full, text('email')].filter((s) => s !== '');
}

/**
 * A contact's privacy deletion (GDPR): gone from the mirror, its links, alert
 * evidence and stored evaluations. Returns the companies to recompute.
 */
export async function purgeContact(
  q: Queryable,
  portalId: number,
  contactId: string,
): Promise<{ companyIds: string[] }> {
  const { rows: contact } = await q.query<{ properties: Record<string, unknown> }>(
    'SELECT properties FROM mirror_contacts WHERE portal_id = $1 AND id = $2',
    [portalId, contactId],
  );
  const names = displayNames(contact[0]?.properties);
  const linked = await linkedCompanyIds(q, portalId, 'contacts', [contactId]);
  await q.query('DELETE FROM mirror_contacts WHERE portal_id = $1 AND id = $2', [
    portalId,
    contactId,
  ]);
  await q.query('DELETE FROM assoc_contact_company WHERE portal_id = $1 AND contact_id = $2', [
    portalId,
    contactId,
  ]);
  await q.query('DELETE FROM assoc_engagement_contact WHERE portal_id = $1 AND contact_id = $2', [
    portalId,
    contactId,
  ]);

  const idJson = JSON.stringify(contactId);
  const { rows: alerts } = await q.query<{ id: number; evidence: unknown }>(
    `SELECT id, evidence FROM alerts WHERE portal_id = $1 AND evidence::text LIKE '%' || $2 || '%'`,
    [portalId, idJson],
  );
  for (const a of alerts) {
    await q.query('UPDATE alerts SET evidence = $2::jsonb, updated_at = now() WHERE id = $1', [
      a.id,
      JSON.stringify(scrubContact(a.evidence, contactId, names)),
    ]);
  }

  const { rows: evals } = await q.query<{
    company_id: string;
    evaluation: unknown;
    state: unknown;
    mapping_warnings: unknown;
    written: unknown;
  }>(
    `SELECT company_id, evaluation, state, mapping_warnings, written FROM evaluations
      WHERE portal_id = $1
        AND (evaluation::text LIKE '%' || $2 || '%' OR mapping_warnings::text LIKE '%' || $2 || '%')`,
    [portalId, idJson],
  );
  for (const e of evals) {
    await q.query(
      `UPDATE evaluations SET evaluation = $3::jsonb, state = $4::jsonb, mapping_warnings = $5::jsonb,
              written = $6::jsonb, revision = nextval('evaluation_revision_seq')
        WHERE portal_id = $1 AND company_id = $2`,
      [
        portalId,
        e.company_id,
        JSON.stringify(scrubContact(e.evaluation, contactId, names)),
        JSON.stringify(scrubContact(e.state, contactId, names)),
        JSON.stringify(scrubContact(e.mapping_warnings, contactId, names)),
        JSON.stringify(scrubContact(e.written, contactId, names)),
      ],
    );
  }
  const companyIds = new Set([...linked, ...evals.map((e) => e.company_id)]);
  return { companyIds: [...companyIds] };
}
