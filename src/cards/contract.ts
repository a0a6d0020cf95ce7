import { z } from 'zod';
import { portfolioAggregatesSchema } from '../domain/aggregates.js';
import { committeeMemberSchema, evaluationSchema } from '../domain/evaluation.js';
import { settingsSchema } from '../domain/settings.js';
import {
  committeeRoleSchema,
  instantSchema,
  stanceSchema,
  tierSchema,
} from '../domain/snapshot.js';

/**
 * The contract between the HubSpot UI (cards, settings page, app home in
 * `extensions/`) and our backend, which the UI calls with `hubspot.fetch`.
 * The backend validates with these schemas; `scripts/gen-extension-shared.ts`
 * emits them as TypeScript types into `extensions/app/shared/generated/`
 * (the UI cannot import zod or `src/`), and a test fails when they drift.
 *
 * Every failure that is not a 2xx carries `apiErrorSchema`. A portal that has
 * not installed the app (or whose install was removed) answers
 * `{ status: 'not_installed' }` with 200, so the UI can say what to do.
 */

/** Header carrying a client-made key; the backend answers a repeated key with the first result. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** Every endpoint: method and path template (`{name}` = a URL-encoded path parameter). */
export const endpoints = {
  companyCard: { method: 'GET', path: '/cards/company/{companyId}' },
  contactCard: { method: 'GET', path: '/cards/contact/{contactId}' },
  reevaluateCompany: { method: 'POST', path: '/cards/company/{companyId}/reevaluate' },
  updateCommittee: { method: 'PATCH', path: '/cards/contact/{contactId}/committee' },
  getSettings: { method: 'GET', path: '/settings' },
  previewSettings: { method: 'POST', path: '/settings/preview' },
  saveSettings: { method: 'PUT', path: '/settings' },
  settingsProgress: { method: 'GET', path: '/settings/progress/{jobId}' },
  portfolio: { method: 'GET', path: '/portfolio' },
} as const;
export type EndpointName = keyof typeof endpoints;

/** Endpoints that change state and so require the idempotency header. */
export const idempotentEndpoints: readonly EndpointName[] = [
  'reevaluateCompany',
  'updateCommittee',
  'saveSettings',
];

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum([
      'bad_request',
      'unauthorized',
      'forbidden',
      'not_found',
      'conflict',
      'rate_limited',
      'internal',
      'unavailable',
    ]),
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

const notInstalledSchema = z.object({ status: z.literal('not_installed') });

export const namedRecordSchema = z.object({ id: z.string(), name: z.string() });

export const portalInfoSchema = z.object({
  /** ISO 4217 home currency, for money in messages; null = show plain numbers. */
  currency: z.string().nullable(),
  timeZone: z.string(),
});

/** A HubSpot task made for an alert (3R: respond, then plan; or one digest past the daily budget). */
export const taskLinkSchema = z.object({
  root: z.string().describe('The alert root the task is for (OpenAlert.root)'),
  taskId: z.string(),
  kind: z.enum(['respond', 'plan', 'digest']),
  status: z.enum(['open', 'completed']),
  dueAt: instantSchema,
  /** Link to the task in HubSpot. */
  url: z.string(),
});
export type TaskLink = z.infer<typeof taskLinkSchema>;

/** The 3R deadlines of one alert root, on the configured SLA clock. */
export const alertSlaSchema = z.object({
  root: z.string(),
  respondBy: instantSchema,
  planBy: instantSchema,
  respondedAt: instantSchema.nullable(),
  plannedAt: instantSchema.nullable(),
  clock: z.enum(['wall', 'business']),
  /** Why no task exists, when none does. */
  noTask: z.enum(['baseline', 'workflow_only', 'level_not_tasked', 'digest']).nullable(),
});
export type AlertSla = z.infer<typeof alertSlaSchema>;

export const companyCardOkSchema = z.object({
  status: z.literal('ok'),
  company: namedRecordSchema,
  portal: portalInfoSchema,
  evaluation: evaluationSchema,
  /** Server time of this answer: SLA states are measured against it, not the browser clock. */
  renderedAt: instantSchema,
  lastEvaluatedAt: instantSchema,
  /** A recompute is queued or running for this company. */
  reevaluationQueued: z.boolean(),
  taskLinks: z.array(taskLinkSchema),
  sla: z.array(alertSlaSchema),
  /** False until HubSpot approves the app objects: reviews and alerts then live only in our store. */
  appObjectsAvailable: z.boolean(),
  /** Names for ids the evaluation mentions (owners and team users, deals). */
  labels: z.object({
    users: z.record(z.string(), z.string()),
    deals: z.record(z.string(), z.string()),
  }),
});

export const companyCardResponseSchema = z.discriminatedUnion('status', [
  companyCardOkSchema,
  z.object({
    status: z.literal('not_evaluated'),
    reevaluationQueued: z.boolean(),
    appObjectsAvailable: z.boolean(),
  }),
  notInstalledSchema,
]);
export type CompanyCardResponse = z.infer<typeof companyCardResponseSchema>;

export const contactCardResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    contact: namedRecordSchema,
    company: namedRecordSchema,
    portal: portalInfoSchema,
    /** This person as the committee analysis sees them at the company. */
    member: committeeMemberSchema,
    committee: z.object({
      rolesMissing: z.array(committeeRoleSchema),
      hasDecisionMaker: z.boolean(),
      singleThreaded: z.boolean(),
      opposingDecisionMaker: z.boolean(),
      isKeyAccount: z.boolean(),
    }),
    lastEvaluatedAt: instantSchema,
    renderedAt: instantSchema,
  }),
  z.object({ status: z.literal('no_company') }),
  z.object({ status: z.literal('not_evaluated'), company: namedRecordSchema }),
  notInstalledSchema,
]);
export type ContactCardResponse = z.infer<typeof contactCardResponseSchema>;

