import type { Association, EngagementObjectType, HubSpotRecord } from './records.js';
import type { AccountRecords, AssociatedRecord, EngagementRecord } from './to-account.js';

/**
 * Groups flat records and associations (a demo portal, a sandbox export) into
 * one `AccountRecords` per company, the way a mirror reads them: a contact or
 * deal linked to several companies appears under each, tagged with its
 * primary company, and `toAccount` decides what counts where.
 */

export interface FlatRecords {
  companies: readonly HubSpotRecord[];
  contacts: readonly HubSpotRecord[];
  deals: readonly HubSpotRecord[];
  meetings: readonly HubSpotRecord[];
  calls: readonly HubSpotRecord[];
  emails: readonly HubSpotRecord[];
  associations: readonly Association[];
}

const ENGAGEMENT_TYPES: readonly EngagementObjectType[] = ['meetings', 'calls', 'emails'];

export function groupAccountRecords(flat: FlatRecords): AccountRecords[] {
  const byId = {
    contacts: index(flat.contacts),
    deals: index(flat.deals),
    meetings: index(flat.meetings),
    calls: index(flat.calls),
    emails: index(flat.emails),
  };
  const primaryOf = new Map<string, string>();
  const linked = new Map<
    string,
    { contacts: string[]; deals: string[]; engagements: [EngagementObjectType, string][] }
  >();
  const engagementContacts = new Map<string, string[]>();
  const slot = (companyId: string) => {
    let s = linked.get(companyId);
    if (!s) {
      s = { contacts: [], deals: [], engagements: [] };
      linked.set(companyId, s);
    }
    return s;
  };

  for (const a of flat.associations) {
    const fromEngagement = (ENGAGEMENT_TYPES as readonly string[]).includes(a.fromType);
    if (a.toType === 'companies' && (a.fromType === 'contacts' || a.fromType === 'deals')) {
      slot(a.toId)[a.fromType].push(a.fromId);
      if (a.primary) primaryOf.set(`${a.fromType}:${a.fromId}`, a.toId);
    } else if (a.toType === 'companies' && fromEngagement) {
      slot(a.toId).engagements.push([a.fromType as EngagementObjectType, a.fromId]);
    } else if (a.toType === 'contacts' && fromEngagement) {
      const key = `${a.fromType}:${a.fromId}`;
      const list = engagementContacts.get(key);
      if (list) list.push(a.toId);
      else engagementContacts.set(key, [a.toId]);
    }
  }

  const tagged = (type: 'contacts' | 'deals', id: string): AssociatedRecord | null => {
    const record = byId[type].get(id);
    return record ? { ...record, primaryCompanyId: primaryOf.get(`${type}:${id}`) ?? null } : null;
  };

  return flat.companies.map((company) => {
    const s = linked.get(company.id) ?? { contacts: [], deals: [], engagements: [] };
    const engagements: EngagementRecord[] = [];
    for (const [type, id] of s.engagements) {
      const record = byId[type].get(id);
      if (record)
        engagements.push({
          type,
          record,
          contactIds: engagementContacts.get(`${type}:${id}`) ?? [],
        });
    }
    return {
      company,
      contacts: s.contacts.map((id) => tagged('contacts', id)).filter((r) => r !== null),
      deals: s.deals.map((id) => tagged('deals', id)).filter((r) => r !== null),
      engagements,
    };
  });
}

function index(records: readonly HubSpotRecord[]): Map<string, HubSpotRecord> {
  const m = new Map<string, HubSpotRecord>();
  for (const r of records) m.set(r.id, r);
  return m;
}
