import type { AlertLevel, Settings } from '../domain/settings.js';
import { addSlaHours } from './sla-clock.js';

/**
 * Noise control (spec §6, 3R): from what happened to each alert episode in one
 * evaluation batch, decide which HubSpot task actions to take. Pure.
 *
 * Rules, in order:
 * - the baseline (first evaluation after install) opens episodes without tasks
 *   when `alerts.baselineWithoutTasks` (default);
 * - `alerts.createTasks: 'workflow-only'` never creates tasks from the engine;
 * - severity gate: only levels in `alerts.taskLevels` (default red, yellow) get tasks;
 * - reasons sharing a root share the episode's one task, at the worst level;
 *   a worse reason joining raises the task's priority;
 * - each owner gets at most `alerts.dailyTaskBudgetPerOwner` new tasks per
 *   local day; red first, the overflow goes into one digest task per owner and day;
 * - a closed episode's open tasks are completed (`completeTasksWhenCleared`);
 *   an episode back within the quiet period reopens those tasks.
 */

export type EpisodeEvent = 'opened' | 'joined' | 'reopened' | 'closed' | 'changed';

export interface PlannedEpisode {
  /** Key of the episode within the batch (its database id). */
  id: number;
  companyId: string;
  root: string;
  event: EpisodeEvent;
  /** Worst level of its open reasons now (for `closed`: the level it had). */
  level: AlertLevel;
  /** Level before this batch; null for a new episode. */
  previousLevel: AlertLevel | null;
  /** Resolved task owner (the company owner, or the fallback user); null = unassigned. */
  ownerId: string | null;
  taskMode: 'none' | 'task' | 'digest';
  tasksClosedOnClear: boolean;
}

export type TaskAction =
  | {
      kind: 'create_respond';
      episodeId: number;
      ownerId: string | null;
      level: AlertLevel;
      respondBy: Date;
      planBy: Date;
      day: string;
    }
  | {
      kind: 'digest';
      episodeId: number;
      ownerId: string | null;
      level: AlertLevel;
      respondBy: Date;
      planBy: Date;
      day: string;
    }
  | { kind: 'update_task'; episodeId: number; level: AlertLevel }
  | { kind: 'complete_tasks'; episodeId: number }
  | { kind: 'reopen_tasks'; episodeId: number }
  | { kind: 'skip'; episodeId: number; why: 'baseline' | 'severity' | 'workflow-only' };

export interface PlanInput {
  settings: Settings;
  /** This batch is the baseline evaluation after install. */
  baseline: boolean;
  now: Date;
  /** Today in the portal's time zone (YYYY-MM-DD): the budget's day. */
  today: string;
  episodes: readonly PlannedEpisode[];
  /** New tasks already created today per owner ('' = unassigned), before this batch. */
  usedToday: ReadonlyMap<string, number>;
}

const rank: Record<AlertLevel, number> = { red: 0, yellow: 1, green: 2 };

export const worseLevel = (a: AlertLevel, b: AlertLevel): AlertLevel =>
  rank[a] <= rank[b] ? a : b;

export const isWorse = (a: AlertLevel, than: AlertLevel | null): boolean =>
  than === null || rank[a] < rank[than];

type Gate = { ok: true } | { ok: false; why: 'baseline' | 'severity' | 'workflow-only' };

function gate(input: PlanInput, level: AlertLevel): Gate {
  const a = input.settings.alerts;
  if (input.baseline && a.baselineWithoutTasks) return { ok: false, why: 'baseline' };
  if (a.createTasks === 'workflow-only') return { ok: false, why: 'workflow-only' };
  if (!a.taskLevels.includes(level)) return { ok: false, why: 'severity' };
  return { ok: true };
}

export function planTaskActions(input: PlanInput): TaskAction[] {
  const a = input.settings.alerts;
  const actions: TaskAction[] = [];
  const candidates: PlannedEpisode[] = [];

  for (const e of input.episodes) {
    switch (e.event) {
      case 'opened':
      case 'joined': {
        if (e.taskMode === 'task') {
          if (isWorse(e.level, e.previousLevel) && e.previousLevel !== null)
            actions.push({ kind: 'update_task', episodeId: e.id, level: e.level });
          break;
        }
        if (e.taskMode === 'digest') break;
        const g = gate(input, e.level);
        if (g.ok) candidates.push(e);
        else actions.push({ kind: 'skip', episodeId: e.id, why: g.why });
        break;
      }
      case 'changed':
        if (e.taskMode === 'task' && e.previousLevel !== null && isWorse(e.level, e.previousLevel))
          actions.push({ kind: 'update_task', episodeId: e.id, level: e.level });
        break;
      case 'reopened':
        // The same alert is back: its tasks come back too; no new task (no flapping).
        if (e.taskMode === 'task' && e.tasksClosedOnClear)
          actions.push({ kind: 'reopen_tasks', episodeId: e.id });
        break;
      case 'closed':
        if (e.taskMode === 'task' && a.completeTasksWhenCleared)
          actions.push({ kind: 'complete_tasks', episodeId: e.id });
        break;
    }
  }

  // Precedence: red before yellow before green, then a stable order, so the
  // budget goes to the worst alerts and the same batch always plans the same.
  candidates.sort(
    (x, y) =>
      rank[x.level] - rank[y.level] ||
      (x.companyId < y.companyId ? -1 : x.companyId > y.companyId ? 1 : 0) ||
      (x.root < y.root ? -1 : x.root > y.root ? 1 : 0),
  );
  const used = new Map(input.usedToday);
  const respondBy = addSlaHours(input.now, a.respondHours, input.settings);
  const planBy = addSlaHours(input.now, a.planHours, input.settings);
  for (const e of candidates) {
    const owner = e.ownerId ?? '';
    const n = used.get(owner) ?? 0;
    const base = {
      episodeId: e.id,
      ownerId: e.ownerId,
      level: e.level,
      respondBy,
      planBy,
      day: input.today,
    };
    if (n < a.dailyTaskBudgetPerOwner) {
      used.set(owner, n + 1);
      actions.push({ kind: 'create_respond', ...base });
    } else {
      actions.push({ kind: 'digest', ...base });
    }
  }
  return actions;
}
