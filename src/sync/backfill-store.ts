import type { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { callHubSpot } from '../hubspot/call.js';
import type { AssociatedRef, CrmObject } from '../hubspot/crm-read.js';
import type { Queryable } from '../store/db.js';
import { companyLinks, contactLinks, toMirrorRecord } from './api-records.js';
import {
  isEngagementType,
  replaceCompanyLinks,
  replaceEngagementContacts,
  upsertRecords,
  type MirrorObjectType,
} from './mirror-store.js';

/** Storing a page of backfilled records, and the counts that size a backfill. */

/** Associations read inline with each type (the list endpoint returns them; search does not). */
export function inlineAssociations(type: MirrorObjectType): string[] {
  if (type === 'companies') return [];
  return isEngagementType(type) ? ['companies', 'contacts'] : ['companies'];
}

/** Stores records with their company (and engagement contact) links. */
export async function storeRecords(
  tx: Queryable,
  portalId: number,
  type: MirrorObjectType,
  records: readonly CrmObject[],
  properties: readonly string[],
  links?: {
    companies: ReadonlyMap<string, readonly AssociatedRef[]>;
    contacts?: ReadonlyMap<string, readonly AssociatedRef[]>;
  },
): Promise<void> {
  if (records.length === 0) return;
  await upsertRecords(tx, portalId, type, records.map(toMirrorRecord), properties);
  if (type === 'companies') return;
  const ids = records.map((r) => r.id);
  await replaceCompanyLinks(tx, portalId, type, ids, companyLinks(links?.companies ?? records));
  if (isEngagementType(type))
    await replaceEngagementContacts(tx, portalId, ids, contactLinks(links?.contacts ?? records));
}

/** How many records of a type HubSpot holds (optionally with hs_timestamp ≥ fromMs): one search call. */
export async function countObjects(
  client: Client,
  type: MirrorObjectType,
  fromMs?: number,
): Promise<number> {
  const filters =
    fromMs === undefined
      ? []
      : [{ propertyName: 'hs_timestamp', operator: FilterOperatorEnum.Gte, value: String(fromMs) }];
  const res = await callHubSpot(`POST /crm/v3/objects/${type}/search`, () =>
    client.crm.objects.searchApi.doSearch(type, {
      filterGroups: filters.length > 0 ? [{ filters }] : [],
      properties: ['hs_object_id'],
      limit: 1,
    }),
  );
  return res.total;
}

/** Search pages hold 200; v4 association reads take 1,000 ids. */
export const SEARCH_PAGE = 200;
export const ASSOCIATION_BATCH = 1000;
export const LIST_PAGE = 100;

/**
 * Calls to read the engagements of the look-back window: listing everything
 * (associations inline) or searching the window (200 a page) and reading its
 * companies and contacts through v4 (1,000 ids a call each).
 */
export function engagementCallEstimate(
  all: number,
  inWindow: number,
  windows: number,
): { list: number; search: number } {
  return {
    list: Math.max(1, Math.ceil(all / LIST_PAGE)),
    search:
      Math.ceil(inWindow / SEARCH_PAGE) + 2 * Math.ceil(inWindow / ASSOCIATION_BATCH) + windows,
  };
}
