import type { AppDeps } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { pendingWatermarks } from '../sync/settle.js';
import type { SyncOps } from './job-names.js';

/**
 * The workers' catch-up of follow-up a dead worker left (src/sync/settle.ts):
 * each tick notes, per portal, the newest revision with follow-up due; rows
 * still due once a note is older than the grace are settled up to that note.
 * The grace leaves a live job time to settle its own rows (settling twice is
 * harmless, only wasted work).
 */

interface Note {
  at: number;
  watermarks: Map<number, number>;
}

export interface SettleSweep {
  tick(): Promise<void>;
}

export function settleSweep(deps: AppDeps, ops: SyncOps, graceMs: number): SettleSweep {
  let notes: Note[] = [];
  return {
    async tick() {
      const settle = ops.settlePortal;
      if (!settle) return;
      const now = Date.now();
      const due = notes.filter((n) => now - n.at >= graceMs).pop();
      notes = notes.filter((n) => now - n.at < graceMs);
      notes.push({ at: now, watermarks: await pendingWatermarks(deps) });
      if (!due) return;
      const current = notes[notes.length - 1].watermarks;
      for (const [portalId, upTo] of due.watermarks) {
        if (!current.has(portalId)) continue;
        try {
          const { settled } = await settle(deps, portalId, { upTo });
          if (settled > 0)
            childLogger(deps.logger, { portalId }).info(
              { settled },
              'settled evaluations a stopped job left (write-back, alerts)',
            );
        } catch (err) {
          childLogger(deps.logger, { portalId }).warn({ err }, 'settle sweep failed; next tick');
        }
      }
    },
  };
}
