import { validationError } from '../errors.js';
import { readValue, type RecordView } from './derived-properties.js';
import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import { isoTime } from './iso-time.js';
import { parseTime } from './property-validation.js';

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface SearchFilter {
  propertyName: string;
  operator: Operator;
  value?: string;
  highValue?: string;
  values?: string[];
}

export type Predicate = (v: RecordView) => boolean;
export type Kind = 'number' | 'time' | 'text';

export function kindOf(core: PortalCore, type: ObjectTypeDef, name: string): Kind {
  if (name === 'hs_object_id') return 'number';
  const t = core.properties.get(type.name, name)?.type;
  if (t === 'number') return 'number';
  if (t === 'datetime' || t === 'date') return 'time';
  return 'text';
}

/** Comparable form of a value: numbers and times as numbers, text lower-cased. */
function comparable(kind: Kind, v: string): number | string {
  if (kind === 'number') return Number(v);
  if (kind === 'time') return parseTime(v);
  return v.toLowerCase();
}

function tokenMatcher(pattern: string): (value: string) => boolean {
  const p = pattern.toLowerCase();
  if (p.includes('*')) {
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    );
    return (value) => re.test(value) || value.split(/\s+/).some((t) => re.test(t));
  }
  return (value) => {
    const v = value.toLowerCase();
    return (
      v === p ||
      v.split(/[^\p{L}\p{N}_@.-]+/u).some((t) => t === p) ||
      v.split(/[^\p{L}\p{N}]+/u).some((t) => t === p)
    );
  };
}

function needValue(f: SearchFilter): string {
  if (f.value === undefined || f.value === null)
    throw validationError(
      `Filter on ${f.propertyName} with operator ${f.operator} requires a value`,
    );
  return String(f.value);
}

const MAX_ISO_MS = 253_402_300_800_000;

/**
 * For values HubSpot derives from record fields (id, modification time), the
 * comparable number straight from the field: the same as formatting the value
 * and parsing it back, which would otherwise happen per record and filter.
 */
export function fieldNumber(name: string, kind: Kind): ((v: RecordView) => number) | undefined {
  if (name === 'hs_object_id' && kind === 'number') return (v) => v.id;
  if (kind === 'time' && (name === 'hs_lastmodifieddate' || name === 'lastmodifieddate'))
    return (v) => exactTime(v.updatedAt);
  return undefined;
}

/** parseTime(isoTime(t)), short-cut for the usual whole milliseconds. */
function exactTime(t: number): number {
  return Number.isInteger(t) && t >= 0 && t < MAX_ISO_MS ? t : parseTime(isoTime(t));
}

/** Compiles one filter into a predicate over record views. */
export function compileFilter(core: PortalCore, type: ObjectTypeDef, f: SearchFilter): Predicate {
  const name = f.propertyName;
  const get = (v: RecordView) => readValue(core, type, v, name);
  const kind = kindOf(core, type, name);
  const multi = core.properties.get(type.name, name)?.fieldType === 'checkbox';
  const parts = (s: string) => (multi ? s.split(';') : [s]).map((x) => comparable(kind, x));
  const field = fieldNumber(name, kind);
  /** The record's comparable values; undefined when it has none. */
  const valuesOf = field
    ? (v: RecordView): Array<number | string> => [field(v)]
    : (v: RecordView): Array<number | string> | undefined => {
        const s = get(v);
        return s === undefined ? undefined : parts(s);
      };
  const cmp = (
    test: (a: number | string, b: number | string) => boolean,
    raw: string,
  ): Predicate => {
    const b = comparable(kind, raw);
    return (v) => {
      const xs = valuesOf(v);
      return xs !== undefined && xs.some((a) => test(a, b));
    };
  };
  switch (f.operator) {
    case 'EQ':
      return cmp((a, b) => a === b, needValue(f));
    case 'NEQ': {
      const b = comparable(kind, needValue(f));
      return (v) => {
        const xs = valuesOf(v);
        return xs === undefined || !xs.includes(b);
      };
    }
    case 'LT':
      return cmp((a, b) => a < b, needValue(f));
    case 'LTE':
      return cmp((a, b) => a <= b, needValue(f));
    case 'GT':
      return cmp((a, b) => a > b, needValue(f));
    case 'GTE':
      return cmp((a, b) => a >= b, needValue(f));
    case 'BETWEEN': {
      const lo = comparable(kind, needValue(f));
      if (f.highValue === undefined) throw validationError(`BETWEEN on ${name} requires highValue`);
      const hi = comparable(kind, String(f.highValue));
      return (v) => {
        const xs = valuesOf(v);
        return xs !== undefined && xs.some((a) => a >= lo && a <= hi);
      };
    }
    case 'IN':
    case 'NOT_IN': {
      if (!f.values || f.values.length === 0)
        throw validationError(`${f.operator} on ${name} requires values`);
      const set = new Set(f.values.map((x) => comparable(kind, String(x))));
      const hit = (v: RecordView) => {
        const xs = valuesOf(v);
        return xs !== undefined && xs.some((a) => set.has(a));
      };
      return f.operator === 'IN' ? hit : (v) => !hit(v);
    }
    case 'HAS_PROPERTY':
      return (v) => get(v) !== undefined;
    case 'NOT_HAS_PROPERTY':
      return (v) => get(v) === undefined;
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      const m = tokenMatcher(needValue(f));
      const hit = (v: RecordView) => {
        const s = get(v);
        return s !== undefined && m(s);
      };
      return f.operator === 'CONTAINS_TOKEN' ? hit : (v) => !hit(v);
    }
  }
}

/** Properties the free-text `query` looks in, per HubSpot's search docs. */
const QUERY_PROPERTIES: Record<string, string[]> = {
  contacts: [
    'firstname',
    'lastname',
    'email',
    'phone',
    'company',
    'hs_additional_emails',
    'mobilephone',
    'fax',
  ],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname', 'pipeline', 'dealstage', 'description', 'dealtype'],
  tickets: ['subject', 'content', 'hs_pipeline_stage', 'hs_ticket_category', 'hs_ticket_id'],
  tasks: ['hs_task_subject', 'hs_task_body'],
  notes: ['hs_note_body'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
  calls: ['hs_call_title', 'hs_call_body'],
  emails: ['hs_email_subject', 'hs_email_text'],
};

/** Free-text query: a word of a searchable property starts with the query, case-insensitively. */
export function compileQuery(
  core: PortalCore,
  type: ObjectTypeDef,
  query: string,
  searchable?: string[],
): Predicate {
  const q = query.trim().toLowerCase();
  const props = searchable ?? QUERY_PROPERTIES[type.name] ?? [type.primaryDisplayProperty];
  return (v) =>
    props.some((p) => {
      const s = readValue(core, type, v, p)?.toLowerCase();
      return (
        s !== undefined &&
        (s.startsWith(q) ||
          s.includes(q) ||
          s.split(/[^\p{L}\p{N}]+/u).some((t) => t.startsWith(q)))
      );
    });
}
