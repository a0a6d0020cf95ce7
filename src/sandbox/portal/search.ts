import { HubSpotError } from '../errors.js';
import { readValue, type RecordView } from './derived-properties.js';
import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import { parseTime } from './property-validation.js';
import type { CrmRecord } from './record.js';
import {
  compileFilter,
  compileQuery,
  fieldNumber,
  kindOf,
  type Predicate,
  type SearchFilter,
} from './search-filters.js';

export interface SearchSort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

export interface SearchQuery {
  filterGroups: Array<{ filters: SearchFilter[] }>;
  sorts: SearchSort[];
  query?: string;
  /** Searchable properties of custom types, for `query`. */
  searchable?: string[];
}

const MODIFIED = new Set(['hs_lastmodifieddate', 'lastmodifieddate']);

/** HubSpot's documented search limits. */
export const SEARCH_LIMITS = {
  groups: 5,
  filtersPerGroup: 6,
  filtersTotal: 18,
  pageSize: 200,
  window: 10_000,
};

export function checkSearchLimits(q: SearchQuery): void {
  const groups = q.filterGroups.length;
  const total = q.filterGroups.reduce((n, g) => n + g.filters.length, 0);
  const widest = Math.max(0, ...q.filterGroups.map((g) => g.filters.length));
  const fail = (message: string) =>
    new HubSpotError(400, message, {
      category: 'VALIDATION_ERROR',
      subCategory: 'SEARCH_LIMIT_EXCEEDED',
    });
  if (groups > SEARCH_LIMITS.groups)
    throw fail(`Too many filter groups: ${groups}. The maximum is ${SEARCH_LIMITS.groups}.`);
  if (widest > SEARCH_LIMITS.filtersPerGroup)
    throw fail(
      `Too many filters in a group: ${widest}. The maximum is ${SEARCH_LIMITS.filtersPerGroup}.`,
    );
  if (total > SEARCH_LIMITS.filtersTotal)
    throw fail(
      `Too many filters: ${total}. The maximum across all groups is ${SEARCH_LIMITS.filtersTotal}.`,
    );
}

/**
 * What search sees of a record now: while the index lags, the snapshot taken
 * before its unindexed changes. Undefined when the record is not (yet) visible.
 */
export function searchView(r: CrmRecord, now: number): RecordView | undefined {
  const s = r.stale;
  if (s && s.until > now) {
    if (!s.props || s.archived) return undefined;
    return {
      id: r.id,
      createdAt: r.createdAt,
      updatedAt: s.updatedAt,
      archived: false,
      props: s.props,
    };
  }
  if (s) r.stale = undefined;
  return r.archived ? undefined : r;
}

function associationType(name: string): string | undefined {
  return name.startsWith('associations.') ? name.slice('associations.'.length) : undefined;
}

/** Candidate records for one AND-group from an index, or undefined to scan the table. */
function candidates(
  core: PortalCore,
  type: ObjectTypeDef,
  filters: SearchFilter[],
): Iterable<CrmRecord> | undefined {
  const store = core.store(type);
  const byIds = (ids: Iterable<number>) => [...ids].flatMap((id) => store.get(id) ?? []);
  for (const f of filters) {
    const values =
      f.operator === 'EQ' && f.value !== undefined
        ? [String(f.value)]
        : f.operator === 'IN'
          ? (f.values ?? []).map(String)
          : undefined;
    if (!values) continue;
    if (f.propertyName === 'hs_object_id')
      return byIds(values.filter((v) => /^\d+$/.test(v)).map(Number));
    const other = associationType(f.propertyName);
    const to = other && core.types.resolve(other);
    if (to) {
      const ids = new Set<number>();
      for (const v of values)
        if (/^\d+$/.test(v))
          for (const id of core.associations.targetIds(to.name, Number(v), type.name)) ids.add(id);
      return byIds([...ids].sort((a, b) => a - b));
    }
  }
  const window = modifiedWindow(core, type, filters);
  if (window) {
    // While a search snapshot is in force a record may show an older time than its log entry, so only bound below.
    const exact = core.staleUntil <= core.now();
    return store.modifiedBetween(window.since, exact ? window.until : Infinity);
  }
  return undefined;
}

/**
 * The modification-time range an AND-group allows, widened by 1 ms each side
 * (values compare at whole milliseconds), or undefined without a lower bound.
 */
