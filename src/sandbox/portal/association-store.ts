/**
 * Record-to-record associations, indexed by (fromType, fromId) in both
 * directions. Most records have one association per target type, so such an
 * edge list is stored as a single packed number (toId·2¹² + typeId); longer
 * lists are flat [toId, typeId, toId, typeId, ...] arrays. At millions of
 * engagements this halves the index's memory.
 */
export interface AssociatedTarget {
  toId: number;
  typeIds: number[];
}

type Edges = number | number[];
const TYPE_BITS = 4096;

function pack(toId: number, typeId: number): Edges {
  return typeId < TYPE_BITS && toId < Number.MAX_SAFE_INTEGER / TYPE_BITS ? toId * TYPE_BITS + typeId : [toId, typeId];
}

/** The edge list as a flat array (a fresh one for packed singles). */
function flat(e: Edges): number[] {
  return typeof e === 'number' ? [Math.floor(e / TYPE_BITS), e % TYPE_BITS] : e;
}

export class AssociationStore {
  private readonly pairs = new Map<string, Map<string, Map<number, Edges>>>();
  count = 0;

  private edges(fromType: string, toType: string, create: boolean): Map<number, Edges> | undefined {
    let byTo = this.pairs.get(fromType);
    if (!byTo) {
      if (!create) return undefined;
      this.pairs.set(fromType, (byTo = new Map()));
    }
    let m = byTo.get(toType);
    if (!m && create) byTo.set(toType, (m = new Map()));
    return m;
  }

  private addHalf(fromType: string, fromId: number, toType: string, toId: number, typeId: number): boolean {
    const m = this.edges(fromType, toType, true)!;
    const e = m.get(fromId);
    if (e === undefined) {
      m.set(fromId, pack(toId, typeId));
      return true;
    }
    const list = flat(e);
    for (let i = 0; i < list.length; i += 2) if (list[i] === toId && list[i + 1] === typeId) return false;
    list.push(toId, typeId);
    if (typeof e === 'number') m.set(fromId, list);
    return true;
  }

  private removeHalf(fromType: string, fromId: number, toType: string, toId: number, typeId: number): boolean {
    const m = this.edges(fromType, toType, false);
    const e = m?.get(fromId);
    if (!m || e === undefined) return false;
    const list = flat(e);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === toId && list[i + 1] === typeId) {
        list.splice(i, 2);
        if (list.length === 0) m.delete(fromId);
        else m.set(fromId, list.length === 2 ? pack(list[0], list[1]) : list);
        return true;
      }
    }
    return false;
  }

  /** Adds one typed edge and its inverse; false when it already existed. */
  add(fromType: string, fromId: number, toType: string, toId: number, typeId: number, inverseTypeId: number): boolean {
    const added = this.addHalf(fromType, fromId, toType, toId, typeId);
    if (added) {
      this.addHalf(toType, toId, fromType, fromId, inverseTypeId);
      this.count++;
    }
    return added;
  }

  remove(fromType: string, fromId: number, toType: string, toId: number, typeId: number, inverseTypeId: number): boolean {
    const removed = this.removeHalf(fromType, fromId, toType, toId, typeId);
    if (removed) {
      this.removeHalf(toType, toId, fromType, fromId, inverseTypeId);
      this.count--;
    }
    return removed;
  }

  /** Drops every edge of one type (a deleted label); answers how many went. */
  purgeType(fromType: string, toType: string, typeId: number, inverseTypeId: number): number {
    const drop = (from: string, to: string, id: number): number => {
      const m = this.edges(from, to, false);
      let n = 0;
      for (const [key, e] of m ?? []) {
        const list = flat(e);
        for (let i = list.length - 2; i >= 0; i -= 2) {
          if (list[i + 1] === id) {
            list.splice(i, 2);
            n++;
          }
        }
        if (list.length === 0) m?.delete(key);
        else m?.set(key, list.length === 2 ? pack(list[0], list[1]) : list);
      }
      return n;
    };
    const n = drop(fromType, toType, typeId);
    if (fromType !== toType || typeId !== inverseTypeId) drop(toType, fromType, inverseTypeId);
    this.count -= n;
    return n;
  }

  /** Type ids of the edges from one record to another. */
  typesBetween(fromType: string, fromId: number, toType: string, toId: number): number[] {
    const e = this.edges(fromType, toType, false)?.get(fromId);
    const out: number[] = [];
    if (e === undefined) return out;
    const list = flat(e);
    for (let i = 0; i < list.length; i += 2) if (list[i] === toId) out.push(list[i + 1]);
    return out;
  }

  /** Targets grouped by record, in the order they were first associated. */
  targets(fromType: string, fromId: number, toType: string): AssociatedTarget[] {
    const e = this.edges(fromType, toType, false)?.get(fromId);
    if (e === undefined) return [];
    const list = flat(e);
    const byId = new Map<number, AssociatedTarget>();
    for (let i = 0; i < list.length; i += 2) {
      const t = byId.get(list[i]);
      if (t) t.typeIds.push(list[i + 1]);
      else byId.set(list[i], { toId: list[i], typeIds: [list[i + 1]] });
    }
    return [...byId.values()];
  }

  /** Distinct target ids. */
  targetIds(fromType: string, fromId: number, toType: string): number[] {
    const e = this.edges(fromType, toType, false)?.get(fromId);
    if (e === undefined) return [];
    if (typeof e === 'number') return [Math.floor(e / TYPE_BITS)];
    if (e.length === 2) return [e[0]];
    const seen = new Set<number>();
    for (let i = 0; i < e.length; i += 2) seen.add(e[i]);
    return [...seen];
  }

  /** Object types this type has edges to. */
  linkedTypes(fromType: string): string[] {
    return [...(this.pairs.get(fromType)?.keys() ?? [])];
  }
}
