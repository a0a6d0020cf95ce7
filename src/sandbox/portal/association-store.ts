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
    const list = this.grouped(fromType, fromId, toType, slot);
    const out: AssociatedTarget[] = [];
    for (let i = 0; i < list.length; i += 2) {
      const last = out[out.length - 1];
      if (last?.toId === list[i]) last.typeIds.push(list[i + 1]);
      else out.push({ toId: list[i], typeIds: [list[i + 1]] });
    }
    return out;
  }

  /**
   * The edges as a flat [toId, typeId, …] list with each target's edges
   * next to each other, targets in the order they were first associated:
   * {@link targets} without an object per target, for the large answers.
   * Do not change the list (it may be the stored one).
   */
  grouped(fromType: string, fromId: number, toType: string, slot?: number): number[] {
    const p = this.pair(fromType, toType);
    const e = slot === undefined ? p?.get(fromId) : p?.at(slot);
    if (!p || e === undefined) return [];
    const list = p.flat(e);
    return isGrouped(list) ? list : regroup(list);
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

/** Whether no target's edges are split by another target's (nearly always: edges are added per target). */
function isGrouped(list: number[]): boolean {
  if (list.length <= 4) return true;
  // Ids of the runs before the current one; short lists are scanned instead.
  const done = list.length > 32 ? new Set<number>() : undefined;
  for (let i = 2; i < list.length; i += 2) {
    const id = list[i];
    const prev = list[i - 2];
    if (id === prev) continue;
    if (done) {
      done.add(prev);
      if (done.has(id)) return false;
    } else for (let j = 0; j < i; j += 2) if (list[j] === id) return false;
  }
  return true;
}

/** The list with each target's edges gathered at its first place. */
function regroup(list: number[]): number[] {
  const byId = new Map<number, number[]>();
  for (let i = 0; i < list.length; i += 2) {
    const types = byId.get(list[i]);
    if (types) types.push(list[i + 1]);
    else byId.set(list[i], [list[i + 1]]);
  }
  const out: number[] = [];
  for (const [id, types] of byId) for (const t of types) out.push(id, t);
  return out;
}
