import { z } from 'zod';
import { alertCodeSchema, alertLevelSchema, factorNameSchema } from './settings.js';
import {
  accountStateSchema,
  committeeRoleSchema,
  instantSchema,
  lifecycleStageSchema,
  localDateSchema,
  messageParamsSchema,
  messageRefSchema,
  openAlertSchema,
  purchaseFactorNameSchema,
  quarterSnapshotSchema,
  stageChangeSchema,
  stanceSchema,
  tierSchema,
} from './snapshot.js';

/**
 * The engine's output for one account. Every number carries how it was made
 * (basis + message refs with parameters); text is rendered later from the
 * message catalog in the user's language.
 */

export const valueBasisSchema = z.enum(['computed', 'rating', 'estimated', 'not_rated', 'none']);
export type ValueBasis = z.infer<typeof valueBasisSchema>;

export const factorResultSchema = z.object({
  name: factorNameSchema,
  value: z.number().min(0).max(100).describe('0–100, one decimal'),
  weight: z.number(),
  contribution: z.number().describe('weight × value, one decimal'),
  basis: valueBasisSchema,
  explanation: z.array(messageRefSchema),
});
export type FactorResult = z.infer<typeof factorResultSchema>;

export const scoreResultSchema = z.object({
  value: z.number().min(0).max(100),
  factors: z.object({
    sales: factorResultSchema,
    potential: factorResultSchema,
    reference: factorResultSchema,
    winnability: factorResultSchema,
  }),
  trailingRevenue: z.number().describe('Closed-won revenue, trailing window (home currency)'),
  /** Previous score and what moved it, largest change first. */
  previous: z.number().nullable(),
  changes: z.array(z.object({ factor: factorNameSchema, from: z.number(), to: z.number(), contributionDelta: z.number() })),
  explanation: z.array(messageRefSchema),
});
export type ScoreResult = z.infer<typeof scoreResultSchema>;

export const rankResultSchema = z.object({
  position: z.number().int().min(1),
  of: z.number().int().min(1),
  /** Whole number: 100 × position ÷ n rounded up (1 = the very top). */
  pct: z.number().int().min(0).max(100),
  scope: z.enum(['portal', 'segment']),
  isKeyAccount: z.boolean(),
  disqualifiers: z.array(messageRefSchema),
  reason: messageRefSchema,
  change: z.enum(['entered', 'left', 'stayed_by_hysteresis']).nullable(),
});
export type RankResult = z.infer<typeof rankResultSchema>;

export const tierResultSchema = z.object({
  tier: tierSchema,
  contribution: z.number(),
  importance: z.number(),
  contributionHigh: z.boolean(),
  importanceHigh: z.boolean(),
  previous: tierSchema.nullable(),
  explanation: z.array(messageRefSchema),
});
export type TierResult = z.infer<typeof tierResultSchema>;

export const lifecycleResultSchema = z.object({
  stage: lifecycleStageSchema.describe('Shown stage: the pinned one when pinned'),
  computedStage: lifecycleStageSchema,
  pinned: z.boolean(),
  rule: messageRefSchema,
  history: z.array(stageChangeSchema),
  movedBackward: z.boolean(),
  previous: lifecycleStageSchema.nullable(),
  nextControlPoint: messageRefSchema,
  wonQuartersInWindow: z.number().int(),
});
export type LifecycleResult = z.infer<typeof lifecycleResultSchema>;

export const committeeMemberSchema = z.object({
  contactId: z.string(),
  name: z.string(),
  roles: z.array(committeeRoleSchema),
  stance: stanceSchema.nullable(),
  closeness: z.number().nullable(),
  solutionAcceptance: z.number().nullable(),
  priceAcceptance: z.number().nullable(),
  lastTouch: localDateSchema.nullable(),
});

export const committeeResultSchema = z.object({
  members: z.array(committeeMemberSchema),
  rolesFilled: z.array(committeeRoleSchema),
  rolesMissing: z.array(committeeRoleSchema),
  hasDecisionMaker: z.boolean(),
  decisionMakerIds: z.array(z.string()),
  singleThreaded: z.boolean().describe('Only one engaged person in the interaction window'),
  engagedContacts: z.number().int(),
  opposingDecisionMaker: z.boolean(),
  closenessToDecisionMaker: z.number().nullable().describe('Best closeness (1–5) among decision makers'),
  roleStaleness: z.array(
    z.object({ role: committeeRoleSchema, lastTouch: localDateSchema.nullable(), daysSince: z.number().nullable(), stale: z.boolean() }),
  ),
  gaps: z.array(messageRefSchema),
});
export type CommitteeResult = z.infer<typeof committeeResultSchema>;

export const healthPartSchema = z.object({ value: z.number(), basis: valueBasisSchema, explanation: messageRefSchema });

