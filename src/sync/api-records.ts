import type { AssociatedRef, CrmObject } from '../hubspot/crm-read.js';
import type { CompanyLink, EngagementContactLink, MirrorRecord } from './mirror-store.js';

/** crm-read's records and associations in the mirror's shapes. */

export function toMirrorRecord(r: CrmObject): MirrorRecord {
  return { id: r.id, properties: r.properties, updatedAt: r.updatedAt };
}

/** Company links of records, from inline associations (`r.associations.companies`) or a v4 map. */
export function companyLinks(
  source: readonly CrmObject[] | ReadonlyMap<string, readonly AssociatedRef[]>,
): CompanyLink[] {
  const out: CompanyLink[] = [];
  const add = (fromId: string, refs: readonly AssociatedRef[] | undefined) => {
    for (const a of refs ?? [])
      out.push({ fromId, companyId: a.toId, primary: a.primary, typeIds: a.typeIds });
  };
  if (source instanceof Map) for (const [fromId, refs] of source) add(fromId, refs);
  else for (const r of source as readonly CrmObject[]) add(r.id, r.associations.companies);
  return out;
}

/** Engagement → contact links, from inline associations or a v4 map. */
export function contactLinks(
  source: readonly CrmObject[] | ReadonlyMap<string, readonly AssociatedRef[]>,
): EngagementContactLink[] {
  const out: EngagementContactLink[] = [];
  const add = (engagementId: string, refs: readonly AssociatedRef[] | undefined) => {
    for (const a of refs ?? []) out.push({ engagementId, contactId: a.toId });
  };
  if (source instanceof Map) for (const [id, refs] of source) add(id, refs);
  else for (const r of source as readonly CrmObject[]) add(r.id, r.associations.contacts);
  return out;
}

/** `hs_merged_object_ids` ("12;34") → the ids merged into this record. */
export function mergedIdsOf(r: CrmObject): string[] {
  const v = r.properties.hs_merged_object_ids;
  if (!v) return [];
  return v
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter((s) => /^\d+$/.test(s) && s !== r.id);
}
