import type { RecordView } from '../portal/derived-properties.js';

/**
 * Loads the records an answer is about to write (each record, its value
 * array and the start of each value) in one tight pass. Records picked at
 * random among millions miss the cache on every one of those objects; the
 * writer meets the misses one at a time between its own work, while in this
 * loop the loads do not depend on each other and the CPU has many in flight
 * at once (batch read and search pages about 1.3x at 100,000 companies).
 */
let sink = 0;

export function warmRecords(records: ReadonlyArray<RecordView | undefined>): void {
  let n = 0;
  for (let i = 0; i < records.length; i++) n += records[i]?.props.length ?? 0;
  for (let i = 0; i < records.length; i++) {
    const p = records[i]?.props;
    if (p !== undefined) for (let j = 1; j < p.length; j += 2) n += p[j].length;
  }
  // Kept, so the compiler cannot drop the loads as unused.
  sink = (sink + n) | 0;
}
