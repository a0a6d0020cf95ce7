import { engineReadProperties } from '../../src/hubspot/data-model.js';
import { settingsSchema } from '../../src/domain/settings.js';
import type { Answer, RequestSpec } from './load.js';

/**
 * The calls the app makes against HubSpot, as request generators for the
 * sandbox benchmark, with the app's own property lists (engineReadProperties)
 * and page sizes. Ids are drawn from samples of the seeded portal.
 */

export interface PortalSample {
  ids: { companies: number[]; contacts: number[]; deals: number[] };
  /** Oldest and newest deal modification time (ms). */
  dealsUpdated: [number, number];
  deals: number;
}

export interface Scenario {
  name: string;
  /** What one request is, for the docs. */
  label: string;
  next: (worker: number, last: Answer | undefined) => RequestSpec;
}

/** Seeded PRNG (mulberry32): the same requests every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BATCH = 100;
const SEARCH_PAGE = 200;
/** Search windows sized to hold about this many deals (≈ 10 pages), as the app's sync windows do. */
const SEARCH_WINDOW_RESULTS = 2_000;

export function scenarios(sample: PortalSample, seed = 7): Scenario[] {
  const random = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(random() * a.length)];
  const distinct = (a: number[], n: number): number[] => {
    const out = new Set<number>();
    while (out.size < Math.min(n, a.length)) out.add(pick(a));
    return [...out];
  };
  const props = engineReadProperties(settingsSchema.parse({}));
  const q = (names: string[]) => names.map(encodeURIComponent).join(',');

  const [lo, hi] = sample.dealsUpdated;
  const width = Math.max(
    1,
    Math.round(((hi - lo) * SEARCH_WINDOW_RESULTS) / Math.max(1, sample.deals)),
  );
  const cursors = new Map<number, { from: number; after?: string }>();
  const searchNext = (w: number, last: Answer | undefined): RequestSpec => {
    let c = cursors.get(w);
    const after = c && last ? pagingAfter(last.body) : undefined;
    if (!c || after === undefined) {
      c = { from: lo + Math.floor(random() * Math.max(1, hi - lo - width)) };
      cursors.set(w, c);
    }
    c.after = after;
    return {
      method: 'POST',
      path: '/crm/v3/objects/deals/search',
      body: {
        filterGroups: [
          {
            filters: [
              { propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(c.from) },
              {
                propertyName: 'hs_lastmodifieddate',
                operator: 'LT',
                value: String(c.from + width),
              },
            ],
          },
        ],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' }],
        properties: props.deals,
        limit: SEARCH_PAGE,
        ...(after !== undefined ? { after } : {}),
      },
    };
  };

  const tiers = ['strategic', 'potential', 'profit', 'ordinary'];
  return [
    {
      name: 'get object',
      label: 'GET /crm/v3/objects/companies/{id} with the app’s 40 company properties',
      next: () => ({
        method: 'GET',
        path: `/crm/v3/objects/companies/${pick(sample.ids.companies)}?properties=${q(props.companies)}`,
      }),
    },
    {
      name: 'list page of 100',
      label: 'GET /crm/v3/objects/contacts?limit=100 with properties and associations=companies',
      next: () => ({
        method: 'GET',
        path: `/crm/v3/objects/contacts?limit=100&after=${pick(sample.ids.contacts)}&properties=${q(props.contacts)}&associations=companies&archived=false`,
      }),
    },
    {
      name: 'batch read 100',
      label: 'POST /crm/v3/objects/deals/batch/read, 100 ids, the app’s deal properties',
      next: () => ({
        method: 'POST',
        path: '/crm/v3/objects/deals/batch/read',
        body: {
          inputs: distinct(sample.ids.deals, BATCH).map((id) => ({ id: String(id) })),
          properties: props.deals,
          propertiesWithHistory: [],
        },
      }),
    },
    {
      name: 'search',
      label: `POST /crm/v3/objects/deals/search, modified-time window of ~${SEARCH_WINDOW_RESULTS} deals paged by ${SEARCH_PAGE}`,
      next: searchNext,
    },
    {
      name: 'v4 batch read associations',
      label: 'POST /crm/v4/associations/companies/contacts/batch/read, 100 ids',
      next: () => ({
        method: 'POST',
        path: '/crm/v4/associations/companies/contacts/batch/read',
        body: { inputs: distinct(sample.ids.companies, BATCH).map((id) => ({ id: String(id) })) },
      }),
    },
    {
      name: 'batch update 100',
      label: 'POST /crm/v3/objects/companies/batch/update, 100 companies × 4 kam_* values',
      next: () => ({
        method: 'POST',
        path: '/crm/v3/objects/companies/batch/update',
        body: {
          inputs: distinct(sample.ids.companies, BATCH).map((id) => ({
            id: String(id),
            properties: {
              kam_score: String(Math.round(random() * 100)),
              kam_health: String(Math.round(random() * 100)),
              kam_rank_pct: String(1 + Math.floor(random() * 100)),
              kam_tier: pick(tiers),
            },
          })),
        },
      }),
    },
  ];
}

function pagingAfter(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { paging?: { next?: { after?: unknown } } };
    const after = parsed.paging?.next?.after;
    return typeof after === 'string' ? after : undefined;
  } catch {
    return undefined;
  }
}
