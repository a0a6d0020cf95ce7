/** One POST attempt (or a decision not to send), for the admin API and explorer. */
export interface DeliveryRecord {
  id: number;
  portalId: number;
  appId: number;
  url: string;
  eventIds: number[];
  subscriptionTypes: string[];
  /** `attemptNumber` of the events in this POST (0 = first try). */
  attemptNumber: number;
  outcome: 'delivered' | 'failed' | 'dropped' | 'gave-up';
  httpStatus?: number;
  error?: string;
  latencyMs: number;
  /** Sandbox-clock time the attempt started. */
  at: number;
  /** Set on the extra copy a "duplicate" fault sends. */
  duplicate?: boolean;
  /** Set when a "reorder" fault held this batch back. */
  reordered?: boolean;
}

/** Bounded in-memory log, newest last. */
export class DeliveryLog {
  private records: DeliveryRecord[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 2000) {}

  add(record: Omit<DeliveryRecord, 'id'>): DeliveryRecord {
    const full = { ...record, id: this.nextId++ };
    this.records.push(full);
    if (this.records.length > this.capacity)
      this.records.splice(0, this.records.length - this.capacity);
    return full;
  }

  list(filter: { portalId?: number; appId?: number; limit?: number } = {}): DeliveryRecord[] {
    const rows = this.records.filter(
      (r) =>
        (filter.portalId === undefined || r.portalId === filter.portalId) &&
        (filter.appId === undefined || r.appId === filter.appId),
    );
    return filter.limit === undefined ? rows : rows.slice(-filter.limit);
  }

  clear(portalId?: number): void {
    this.records =
      portalId === undefined ? [] : this.records.filter((r) => r.portalId !== portalId);
  }
}