export const healthResultSchema = z.object({
  overall: z.number(),
  band: z.enum(['healthy', 'watch', 'at_risk']),
  business: z.number(),
  relationship: z.number(),
  ecosystem: z.number(),
  parts: z.object({
    stability: healthPartSchema,
    growth: healthPartSchema,
    frequency: healthPartSchema,
    interaction: healthPartSchema,
    satisfaction: healthPartSchema,
    coverage: healthPartSchema,
    breadth: healthPartSchema,
    jointWork: healthPartSchema,
  }),
  previous: z.number().nullable(),
  change: z.number().nullable(),
  /** Health at the last quarterly snapshot, and the change against it. */
  lastQuarter: z.object({ quarter: z.string(), health: z.number(), change: z.number() }).nullable(),
});
export type HealthResult = z.infer<typeof healthResultSchema>;

export const closedAlertSchema = z.object({
  code: alertCodeSchema,
  level: alertLevelSchema,
  openedAt: instantSchema,
  closedAt: instantSchema,
  reason: messageRefSchema,
});

export const alertsResultSchema = z.object({
  level: z.enum(['red', 'yellow', 'green', 'none']),
  open: z.array(openAlertSchema).describe('Sorted by precedence: red first'),
  opened: z.array(alertCodeSchema).describe('Reasons opened by this evaluation'),
  closed: z.array(closedAlertSchema).describe('Reasons closed by this evaluation'),
  skipped: z
    .array(z.object({ code: alertCodeSchema, reason: messageRefSchema }))
    .describe('Reasons not checked: switched off, or a trend rule without a previous value to compare with'),
});
export type AlertsResult = z.infer<typeof alertsResultSchema>;

export const cadenceIntervalSchema = z.object({
  kind: z.enum(['formal_touch', 'business_review', 'executive_touch', 'strategy_session']),
  days: z.number().int(),
  lastTouch: localDateSchema.nullable(),
  nextDue: localDateSchema.nullable(),
  overdueOn: localDateSchema.nullable(),
  overdue: z.boolean(),
});

export const cadenceResultSchema = z.object({
  relationshipAgeDays: z.number().int().nullable().describe('Since the first won deal; null = no won deal yet'),
  phase: z.enum(['none', 'new', 'developing', 'established']),
  intervals: z.array(cadenceIntervalSchema),
  lastTouch: localDateSchema.nullable(),
  nextDue: localDateSchema.nullable(),
  overdue: z.boolean(),
  expectedTouchesPer90Days: z.number(),
  /** Phase and each interval's state, as message refs (always filled by evaluateCadence). */
  explanation: z.array(messageRefSchema).optional(),
});
export type CadenceResult = z.infer<typeof cadenceResultSchema>;

export const purchaseFactorsResultSchema = z.object({
  ratings: z.array(z.object({ factor: purchaseFactorNameSchema, value: z.number().nullable() })),
  rated: z.number().int(),
  /** Mean advantage −2…+2 mapped to 0…100; null when none rated. */
  advantage: z.number().nullable(),
  gaps: z.array(purchaseFactorNameSchema).describe('Factors where we are behind, worst first'),
});
export type PurchaseFactorsResult = z.infer<typeof purchaseFactorsResultSchema>;

export const teamRoleSchema = z.enum(['account_manager', 'solution_manager', 'delivery_manager', 'service_manager']);
export const teamResultSchema = z.object({
  phase: z.enum(['winning', 'closing', 'delivery']),
  members: z.array(z.object({ role: teamRoleSchema, userId: z.string().nullable() })),
  required: z.array(teamRoleSchema),
  missing: z.array(teamRoleSchema),
  gap: z.boolean().describe('A key account missing a needed role'),
  /** Why this phase, and each missing role, as message refs (always filled by evaluateTeam). */
  explanation: z.array(messageRefSchema).optional(),
});
export type TeamResult = z.infer<typeof teamResultSchema>;

export const evaluationSchema = z.object({
  accountId: z.string(),
  asOf: instantSchema,
  today: localDateSchema,
  segment: z.string().nullable(),
  ownerId: z.string().nullable(),
  score: scoreResultSchema,
  rank: rankResultSchema,
  tier: tierResultSchema,
  lifecycle: lifecycleResultSchema,
  committee: committeeResultSchema,
  health: healthResultSchema,
  alerts: alertsResultSchema,
  cadence: cadenceResultSchema,
  purchaseFactors: purchaseFactorsResultSchema,
  team: teamResultSchema,
  /** Snapshot taken by this evaluation for a quarter that had none. */
  quarterSnapshot: quarterSnapshotSchema.nullable(),
  /** One-line "why it changed since last time" for kam_score_explanation. */
  summary: z.array(messageRefSchema),
  state: accountStateSchema,
});
export type Evaluation = z.infer<typeof evaluationSchema>;

export { messageParamsSchema };
