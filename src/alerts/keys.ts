import { createHash } from 'node:crypto';

/**
 * Deterministic names for everything we write to HubSpot about an alert, so a
 * retry, a second worker or a redelivered webhook always arrives at the same
 * name and finds what the first one made.
 *
 * - The outbox idempotency key is readable: `task:<company>:<root>:<generation>:<kind>`
 *   (the portal is the outbox row's own column).
 * - The task key is carried in the task body and searched with CONTAINS_TOKEN
 *   before any create. It is one alphanumeric token (`kam` + 24 hex digits) so
 *   HubSpot's tokenizer keeps it whole.
 */

export type TaskKind = 'respond' | 'plan' | 'escalation';

export interface EpisodeRef {
  companyId: string;
  root: string;
  generation: number;
}

export function taskOutboxKey(ref: EpisodeRef, kind: TaskKind, suffix = ''): string {
  return `task:${ref.companyId}:${ref.root}:${ref.generation}:${kind}${suffix ? `:${suffix}` : ''}`;
}

export function taskKey(portalId: number, ref: EpisodeRef, kind: TaskKind, suffix = ''): string {
  const text = `${portalId}:${ref.companyId}:${ref.root}:${ref.generation}:${kind}:${suffix}`;
  return `kam${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}

export function digestOutboxKey(ownerId: string | null, day: string): string {
  return `digest:${ownerId ?? 'unassigned'}:${day}`;
}

export function digestTaskKey(portalId: number, ownerId: string | null, day: string): string {
  const text = `${portalId}:digest:${ownerId ?? ''}:${day}`;
  return `kam${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}

/** Outbox key of the `kam_alert` record of one alert row (queued again on every change). */
export const recordOutboxKey = (alertId: number): string => `record:${alertId}`;

/** Outbox key of the `kam_account_review` record of one company and quarter. */
export const reviewOutboxKey = (companyId: string, quarter: string): string =>
  `review:${companyId}:${quarter}`;

/** Outbox key of one edit of an episode's tasks; `what` names the change (e.g. `complete:<time>`). */
export const taskEditOutboxKey = (ref: EpisodeRef, what: string): string =>
  `task-edit:${ref.companyId}:${ref.root}:${ref.generation}:${what}`;

/** Root of a workflow-action alert: the same reason text at the same company is the same alert. */
export function workflowRoot(reason: string): string {
  const normalized = reason.trim().replace(/\s+/g, ' ').toLowerCase();
  return `wf:${createHash('sha256').update(normalized).digest('hex').slice(0, 16)}`;
}
