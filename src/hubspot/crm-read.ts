import type { Client } from '@hubspot/api-client';
import { fromInline, fromV4, type AssociatedRef } from './associations.js';
import { callHubSpot, type CallOptions } from './call.js';

/**
 * Reading CRM records at the fewest calls: lists of 100 with associations
 * inline (the v3 list returns them; v3 batch read does not, so associations of
 * records read by id come from the v4 batch endpoint), batch reads of 100, v4
 * association reads of 1,000. Every call goes through callHubSpot (retries,
 * typed errors). Search in date windows lives in search.ts.
 */

export type { AssociatedRef } from './associations.js';
export { searchModifiedBetween, modifiedDateProperty } from './search.js';
export type { SearchWindowOptions, SearchStats } from './search.js';

export interface CrmObject {
  id: string;
  properties: Record<string, string | null>;
  /** ISO time of the last change, as HubSpot reports it. */
  updatedAt: string | null;
  archived: boolean;
  /** By requested object type (e.g. `companies`); present for every type asked for. */
  associations: Record<string, AssociatedRef[]>;
}

export const LIST_PAGE_SIZE = 100;
export const BATCH_READ_SIZE = 100;
/** HubSpot's v4 association batch read takes up to 1,000 ids. */
export const ASSOCIATION_BATCH_SIZE = 1000;

export interface ListOptions extends CallOptions {
  properties: string[];
  /** Object types whose associations come inline, e.g. `['companies']`. */
  associations?: string[];
  /** Resume after this cursor (the `nextAfter` of a page already handled). */
  after?: string;
  /** At most 100 (HubSpot's maximum). */
  pageSize?: number;
}

interface ApiObject {
  id: string;
  properties: Record<string, string | null>;
  updatedAt?: Date | string;
  archived?: boolean;
  associations?: Record<
    string,
    { results: { id: string; type: string }[]; paging?: { next?: { after?: string } } }
  >;
}

function isoOf(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

function toCrmObject(raw: ApiObject, fromType: string, assocTypes: readonly string[]): CrmObject {
  const associations: Record<string, AssociatedRef[]> = {};
  const inline = raw.associations ?? {};
  for (const toType of assocTypes) {
    const key = Object.keys(inline).find((k) => k.toLowerCase() === toType.toLowerCase());
    associations[toType] = key ? fromInline(fromType, toType, inline[key].results) : [];
  }
  return {
    id: String(raw.id),
    properties: { ...raw.properties },
    updatedAt: isoOf(raw.updatedAt),
    archived: raw.archived ?? false,
    associations,
  };
}

/** Records whose inline associations were cut short (more than HubSpot returns inline). */
function truncatedInline(raws: readonly ApiObject[], toType: string): string[] {
  return raws
    .filter((r) =>
      Object.entries(r.associations ?? {}).some(
        ([k, v]) => k.toLowerCase() === toType.toLowerCase() && v.paging?.next?.after,
      ),
    )
    .map((r) => String(r.id));
}

/**
 * Pages through every live record of a type. `onPage` gets each page and the
 * cursor after it (undefined on the last page): store the cursor once the page
 * is handled and pass it back as `after` to resume after a crash.
 */
export async function listAllObjects(
  client: Client,
  objectType: string,
  options: ListOptions,
  onPage: (page: CrmObject[], nextAfter: string | undefined) => Promise<void>,
): Promise<{ pages: number; objects: number }> {
  const assocTypes = options.associations ?? [];
  const limit = Math.min(options.pageSize ?? LIST_PAGE_SIZE, LIST_PAGE_SIZE);
  let after = options.after;
  let pages = 0;
  let objects = 0;
  for (;;) {
    const page = await callHubSpot(
      `GET /crm/v3/objects/${objectType}`,
      () =>
        client.crm.objects.basicApi.getPage(
          objectType,
          limit,
          after,
          options.properties,
          undefined,
          assocTypes.length > 0 ? assocTypes : undefined,
          false,
        ),
      options,
    );
    const raws = page.results as ApiObject[];
    const records = raws.map((r) => toCrmObject(r, objectType, assocTypes));
    for (const toType of assocTypes) {
      const cut = truncatedInline(raws, toType);
      if (cut.length === 0) continue;
      const full = await batchReadAssociations(client, objectType, toType, cut, options);
      for (const r of records) {
        const refs = full.get(r.id);
        if (refs) r.associations[toType] = refs;
      }
    }
    const next = page.paging?.next?.after;
    pages++;
    objects += records.length;
    await onPage(records, next);
    if (!next) return { pages, objects };
    after = next;
  }
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Records by id, 100 per call; ids that do not exist (deleted, never were) are reported, not thrown. */
export async function batchReadObjects(
  client: Client,
  objectType: string,
  ids: readonly string[],
  properties: string[],
  options: CallOptions = {},
): Promise<{ objects: CrmObject[]; missing: string[] }> {
  const unique = [...new Set(ids.map(String))];
  const objects: CrmObject[] = [];
  const found = new Set<string>();
  for (const chunk of chunks(unique, BATCH_READ_SIZE)) {
    const res = await callHubSpot(
      `POST /crm/v3/objects/${objectType}/batch/read`,
      () =>
        client.crm.objects.batchApi.read(
          objectType,
          { inputs: chunk.map((id) => ({ id })), properties, propertiesWithHistory: [] },
          false,
        ),
      options,
    );
    for (const raw of res.results as ApiObject[]) {
      const record = toCrmObject(raw, objectType, []);
      objects.push(record);
      found.add(record.id);
    }
  }
  return { objects, missing: unique.filter((id) => !found.has(id)) };
}

/**
 * Associations of many records through the v4 batch endpoint (1,000 ids per
 * call, following each record's own paging). Every id asked for gets an
 * entry; HubSpot reports records without associations as errors, which here
 * simply mean an empty list.
 */
export async function batchReadAssociations(
  client: Client,
  fromType: string,
  toType: string,
  ids: readonly string[],
  options: CallOptions & { chunkSize?: number } = {},
): Promise<Map<string, AssociatedRef[]>> {
  const result = new Map<string, AssociatedRef[]>();
  const unique = [...new Set(ids.map(String))];
  for (const id of unique) result.set(id, []);
  let pending: { id: string; after?: string }[] = unique.map((id) => ({ id }));
  const size = Math.min(options.chunkSize ?? ASSOCIATION_BATCH_SIZE, ASSOCIATION_BATCH_SIZE);
  while (pending.length > 0) {
    const next: { id: string; after: string }[] = [];
    for (const chunk of chunks(pending, size)) {
      const res = await callHubSpot(
        `POST /crm/v4/associations/${fromType}/${toType}/batch/read`,
        () => client.crm.associations.v4.batchApi.getPage(fromType, toType, { inputs: chunk }),
        options,
      );
      for (const item of res.results) {
        const fromId = String(item._from.id);
        result.set(fromId, [...(result.get(fromId) ?? []), ...fromV4(item.to)]);
        const after = item.paging?.next?.after;
        if (after) next.push({ id: fromId, after });
      }
    }
    pending = next;
  }
  return result;
}
