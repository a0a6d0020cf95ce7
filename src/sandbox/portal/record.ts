/**
 * One CRM record, stored compactly: property values sit in a flat
 * [name, value, name, value, ...] array with interned names, because a Map per
 * record costs several times more at millions of records.
 */
const names = new Map<string, string>();

/** One shared string instance per property name. */
export function intern(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  names.set(name, name);
  return name;
}

/** What search saw before a change, while the change is not yet indexed (searchIndexLagMs). */
export interface IndexedSnapshot {
  /** Until this time search sees the snapshot instead of the record. */
  until: number;
  /** Undefined when the record did not exist yet for search. */
  props?: string[];
  archived: boolean;
  updatedAt: number;
}

/** Times are kept as two small integers: ms = high × SPLIT + low. */
const SPLIT = 2 ** 20;

export class CrmRecord {
  archived = false;
  /** Position of this record's latest entry in its store's modification log. */
  modPos = -1;
  /** Dense index of the record in its store (never reused), for per-record arrays. */
  slot = -1;
  props: string[] = [];
  /*
   * V8 keeps a number field that is not a small integer (a ms timestamp) in
   * a heap object of its own, one cache miss more for every record a batch
   * touches and 16 bytes more a record; split in two small integers the
   * times sit in the record itself.
   */
  private createdHigh: number;
  private createdLow: number;
  private updatedHigh: number;
  private updatedLow: number;
  // Rare fields are declared, not initialised: only the records that get them carry the slot.
  declare stale?: IndexedSnapshot;
  declare private archivedTime?: number;

  constructor(
    readonly id: number,
    createdAt: number,
  ) {
    this.createdHigh = high(createdAt);
    this.createdLow = lowPart(createdAt, this.createdHigh);
    this.updatedHigh = this.createdHigh;
    this.updatedLow = this.createdLow;
  }

  get createdAt(): number {
    return this.createdHigh * SPLIT + this.createdLow;
  }

  get updatedAt(): number {
    return this.updatedHigh * SPLIT + this.updatedLow;
  }
  set updatedAt(ms: number) {
    this.updatedHigh = high(ms);
    this.updatedLow = lowPart(ms, this.updatedHigh);
  }

  /** When the record was archived; 0 while live. */
  get archivedAt(): number {
    return this.archivedTime ?? 0;
  }
  set archivedAt(ms: number) {
    this.archivedTime = ms;
  }

  get(name: string): string | undefined {
    return propOf(this.props, name);
  }

  /** Sets (or with null, removes) a value; answers whether it changed. */
  set(name: string, value: string | null): boolean {
    const p = this.props;
    for (let i = 0; i < p.length; i += 2) {
      if (p[i] === name) {
        if (value === null) {
          const next = exact(p.length - 2);
          for (let j = 0, k = 0; j < p.length; j++) if (j !== i && j !== i + 1) next[k++] = p[j];
          this.props = next;
          return true;
        }
        if (p[i + 1] === value) return false;
        p[i + 1] = value;
        return true;
      }
    }
    if (value === null) return false;
    // A fresh exact-size array: push() would leave ~16 spare slots on every record.
    const next = exact(p.length + 2);
    for (let i = 0; i < p.length; i++) next[i] = p[i];
    next[p.length] = intern(name);
    next[p.length + 1] = value;
    this.props = next;
    return true;
  }

  *entries(): IterableIterator<[string, string]> {
    const p = this.props;
    for (let i = 0; i < p.length; i += 2) yield [p[i], p[i + 1]];
  }
}

/** The high part of a time; 0 for a time that is not a whole number (it is kept whole as the low part). */
function high(ms: number): number {
  return Number.isSafeInteger(ms) ? Math.floor(ms / SPLIT) : 0;
}

function lowPart(ms: number, hi: number): number {
  return Number.isSafeInteger(ms) ? ms - hi * SPLIT : ms;
}

/** An array with exactly n slots (literals and push() over-allocate). */
export function exact(n: number): string[] {
  return new Array<string>(n);
}

export function propOf(props: string[], name: string): string | undefined {
  for (let i = 0; i < props.length; i += 2) if (props[i] === name) return props[i + 1];
  return undefined;
}
