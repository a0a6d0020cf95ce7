import { alertMessage, alertTitle } from '../domain/alerts.js';
import { rootOf } from '../domain/alert-kinds.js';
import { renderMessage } from '../domain/messages/render.js';
import type { Locale } from '../domain/messages/types.js';
import type { AlertCode, AlertLevel } from '../domain/settings.js';
import type { AlertEvidence, MessageRef } from '../domain/snapshot.js';
import { formatLocalDateTime } from './sla-clock.js';

/**
 * The words of a 3R task, in the portal's language: subject, and an HTML body
 * with what happened (the reasons with their evidence), the deadlines, 2–3
 * suggested options drawn from what each committee role cares about (spec §4:
 * decision maker — ROI and strategic value; users — ease of use, training,
 * fast response; influencers — technical feasibility, white papers,
 * competitor comparison) and the alert key that prevents duplicates.
 */

export interface ReasonView {
  code: AlertCode;
  level: AlertLevel;
  params: MessageRef['params'];
  evidence: AlertEvidence;
}

export interface ContentContext {
  locale: Locale;
  timeZone: string;
  currency?: string | null;
  companyName: string;
  level: AlertLevel;
  /** The episode's open reasons, red first. Empty for workflow tasks. */
  reasons: readonly ReasonView[];
  /** Reason text typed into a workflow action (workflow tasks only). */
  workflowReason?: string;
  respondBy: Date;
  planBy: Date;
  key: string;
}

export interface TaskText {
  subject: string;
  body: string;
}

type OptionKey =
  | 'remap_decision_maker'
  | 'executive_sponsor'
  | 'widen_committee'
  | 'roi_case'
  | 'phased_offer'
  | 'competitive_proof'
  | 'user_enablement'
  | 'service_review'
  | 'renewal_meeting'
  | 'schedule_touch'
  | 'business_review';

/** 2–3 options per root, each aimed at a committee role's concern. */
const optionsByRoot: Record<string, readonly OptionKey[]> = {
  decision_maker: ['remap_decision_maker', 'executive_sponsor', 'widen_committee'],
  budget_frozen: ['roi_case', 'phased_offer', 'user_enablement'],
  competitor_entered: ['competitive_proof', 'roi_case', 'executive_sponsor'],
  satisfaction_low: ['user_enablement', 'service_review', 'executive_sponsor'],
  renewal_unclear: ['renewal_meeting', 'roi_case', 'user_enablement'],
  revenue: ['business_review', 'roi_case', 'widen_committee'],
  cadence_overdue: ['schedule_touch', 'executive_sponsor', 'business_review'],
  single_threaded: ['widen_committee', 'executive_sponsor', 'user_enablement'],
  stage_moved_back: ['business_review', 'user_enablement', 'roi_case'],
  health_fell: ['service_review', 'business_review', 'widen_committee'],
  service_wobble: ['service_review', 'user_enablement'],
};
const defaultOptions: readonly OptionKey[] = ['roi_case', 'user_enablement', 'competitive_proof'];

