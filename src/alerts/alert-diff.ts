import type { ClosedAlertRef, OpenReason, StoredAlert, StoredEpisode } from './alert-types.js';
import type { AlertLevel } from '../domain/settings.js';
import type { EpisodeEvent } from './task-planner.js';
import { worseLevel } from './task-planner.js';

/**
 * What one evaluation changes in one company's stored alerts. Pure: the rows
 * in, the changes out. State-based (the evaluation's open reasons against our
 * open rows), so running it twice, or after a missed run, converges.
 *
 * - a reason open now and not stored opens a row; if the same reason closed
 *   within the quiet period, that row reopens instead (no flapping);
 * - a stored open reason not open now closes;
 * - rows join the open episode of their root, or start one (the next
 *   generation); a closed episode of the root comes back when a reason
 *   reopens within the quiet period and nothing else is open in the root;
 * - an episode with no open reason left closes.
 */

/** An episode of this batch: an existing row, or a new one (by root) not yet inserted. */
export type EpisodeHandle = { id: number } | { root: string };

export interface EpisodeChange {
  handle: EpisodeHandle;
  root: string;
  event: EpisodeEvent;
  level: AlertLevel;
  previousLevel: AlertLevel | null;
}

export interface CompanyChanges {
  companyId: string;
  newEpisodes: { root: string; generation: number; level: AlertLevel }[];
  reopenEpisodes: number[];
  closeEpisodes: number[];
  /** Open episodes whose worst level changed (new level). */
  episodeLevels: { id: number; level: AlertLevel }[];
  insertRows: (OpenReason & { episode: EpisodeHandle })[];
  reopenRows: (OpenReason & { id: number; episode: EpisodeHandle })[];
  closeRows: { id: number; closeRef: ClosedAlertRef }[];
  updateRows: (OpenReason & { id: number })[];
  events: EpisodeChange[];
}

export interface DiffInput {
  companyId: string;
  asOf: Date;
  quietMs: number;
  open: readonly OpenReason[];
  /** Why each reason closed, from the evaluation (when it says). */
  closedRefs: ReadonlyMap<string, ClosedAlertRef>;
  /** Stored open rows of the company. */
  rows: readonly StoredAlert[];
  /** The latest closed row per code, when it closed within the quiet period. */
  recentlyClosed: readonly StoredAlert[];
  /** The company's open episodes and those closed within the quiet period (engine source). */
  episodes: readonly StoredEpisode[];
  /** Highest generation per root so far. */
  maxGeneration: ReadonlyMap<string, number>;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changed(row: StoredAlert, reason: OpenReason): boolean {
  return (
    row.level !== reason.level ||
    !sameJson(row.evidence, reason.evidence) ||
    !sameJson(row.params, reason.params)
  );
}

export function diffCompany(input: DiffInput): CompanyChanges {
  const out: CompanyChanges = {
    companyId: input.companyId,
    newEpisodes: [],
    reopenEpisodes: [],
    closeEpisodes: [],
    episodeLevels: [],
    insertRows: [],
    reopenRows: [],
    closeRows: [],
    updateRows: [],
    events: [],
  };
  const wanted = new Map(input.open.map((r) => [r.code, r]));
  const openRows = new Map(input.rows.map((r) => [r.code, r]));
  const recent = new Map(input.recentlyClosed.map((r) => [r.code, r]));
  const episodeById = new Map(input.episodes.map((e) => [e.id, e]));
  const openEpisodeByRoot = new Map<string, EpisodeHandle>();
  for (const e of input.episodes)
    if (e.closedAt === null) openEpisodeByRoot.set(e.root, { id: e.id });

  // Open levels per episode after this evaluation, to find level changes and closings.
  const levels = new Map<
    string,
    { handle: EpisodeHandle; root: string; levels: AlertLevel[]; event: EpisodeEvent | null }
  >();
  const keyOf = (h: EpisodeHandle) => ('id' in h ? `id:${h.id}` : `new:${h.root}`);
  const touch = (
    h: EpisodeHandle,
    root: string,
    level: AlertLevel | null,
    event: EpisodeEvent | null,
  ) => {
    const k = keyOf(h);
    const entry = levels.get(k) ?? { handle: h, root, levels: [], event: null };
    if (level) entry.levels.push(level);
    if (event && (entry.event === null || entry.event === 'joined')) entry.event = event;
    levels.set(k, entry);
  };

  // Reasons that stay open: keep their episode, refresh what changed.
  for (const row of input.rows) {
    const reason = wanted.get(row.code);
    if (!reason) continue;
    const handle: EpisodeHandle | undefined =
      row.episodeId !== null ? { id: row.episodeId } : openEpisodeByRoot.get(reason.root);
    if (changed(row, reason)) out.updateRows.push({ ...reason, id: row.id });
    if (handle) touch(handle, reason.root, reason.level, null);
  }

  // Reasons that opened (or came back).
  for (const reason of input.open) {
    if (openRows.has(reason.code)) continue;
    let handle = openEpisodeByRoot.get(reason.root);
    let event: EpisodeEvent = 'joined';
    const back = recent.get(reason.code);
    if (!handle && back && back.episodeId !== null) {
      const old = episodeById.get(back.episodeId);
      if (old && old.closedAt !== null) {
        handle = { id: old.id };
        event = 'reopened';
        out.reopenEpisodes.push(old.id);
        openEpisodeByRoot.set(reason.root, handle);
      }
    }
    if (!handle) {
      handle = { root: reason.root };
      event = 'opened';
      out.newEpisodes.push({
        root: reason.root,
        generation: (input.maxGeneration.get(reason.root) ?? 0) + 1,
        level: reason.level,
      });
      openEpisodeByRoot.set(reason.root, handle);
    }
    if (back) out.reopenRows.push({ ...reason, id: back.id, episode: handle });
    else out.insertRows.push({ ...reason, episode: handle });
    touch(handle, reason.root, reason.level, event);
  }

  // Reasons that cleared.
  for (const row of input.rows) {
    if (wanted.has(row.code)) continue;
    out.closeRows.push({
      id: row.id,
      closeRef: input.closedRefs.get(row.code) ?? { code: `alerts.closed.${row.code}`, params: {} },
    });
    if (row.episodeId !== null) touch({ id: row.episodeId }, row.root, null, null);
  }

  for (const entry of levels.values()) {
    const h = entry.handle;
    const existing = 'id' in h ? episodeById.get(h.id) : undefined;
    const previousLevel = entry.event === 'opened' ? null : (existing?.level ?? null);
    if (entry.levels.length === 0) {
      if ('id' in h && existing && existing.closedAt === null) {
        out.closeEpisodes.push(h.id);
        out.events.push({
          handle: h,
          root: entry.root,
          event: 'closed',
          level: existing.level,
          previousLevel,
        });
      }
      continue;
    }
    const level = entry.levels.reduce(worseLevel);
    if ('id' in h && level !== existing?.level) out.episodeLevels.push({ id: h.id, level });
    const event =
      entry.event ?? (previousLevel !== null && level !== previousLevel ? 'changed' : null);
    if (event) out.events.push({ handle: h, root: entry.root, event, level, previousLevel });
  }
  return out;
}