function modifiedWindow(
  core: PortalCore,
  type: ObjectTypeDef,
  filters: SearchFilter[],
): { since: number; until: number } | undefined {
  let since = -Infinity;
  let until = Infinity;
  for (const f of filters) {
    if (!MODIFIED.has(f.propertyName) || f.value === undefined) continue;
    if (kindOf(core, type, f.propertyName) !== 'time') continue;
    const t = parseTime(String(f.value));
    if (Number.isNaN(t)) continue;
    const op = f.operator;
    if (op === 'GT' || op === 'GTE' || op === 'BETWEEN' || op === 'EQ')
      since = Math.max(since, t - 1);
    if (op === 'LT' || op === 'LTE' || op === 'EQ') until = Math.min(until, t + 1);
    if (op === 'BETWEEN' && f.highValue !== undefined) {
      const hi = parseTime(String(f.highValue));
      if (!Number.isNaN(hi)) until = Math.min(until, hi + 1);
    }
  }
  return since === -Infinity ? undefined : { since, until };
}

function compileGroup(core: PortalCore, type: ObjectTypeDef, filters: SearchFilter[]): Predicate {
  const preds = filters.map((f) => {
    const other = associationType(f.propertyName);
    const to = other && core.types.resolve(other);
    if (!to) return compileFilter(core, type, f);
    const wanted = new Set((f.operator === 'IN' ? (f.values ?? []) : [f.value ?? '']).map(String));
    const hit: Predicate = (v) =>
      core.associations.targetIds(type.name, v.id, to.name).some((id) => wanted.has(String(id)));
    return f.operator === 'NEQ' || f.operator === 'NOT_IN' ? (v: RecordView) => !hit(v) : hit;
  });
  return (v) => preds.every((p) => p(v));
}

function comparator(
  core: PortalCore,
  type: ObjectTypeDef,
  sorts: SearchSort[],
): (a: RecordView, b: RecordView) => number {
  const keys = sorts.map((s) => {
    const def = core.properties.get(type.name, s.propertyName);
    const numeric = s.propertyName === 'hs_object_id' || def?.type === 'number';
    const time = def?.type === 'datetime' || def?.type === 'date';
    const field = fieldNumber(s.propertyName, numeric ? 'number' : time ? 'time' : 'text');
    if (field) return { key: field, dir: s.direction === 'DESCENDING' ? -1 : 1 };
    const key = (v: RecordView): number | string | undefined => {
      const raw = readValue(core, type, v, s.propertyName);
      if (raw === undefined) return undefined;
      return numeric ? Number(raw) : time ? parseTime(raw) : raw.toLowerCase();
    };
    return { key, dir: s.direction === 'DESCENDING' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { key, dir } of keys) {
      const x = key(a);
      const y = key(b);
      if (x === y) continue;
      if (x === undefined) return 1; // missing values last either way
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    }
    return a.id - b.id;
  };
}

/** Ids of every record matching the search, in result order. */
export function runSearch(core: PortalCore, type: ObjectTypeDef, q: SearchQuery): number[] {
  return searchHits(core, type, q).map((v) => v.id);
}

/** What search sees of every record matching the search (the record, or its snapshot), in result order. */
export function searchHits(core: PortalCore, type: ObjectTypeDef, q: SearchQuery): RecordView[] {
  checkSearchLimits(q);
  const now = core.now();
  const groups = q.filterGroups.filter((g) => g.filters.length > 0);
  const groupPreds = groups.map((g) => compileGroup(core, type, g.filters));
  const queryPred =
    q.query && q.query.trim() ? compileQuery(core, type, q.query, q.searchable) : undefined;
  const match: Predicate = (v) =>
    (groupPreds.length === 0 || groupPreds.some((p) => p(v))) && (!queryPred || queryPred(v));

  // Sorting by modification time: walk the modification log, which is already in
  // that order, so the sort below has (nearly) sorted input and runs in linear time.
  const byModified = q.sorts.length > 0 && MODIFIED.has(q.sorts[0].propertyName);
  let source: Iterable<CrmRecord> = byModified
    ? core.store(type).modifiedSince(-Infinity)
    : core.store(type).all();
  if (groups.length > 0) {
    const perGroup = groups.map((g) => candidates(core, type, g.filters));
    if (perGroup.every((c) => c !== undefined)) {
      const seen = new Set<number>();
      const merged: CrmRecord[] = [];
      for (const c of perGroup) {
        for (const r of c ?? []) {
          if (seen.has(r.id)) continue;
          seen.add(r.id);
          merged.push(r);
        }
      }
      source = merged;
    }
  }
  const hits: RecordView[] = [];
  for (const r of source) {
    const v = searchView(r, now);
    if (v && match(v)) hits.push(v);
  }
  hits.sort(comparator(core, type, q.sorts));
  return hits;
}
