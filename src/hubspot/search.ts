import type { Client } from '@hubspot/api-client';
import {
  FilterOperatorEnum,
  type Filter,
  type PublicObjectSearchRequest,
} from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { callHubSpot, type CallOptions } from './call.js';
import type { CrmObject } from './crm-read.js';

/**
 * "What changed between two instants", complete however much changed.
 * HubSpot's search pages through at most 10,000 results of one query, so a
 * window holding that many is split in halves until each half fits; a single
 * millisecond holding that many (a bulk import) is walked by record id instead.
 * Windows are half-open, [from, to), so adjacent windows never overlap.
 *
 * Keep `toMs` a little in the past: search is eventually consistent, and a
 * record changed while its window is being paged moves to a later window.
 */

export const SEARCH_RESULT_CAP = 10_000;
/** HubSpot's largest search page. */
export const SEARCH_PAGE_SIZE = 200;

export interface SearchWindowOptions extends CallOptions {
  /** Results one query can reach; windows holding this many are split (tests lower it). */
  cap?: number;
  /** At most 200. */
  pageSize?: number;
  /** The modification-time property; default per object type. */
  property?: string;
}

export interface SearchStats {
  calls: number;
  /** Windows paged through (after splitting). */
  windows: number;
  splits: number;
  objects: number;
}

/** Contacts keep their modification time in `lastmodifieddate`, other objects in `hs_lastmodifieddate`. */
export function modifiedDateProperty(objectType: string): string {
  return objectType === 'contacts' ? 'lastmodifieddate' : 'hs_lastmodifieddate';
}

const filter = (propertyName: string, operator: FilterOperatorEnum, value: string): Filter => ({
  propertyName,
  operator,
  value,
});

// HubSpot takes sort objects; the api-client's model types them as strings but sends them as given.
const ascending = (propertyName: string) =>
  [{ propertyName, direction: 'ASCENDING' }] as unknown as string[];

interface SearchPage {
  total: number;
  results: { id: string; properties: Record<string, string | null>; updatedAt?: Date }[];
  paging?: { next?: { after?: string } };
}

function toObject(raw: SearchPage['results'][number]): CrmObject {
  return {
    id: String(raw.id),
    properties: { ...raw.properties },
    updatedAt: raw.updatedAt instanceof Date ? raw.updatedAt.toISOString() : null,
    archived: false,
    associations: {},
  };
}

export async function searchModifiedBetween(
  client: Client,
  objectType: string,
  fromMs: number,
  toMs: number,
  properties: string[],
  onPage: (page: CrmObject[]) => Promise<void>,
  options: SearchWindowOptions = {},
): Promise<SearchStats> {
  const cap = options.cap ?? SEARCH_RESULT_CAP;
  const limit = Math.min(options.pageSize ?? SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE);
  const prop = options.property ?? modifiedDateProperty(objectType);
  const stats: SearchStats = { calls: 0, windows: 0, splits: 0, objects: 0 };

  const search = async (request: PublicObjectSearchRequest): Promise<SearchPage> => {
    stats.calls++;
    return (await callHubSpot(
      `POST /crm/v3/objects/${objectType}/search`,
      () => client.crm.objects.searchApi.doSearch(objectType, request),
      options,
    )) as SearchPage;
  };
  const deliver = async (page: SearchPage) => {
    stats.objects += page.results.length;
    if (page.results.length > 0) await onPage(page.results.map(toObject));
  };

  /** Every record modified at exactly `instant`, in id order, without offsets. */
  const walkInstant = async (instant: number) => {
    let lastId = '0';
    for (;;) {
      const page = await search({
        filterGroups: [
          {
            filters: [
              filter(prop, FilterOperatorEnum.Eq, String(instant)),
              filter('hs_object_id', FilterOperatorEnum.Gt, lastId),
            ],
          },
        ],
        sorts: ascending('hs_object_id'),
        properties,
        limit,
      });
      await deliver(page);
      if (page.results.length < limit) return;
      lastId = page.results[page.results.length - 1].id;
    }
  };

  const windows: [number, number][] = [[fromMs, toMs]];
  while (windows.length > 0) {
    const [from, to] = windows.shift() as [number, number];
    if (to <= from) continue;
    const request = (after?: string): PublicObjectSearchRequest => ({
      filterGroups: [
        {
          filters: [
            filter(prop, FilterOperatorEnum.Gte, String(from)),
            filter(prop, FilterOperatorEnum.Lt, String(to)),
          ],
        },
      ],
      sorts: ascending(prop),
      properties,
      limit,
      ...(after !== undefined ? { after } : {}),
    });
    const first = await search(request());
    if (first.total >= cap) {
      stats.splits++;
      if (to - from > 1) {
        const mid = from + Math.floor((to - from) / 2);
        windows.unshift([from, mid], [mid, to]);
      } else {
        stats.windows++;
        await walkInstant(from);
      }
      continue;
    }
    stats.windows++;
    await deliver(first);
    let after = first.paging?.next?.after;
    while (after) {
      const page = await search(request(after));
      await deliver(page);
      after = page.paging?.next?.after;
    }
  }
  return stats;
}
