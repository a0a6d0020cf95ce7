import { PairEdges } from './association-edges.js';

/**
 * Record-to-record associations, indexed by (fromType, fromId) in both
 * directions (edge lists as described in association-edges.ts).
 */
export interface AssociatedTarget {
  toId: number;
  typeIds: number[];
}

export class AssociationStore {
  private readonly pairs = new Map<string, Map<string, PairEdges>>();
  count = 0;

  /** `slotOf` finds records' slots in their stores; without it every list sits in a map. */
  constructor(
    private readonly slotOf: (type: string, id: number) => number | undefined = () => undefined,
  ) {}

  private pair(fromType: string, toType: string, typeId?: number): PairEdges | undefined {
    let byTo = this.pairs.get(fromType);
    if (!byTo) {
      if (typeId === undefined) return undefined;
      this.pairs.set(fromType, (byTo = new Map()));
    }
    let p = byTo.get(toType);
    if (!p && typeId !== undefined)
      byTo.set(toType, (p = new PairEdges(typeId, (id) => this.slotOf(fromType, id))));
    return p;
  }

  private addHalf(
    fromType: string,
    fromId: number,
    toType: string,
    toId: number,
    typeId: number,
  ): boolean {
    const p = this.pair(fromType, toType, typeId)!;
    const e = p.get(fromId);
    if (e === undefined) {
      p.set(fromId, [toId, typeId]);
      return true;
    }
    const list = p.flat(e);
    for (let i = 0; i < list.length; i += 2)
      if (list[i] === toId && list[i + 1] === typeId) return false;
    list.push(toId, typeId);
    p.set(fromId, list);
    return true;
  }

  private removeHalf(
    fromType: string,
    fromId: number,
    toType: string,
    toId: number,
    typeId: number,
  ): boolean {
    const p = this.pair(fromType, toType);
    const e = p?.get(fromId);
    if (!p || e === undefined) return false;
    const list = p.flat(e);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === toId && list[i + 1] === typeId) {
        list.splice(i, 2);
        p.set(fromId, list);
        return true;
      }
    }
    return false;
  }

  /** Adds one typed edge and its inverse; false when it already existed. */
  add(
    fromType: string,
    fromId: number,
    toType: string,
    toId: number,
    typeId: number,
    inverseTypeId: number,
  ): boolean {
    const added = this.addHalf(fromType, fromId, toType, toId, typeId);
    if (added) {
      this.addHalf(toType, toId, fromType, fromId, inverseTypeId);
      this.count++;
    }
    return added;
  }

  remove(
    fromType: string,
    fromId: number,
    toType: string,
    toId: number,
    typeId: number,
    inverseTypeId: number,
  ): boolean {
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
      let n = 0;
      this.pair(from, to)?.rewrite((list) => {
        for (let i = list.length - 2; i >= 0; i -= 2) {
          if (list[i + 1] === id) {
            list.splice(i, 2);
            n++;
          }
        }
        return list;
      });
      return n;
    };
    const n = drop(fromType, toType, typeId);
    if (fromType !== toType || typeId !== inverseTypeId) drop(toType, fromType, inverseTypeId);
    this.count -= n;
    return n;
  }

  /** Type ids of the edges from one record to another. */
  typesBetween(fromType: string, fromId: number, toType: string, toId: number): number[] {
    const p = this.pair(fromType, toType);
    const e = p?.get(fromId);
    const out: number[] = [];
    if (!p || e === undefined) return out;
    const list = p.flat(e);
    for (let i = 0; i < list.length; i += 2) if (list[i] === toId) out.push(list[i + 1]);
    return out;
  }

  /**
   * Targets grouped by record, in the order they were first associated.
   * `slot`: the from-record's slot in its store, when the caller has the
   * record (saves looking it up by id).
   */
  targets(fromType: string, fromId: number, toType: string, slot?: number): AssociatedTarget[] {
    const p = this.pair(fromType, toType);
    const e = slot === undefined ? p?.get(fromId) : p?.at(slot);
    if (!p || e === undefined) return [];
    const list = p.flat(e);
    const out: AssociatedTarget[] = [];
    // Short lists (nearly all) are grouped by a scan; long ones through a map.
    const byId = list.length > 32 ? new Map<number, AssociatedTarget>() : undefined;
    for (let i = 0; i < list.length; i += 2) {
      const id = list[i];
      let t = byId?.get(id);
      if (!byId) for (let j = 0; j < out.length && !t; j++) if (out[j].toId === id) t = out[j];
      if (t) t.typeIds.push(list[i + 1]);
      else {
        t = { toId: id, typeIds: [list[i + 1]] };
        out.push(t);
        byId?.set(id, t);
      }
    }
    return out;
  }

  /** Distinct target ids. */
  targetIds(fromType: string, fromId: number, toType: string): number[] {
    const e = this.pair(fromType, toType)?.get(fromId);
    if (e === undefined) return [];
    if (typeof e === 'number') return [Math.abs(e)];
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
