import { Router } from 'express';
import { z } from 'zod';
import { HubSpotError } from '../errors.js';
import type { ObjectTypeDef } from '../portal/object-types.js';
import type { PortalState } from '../portal/portal-state.js';
import { OPERATORS } from '../portal/search-filters.js';
import type { RecordView } from '../portal/derived-properties.js';
import { CrmRecord } from '../portal/record.js';
import { SEARCH_LIMITS, searchHits, searchView, type SearchQuery } from '../portal/search.js';
import type { Sandbox } from '../sandbox.js';
import { param, parseBody, portalOf, sendJsonBytes } from './http.js';
import { answerBytes } from './json-bytes.js';
import { recordBytesWriter } from './record-bytes.js';
import { warmRecords } from './warm-records.js';

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const searchInput = z.object({
  filterGroups: z
    .array(
      z.object({
        filters: z.array(
          z.object({
            propertyName: z.string(),
            operator: z.enum(OPERATORS),
            value: text.optional(),
            highValue: text.optional(),
            values: z.array(text).optional(),
          }),
        ),
      }),
    )
    .default([]),
  sorts: z
    .array(
      z.union([
        z
          .string()
          .transform((s) =>
            s.startsWith('-')
              ? { propertyName: s.slice(1), direction: 'DESCENDING' as const }
              : { propertyName: s, direction: 'ASCENDING' as const },
          ),
        z.object({
          propertyName: z.string(),
          direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
        }),
      ]),
    )
    .default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.coerce.number().int().min(0).default(10),
  after: z.union([z.string(), z.number()]).optional(),
});

/** Recent result lists, so paging through one search does not re-run it each page. */
interface CachedSearch {
  generation: number;
  hits: RecordView[];
}
const caches = new WeakMap<PortalState, Map<string, CachedSearch>>();
const CACHE_SIZE = 32;

function cachedSearch(portal: PortalState, type: ObjectTypeDef, q: SearchQuery): RecordView[] {
  const generation = portal.core.store(type).generation;
  if (portal.searchIndexLagMs > 0) return searchHits(portal.core, type, q);
  let cache = caches.get(portal);
  if (!cache) caches.set(portal, (cache = new Map()));
  const key = `${type.name}\u0000${JSON.stringify(q)}`;
  const hit = cache.get(key);
  if (hit && hit.generation === generation) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.hits;
  }
  const hits = searchHits(portal.core, type, q);
  cache.set(key, { generation, hits });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return hits;
}

/** POST /crm/v3/objects/{type}/search with HubSpot's limits and its 10,000-result window. */
export function searchRouter(sandbox: Sandbox): Router {
  const r = Router();
  r.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const portal = portalOf(sandbox, res);
    const type = portal.type(param(req, 'objectType'));
    const body = parseBody(searchInput, req);
    const limit = body.limit === 0 ? 10 : body.limit;
    if (limit > SEARCH_LIMITS.pageSize) {
      throw new HubSpotError(
        400,
        `limit must be less than or equal to ${SEARCH_LIMITS.pageSize}, got ${limit}`,
        { category: 'VALIDATION_ERROR' },
      );
    }
    const after = body.after === undefined || body.after === '' ? 0 : Number(body.after);
    if (!Number.isInteger(after) || after < 0)
      throw new HubSpotError(400, `after must be a non-negative integer, got ${body.after}`, {
        category: 'VALIDATION_ERROR',
      });
    // HubSpot still hands out paging.next at the window's edge; the page after it is the 400.
    if (after >= SEARCH_LIMITS.window) {
      throw new HubSpotError(
        400,
        `Search results are limited to ${SEARCH_LIMITS.window} records; after=${after} is past that. Narrow the search instead.`,
        {
          category: 'VALIDATION_ERROR',
          context: { after: [String(after)], limit: [String(limit)] },
        },
      );
    }
    const searchable = type.custom
      ? portal.schemas.get(type.objectTypeId).searchableProperties
      : undefined;
    const hits = cachedSearch(portal, type, {
      filterGroups: body.filterGroups,
      sorts: body.sorts,
      query: body.query,
      searchable,
    });
    const now = portal.core.now();
    const write = recordBytesWriter(portal.core, type, { properties: body.properties });
    const w = answerBytes.reset();
    w.ascii('{"total":');
    w.num(hits.length);
    w.ascii(',"results":[');
    let n = 0;
    const page = hits.slice(after, after + limit);
    warmRecords(page);
    for (const hit of page) {
      // What search sees now: the record as it is (hits are mostly the records themselves), or a snapshot.
      const rec = hit instanceof CrmRecord ? hit : portal.core.record(type, hit.id);
      const view = rec && searchView(rec, now);
      // What search sees is never archived (searchView leaves archived records out).
      if (!view) continue;
      w.comma(n++);
      write(w, view);
    }
    w.ascii(']');
    if (after + limit < hits.length) {
      w.ascii(',"paging":{"next":{"after":');
      w.str(String(after + limit));
      w.ascii('}}');
    }
    w.ascii('}');
    sendJsonBytes(res, 200, w.handOver());
  });
  return r;
}