export const reevaluateResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('queued'), jobId: z.string(), queuedAt: instantSchema }),
  notInstalledSchema,
]);
export type ReevaluateResponse = z.infer<typeof reevaluateResponseSchema>;

export const committeeUpdateRequestSchema = z.object({
  companyId: z.string().min(1),
  roles: z.array(committeeRoleSchema),
  stance: stanceSchema.nullable(),
});
export type CommitteeUpdateRequest = z.infer<typeof committeeUpdateRequestSchema>;

export const committeeUpdateResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    member: committeeMemberSchema,
    /** Recompute queued by the change (null when nothing changed). */
    jobId: z.string().nullable(),
  }),
  notInstalledSchema,
]);
export type CommitteeUpdateResponse = z.infer<typeof committeeUpdateResponseSchema>;

export const getSettingsResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    settings: settingsSchema,
    updatedAt: instantSchema.nullable(),
    /** For the owner pickers (fallback owner, escalation). */
    owners: z.array(namedRecordSchema),
  }),
  notInstalledSchema,
]);
export type GetSettingsResponse = z.infer<typeof getSettingsResponseSchema>;

/** Where a zod issue points (`['score', 'weights']`) and what it says. */
export const settingsIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type SettingsIssue = z.infer<typeof settingsIssueSchema>;
const invalidSettingsSchema = z.object({
  status: z.literal('invalid'),
  issues: z.array(settingsIssueSchema),
});

const accountMoveSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  rankPct: z.number().int(),
});
const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    total: z.number().int().describe('All of them; items holds at most 50'),
    items: z.array(item),
  });
const beforeAfterSchema = z.object({ before: z.number().int(), after: z.number().int() });

export const settingsPreviewOkSchema = z.object({
  status: z.literal('ok'),
  accounts: z.number().int(),
  keyAccounts: beforeAfterSchema,
  entering: listOf(accountMoveSchema),
  leaving: listOf(accountMoveSchema),
  tierMoves: listOf(
    z.object({ accountId: z.string(), name: z.string(), from: tierSchema, to: tierSchema }),
  ),
  /** Open alert reasons by level, now and with the candidate settings. */
  alertCountChanges: z.object({
    red: beforeAfterSchema,
    yellow: beforeAfterSchema,
    green: beforeAfterSchema,
  }),
});
export const settingsPreviewResponseSchema = z.discriminatedUnion('status', [
  settingsPreviewOkSchema,
  invalidSettingsSchema,
  notInstalledSchema,
]);
export type SettingsPreviewResponse = z.infer<typeof settingsPreviewResponseSchema>;

export const saveSettingsResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), settings: settingsSchema, jobId: z.string() }),
  invalidSettingsSchema,
  notInstalledSchema,
]);
export type SaveSettingsResponse = z.infer<typeof saveSettingsResponseSchema>;

export const settingsProgressResponseSchema = z.object({
  jobId: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  processed: z.number().int(),
  total: z.number().int(),
  error: z.string().nullable(),
});
export type SettingsProgressResponse = z.infer<typeof settingsProgressResponseSchema>;

/** Query of GET /portfolio: an owner id or "none" (no owner), a segment value or "none". */
export const portfolioQuerySchema = z.object({
  owner: z.string().min(1).optional(),
  segment: z.string().min(1).optional(),
});
export type PortfolioQuery = z.infer<typeof portfolioQuerySchema>;

export const slaComplianceSchema = z.object({
  windowDays: z.number().int(),
  /** Alert roots whose respond task was due in the window. */
  due: z.number().int(),
  respondedOnTime: z.number().int(),
  respondedLate: z.number().int(),
  /** Still not responded and past the respond deadline. */
  openOverdue: z.number().int(),
  /** On time ÷ due × 100, one decimal; null when nothing was due. */
  compliancePct: z.number().nullable(),
});

export const portfolioResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    asOf: instantSchema,
    aggregates: portfolioAggregatesSchema,
    sla: slaComplianceSchema,
    owners: z.array(namedRecordSchema),
    segments: z.array(z.string()),
  }),
  notInstalledSchema,
]);
export type PortfolioResponse = z.infer<typeof portfolioResponseSchema>;

/** Request and response schema per endpoint (undefined request = no body). */
export const endpointSchemas = {
  companyCard: { request: undefined, response: companyCardResponseSchema },
  contactCard: { request: undefined, response: contactCardResponseSchema },
  reevaluateCompany: { request: undefined, response: reevaluateResponseSchema },
  updateCommittee: {
    request: committeeUpdateRequestSchema,
    response: committeeUpdateResponseSchema,
  },
  getSettings: { request: undefined, response: getSettingsResponseSchema },
  previewSettings: { request: settingsSchema, response: settingsPreviewResponseSchema },
  saveSettings: { request: settingsSchema, response: saveSettingsResponseSchema },
  settingsProgress: { request: undefined, response: settingsProgressResponseSchema },
  portfolio: { request: undefined, response: portfolioResponseSchema },
} as const satisfies Record<EndpointName, { request: z.ZodType | undefined; response: z.ZodType }>;
