import type { Account } from '../domain/snapshot.js';
import type { Queryable } from '../store/db.js';
import type { MappingWarning } from './parse-values.js';
import type { EngagementObjectType, HubSpotRecord } from './records.js';
import {
  toAccount,
  type AccountRecords,
  type AssociatedRecord,
  type EngagementRecord,
  type MappingSettings,
} from './to-account.js';

/**
 * Everything the engine needs for a set of companies, read from the mirror in
 * four set-based queries (companies, contacts, deals, engagements of the
 * look-back window with their contacts) whatever the number of companies,
 * grouped per company and mapped with `toAccount`. Records are ordered by
 * numeric id, so the same data always gives the same Account (and hash).
 */

export interface MappedCompany {
  account: Account;
  warnings: MappingWarning[];
}

export interface LoadOptions {
  /** Engagements before this instant are outside the look-back window and not read. */
  engagementsFrom: Date;
}

const ENGAGEMENT_OBJECT: Record<string, EngagementObjectType> = {
  meeting: 'meetings',
  call: 'calls',
  email: 'emails',
};

/** Numeric-string order (HubSpot ids), without BigInt. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

type Props = Record<string, string | null>;

interface LinkedRow {
  company_id: string;
  id: string;
  properties: Props;
  primary_company_id: string | null;
}

async function linkedRecords(
  q: Queryable,
  portalId: number,
  ids: readonly string[],
  link: 'assoc_contact_company' | 'assoc_deal_company',
  from: 'contact_id' | 'deal_id',
  mirror: 'mirror_contacts' | 'mirror_deals',
): Promise<LinkedRow[]> {
  const { rows } = await q.query<LinkedRow>(
    // The primary company by index lookup per row: a plan that does not depend on fresh statistics.
    `SELECT a.company_id, r.id, r.properties,
            (SELECT p.company_id FROM ${link} p
              WHERE p.portal_id = a.portal_id AND p.${from} = a.${from} AND p.is_primary
              LIMIT 1) AS primary_company_id
       FROM ${link} a
       JOIN ${mirror} r ON r.portal_id = a.portal_id AND r.id = a.${from} AND NOT r.archived
      WHERE a.portal_id = $1 AND a.company_id = ANY($2::text[])`,
    [portalId, ids],
  );
  return rows;
}

/** The mirror's records for these companies (missing or archived companies are absent). */
export async function loadAccountRecords(
  q: Queryable,
  portalId: number,
  companyIds: readonly string[],
  options: LoadOptions,
): Promise<Map<string, AccountRecords>> {
  const out = new Map<string, AccountRecords>();
  if (companyIds.length === 0) return out;
  const ids = [...new Set(companyIds)];
  const companies = await q.query<{ id: string; properties: Props }>(
    `SELECT id, properties FROM mirror_companies
      WHERE portal_id = $1 AND id = ANY($2::text[]) AND NOT archived`,
    [portalId, ids],
  );
  interface Slot {
    company: HubSpotRecord;
    contacts: AssociatedRecord[];
    deals: AssociatedRecord[];
    engagements: EngagementRecord[];
  }
  const slots = new Map<string, Slot>();
  for (const c of companies.rows)
    slots.set(c.id, {
      company: { id: c.id, properties: c.properties },
      contacts: [],
      deals: [],
      engagements: [],
    });
  if (slots.size === 0) return out;
  const live = [...slots.keys()];

  const [contacts, deals, engagements] = await Promise.all([
    linkedRecords(q, portalId, live, 'assoc_contact_company', 'contact_id', 'mirror_contacts'),
    linkedRecords(q, portalId, live, 'assoc_deal_company', 'deal_id', 'mirror_deals'),
    q.query<{
      company_id: string;
      id: string;
      engagement_type: string;
      properties: Props;
      contact_ids: string[] | null;
    }>(
      `SELECT a.company_id, e.id, e.engagement_type, e.properties,
              (SELECT array_agg(ec.contact_id) FROM assoc_engagement_contact ec
                WHERE ec.portal_id = a.portal_id AND ec.engagement_id = a.engagement_id) AS contact_ids
         FROM assoc_engagement_company a
         JOIN mirror_engagements e ON e.portal_id = a.portal_id AND e.id = a.engagement_id AND NOT e.archived
        WHERE a.portal_id = $1 AND a.company_id = ANY($2::text[])
          AND (e.occurred_at IS NULL OR e.occurred_at >= $3)`,
      [portalId, live, options.engagementsFrom],
    ),
  ]);
  for (const r of contacts)
    slots.get(r.company_id)?.contacts.push({
      id: r.id,
      properties: r.properties,
      primaryCompanyId: r.primary_company_id,
    });
  for (const r of deals)
    slots.get(r.company_id)?.deals.push({
      id: r.id,
      properties: r.properties,
      primaryCompanyId: r.primary_company_id,
    });

  for (const e of engagements.rows) {
    const type = ENGAGEMENT_OBJECT[e.engagement_type];
    if (!type) continue;
    slots.get(e.company_id)?.engagements.push({
      type,
      record: { id: e.id, properties: e.properties },
      contactIds: (e.contact_ids ?? []).sort(compareIds),
    });
  }

  for (const id of [...slots.keys()].sort(compareIds)) {
    const s = slots.get(id) as Slot;
    out.set(id, sortRecords(s));
  }
  return out;
}

/** The canonical order of an account's records (by id), shared by every caller that maps records. */
export function sortRecords(records: AccountRecords): AccountRecords {
  return {
    company: records.company,
    contacts: [...records.contacts].sort((a, b) => compareIds(a.id, b.id)),
    deals: [...records.deals].sort((a, b) => compareIds(a.id, b.id)),
    engagements: [...records.engagements].sort((a, b) => compareIds(a.record.id, b.record.id)),
  };
}

/** Loads and maps the accounts of these companies. */
export async function loadAccounts(
  q: Queryable,
  portalId: number,
  companyIds: readonly string[],
  settings: MappingSettings,
  options: LoadOptions,
): Promise<Map<string, MappedCompany>> {
  const records = await loadAccountRecords(q, portalId, companyIds, options);
  const out = new Map<string, MappedCompany>();
  for (const [id, r] of records) out.set(id, toAccount(r, settings));
  return out;
}

/** Start of the engagement look-back window for an evaluation at `asOf`. */
export function engagementsFrom(asOf: Date, lookbackDays: number): Date {
  return new Date(asOf.getTime() - lookbackDays * 86_400_000);
}
