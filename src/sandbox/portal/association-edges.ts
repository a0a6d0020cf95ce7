/**
 * The association edges of one (fromType, toType) pair. An edge list is
 * stored compactly: the bare target id when it holds one edge of the pair's
 * usual type, the negated id when it holds one target with the pair's two
 * usual types (unlabeled + primary), else a flat [toId, typeId, ...] array.
 * Lists are kept in an array indexed by the from-record's slot in its store (8
 * bytes a record instead of a hash-map entry: there are millions); ids without
 * a record fall back to a map.
 */
export type Edges = number | number[];

/** A record's slot in its type's store, or undefined when there is no such record. */
export type SlotOf = (id: number) => number | undefined;

export class PairEdges {
  private readonly bySlot: Array<Edges | undefined> = [];
  private readonly byId = new Map<number, Edges>();
  /** The two type ids a negated id stands for (learned from the first such list). */
  private both: [number, number] | undefined;

  constructor(
    /** The type id a bare number stands for. */
    readonly common: number,
    private readonly slotOf: SlotOf,
  ) {}

  get(fromId: number): Edges | undefined {
    const slot = this.slotOf(fromId);
    return slot === undefined ? this.byId.get(fromId) : this.bySlot[slot];
  }

  /** The edge list of the record in `slot` (the caller knows it has one). */
  at(slot: number): Edges | undefined {
    return this.bySlot[slot];
  }

  /** Stores a record's edge list (an empty one removes it). */
  set(fromId: number, list: number[]): void {
    const e = list.length === 0 ? undefined : this.pack(list);
    const slot = this.slotOf(fromId);
    if (slot !== undefined) this.put(slot, e);
    else if (e === undefined) this.byId.delete(fromId);
    else this.byId.set(fromId, e);
  }

  /** The edge list as a flat array (a fresh one for a bare id); callers may change it and set() it back. */
  flat(e: Edges): number[] {
    if (typeof e !== 'number') return e;
    if (e >= 0) return [e, this.common];
    const [a, b] = this.both!;
    return [-e, a, -e, b];
  }

  /** Rewrites every list (dropping a deleted label); `edit` answers the new list. */
  rewrite(edit: (list: number[]) => number[]): void {
    for (let slot = 0; slot < this.bySlot.length; slot++) {
      const e = this.bySlot[slot];
      if (e === undefined) continue;
      const list = edit(this.flat(e));
      this.put(slot, list.length === 0 ? undefined : this.pack(list));
    }
    for (const [id, e] of this.byId) this.set(id, edit(this.flat(e)));
  }

  private pack(list: number[]): Edges {
    if (list.length === 2 && list[1] === this.common) return list[0];
    if (list.length === 4 && list[0] === list[2] && list[0] > 0) {
      this.both ??= [list[1], list[3]];
      if (list[1] === this.both[0] && list[3] === this.both[1]) return -list[0];
    }
    return list;
  }

  private put(slot: number, e: Edges | undefined): void {
    const a = this.bySlot;
    if (slot < a.length) {
      a[slot] = e;
      return;
    }
    if (e === undefined) return;
    // Fill up to the slot: an array written far past its end turns into a slow, large dictionary.
    while (a.length < slot) a.push(undefined);
    a.push(e);
  }
}
