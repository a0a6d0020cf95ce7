import type { AlertCode, AlertLevel } from '../domain/settings.js';
import type { AlertEvidence, MessageRef } from '../domain/snapshot.js';

/** Shapes shared by the alert store, the diff and the task code. */

/** A reason the engine says is open (from `Evaluation.alerts.open`). */
export interface OpenReason {
  code: AlertCode;
  level: AlertLevel;
  root: string;
  params: MessageRef['params'];
  evidence: AlertEvidence;
}

export type ClosedAlertRef = MessageRef;

/** A row of `alerts`. */
export interface StoredAlert {
  id: number;
  companyId: string;
  code: AlertCode;
  level: AlertLevel;
  root: string;
  params: MessageRef['params'];
  evidence: AlertEvidence;
  openedAt: Date;
  closedAt: Date | null;
  episodeId: number | null;
}

/** A row of `alert_episodes`. */
export interface StoredEpisode {
  id: number;
  companyId: string;
  root: string;
  generation: number;
  source: 'engine' | 'workflow';
  level: AlertLevel;
  ownerId: string | null;
  openedAt: Date;
  closedAt: Date | null;
  baseline: boolean;
  taskMode: 'none' | 'task' | 'digest';
  taskDay: string | null;
  respondBy: Date | null;
  planBy: Date | null;
  respondTaskId: string | null;
  respondCompletedAt: Date | null;
  planTaskId: string | null;
  planCompletedAt: Date | null;
  tasksClosedOnClear: boolean;
  autoCompletedTaskIds: string[];
  escalatedAt: Date | null;
}