export function optionsFor(root: string): readonly OptionKey[] {
  return optionsByRoot[root] ?? defaultOptions;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function t(
  ctx: Pick<ContentContext, 'locale' | 'timeZone' | 'currency'>,
  code: string,
  params: MessageRef['params'] = {},
): string {
  return renderMessage({ code, params }, ctx.locale, {
    timeZone: ctx.timeZone,
    currency: ctx.currency ?? null,
  });
}

const p = (text: string) => `<p>${escapeHtml(text)}</p>`;
const list = (tag: 'ul' | 'ol', items: string[]) =>
  `<${tag}>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;

function titleOf(ctx: ContentContext): string {
  if (ctx.reasons.length > 0) return renderMessage(alertTitle(ctx.reasons[0].code), ctx.locale);
  return (ctx.workflowReason ?? '').trim().slice(0, 120);
}

function rootOfContext(ctx: ContentContext): string {
  return ctx.reasons.length > 0 ? rootOf(ctx.reasons[0].code) : 'workflow';
}

function times(ctx: ContentContext) {
  return {
    respondBy: formatLocalDateTime(ctx.respondBy, ctx.timeZone),
    planBy: formatLocalDateTime(ctx.planBy, ctx.timeZone),
  };
}

/** What happened, the linked records and the options: shared by respond and plan tasks. */
function evidenceBlock(ctx: ContentContext): string[] {
  const out: string[] = [
    p(t(ctx, 'alerts.task.body.intro', { company: ctx.companyName, level: ctx.level })),
  ];
  if (ctx.reasons.length > 0) {
    out.push(p(t(ctx, 'alerts.task.body.evidence')));
    out.push(
      list(
        'ul',
        ctx.reasons.map((r) =>
          renderMessage(alertMessage(r), ctx.locale, {
            timeZone: ctx.timeZone,
            currency: ctx.currency ?? null,
          }),
        ),
      ),
    );
    const contacts = new Set(ctx.reasons.flatMap((r) => r.evidence.contactIds)).size;
    const deals = new Set(ctx.reasons.flatMap((r) => r.evidence.dealIds)).size;
    if (contacts + deals > 0) out.push(p(t(ctx, 'alerts.task.body.related', { contacts, deals })));
  } else {
    out.push(p(t(ctx, 'alerts.task.body.workflow', { reason: ctx.workflowReason ?? '' })));
  }
  return out;
}

function optionsBlock(ctx: ContentContext): string[] {
  const options = optionsFor(rootOfContext(ctx)).map((k) => t(ctx, `alerts.task.option.${k}`));
  return [p(t(ctx, 'alerts.task.body.options')), list('ol', options)];
}

const keyLine = (ctx: ContentContext) => p(t(ctx, 'alerts.task.body.key', { key: ctx.key }));

export function respondTaskText(ctx: ContentContext): TaskText {
  const subject = t(ctx, 'alerts.task.subject', {
    level: ctx.level,
    title: titleOf(ctx),
    company: ctx.companyName,
  });
  const body = [
    ...evidenceBlock(ctx),
    p(t(ctx, 'alerts.task.body.respond', times(ctx))),
    ...optionsBlock(ctx),
    keyLine(ctx),
  ].join('');
  return { subject, body };
}

export function planTaskText(ctx: ContentContext): TaskText {
  const subject = t(ctx, 'alerts.task.subject.plan', {
    title: titleOf(ctx),
    company: ctx.companyName,
  });
  const body = [
    p(t(ctx, 'alerts.task.body.plan', times(ctx))),
    ...evidenceBlock(ctx),
    ...optionsBlock(ctx),
    keyLine(ctx),
  ].join('');
  return { subject, body };
}

export function escalationTaskText(ctx: ContentContext, ownerName: string | null): TaskText {
  const { respondBy } = times(ctx);
  const subject = t(ctx, 'alerts.task.subject.escalation', {
    respondBy,
    title: titleOf(ctx),
    company: ctx.companyName,
  });
  const owner = ownerName ?? t(ctx, 'alerts.task.owner.unassigned');
  const body = [
    p(t(ctx, 'alerts.task.body.escalation', { ...times(ctx), owner })),
    ...evidenceBlock(ctx),
    keyLine(ctx),
  ].join('');
  return { subject, body };
}

export interface DigestLine {
  companyName: string;
  code: AlertCode;
  level: AlertLevel;
  respondBy: Date;
}

export function digestTaskText(
  ctx: Pick<ContentContext, 'locale' | 'timeZone' | 'currency' | 'key'>,
  day: string,
  budget: number,
  lines: readonly DigestLine[],
): TaskText {
  const subject = t(ctx, 'alerts.task.subject.digest', { day, count: lines.length });
  const items = lines.map((l) =>
    t(ctx, 'alerts.task.body.digestLine', {
      company: l.companyName,
      title: renderMessage(alertTitle(l.code), ctx.locale),
      level: l.level,
      respondBy: formatLocalDateTime(l.respondBy, ctx.timeZone),
    }),
  );
  const body = [
    p(t(ctx, 'alerts.task.body.digest', { budget })),
    list('ul', items),
    p(t(ctx, 'alerts.task.body.key', { key: ctx.key })),
  ].join('');
  return { subject, body };
}

/** The note appended to a task we complete because its alert cleared. */
export function closedNote(
  ctx: Pick<ContentContext, 'locale' | 'timeZone'>,
  at: Date,
  reason: MessageRef | null,
): string {
  const why = reason ? renderMessage(reason, ctx.locale, { timeZone: ctx.timeZone }) : '';
  return p(
    t(ctx, 'alerts.task.body.closed', { at: formatLocalDateTime(at, ctx.timeZone), reason: why }),
  );
}

export function reopenedNote(ctx: Pick<ContentContext, 'locale' | 'timeZone'>, at: Date): string {
  return p(t(ctx, 'alerts.task.body.reopened', { at: formatLocalDateTime(at, ctx.timeZone) }));
}

const priorities: Record<AlertLevel, string> = { red: 'HIGH', yellow: 'MEDIUM', green: 'LOW' };

/** HubSpot Tasks API properties of a new task. */
export function taskProperties(input: {
  text: TaskText;
  dueAt: Date;
  level: AlertLevel;
  ownerId: string | null;
}): Record<string, string> {
  const props: Record<string, string> = {
    hs_task_subject: input.text.subject.slice(0, 500),
    hs_task_body: input.text.body,
    hs_timestamp: input.dueAt.toISOString(),
    hs_task_status: 'NOT_STARTED',
    hs_task_priority: priorities[input.level],
    hs_task_type: 'TODO',
  };
  if (input.ownerId) props.hubspot_owner_id = input.ownerId;
  return props;
}

export const priorityOf = (level: AlertLevel): string => priorities[level];
