import { z } from 'zod';
import { alertCodeSchema, alertLevelSchema } from './settings.js';

/**
 * The engine's input: one account (a HubSpot company) with everything the rules
 * read, already mapped from HubSpot records. Dates are local calendar dates
 * (YYYY-MM-DD) in the portal's time zone, so the engine never deals with zones.
 * Unknown values are null: the engine then uses the spec's neutral value and
 * says "not rated" / "estimated" — it never treats a missing input as zero.
 */

export const localDateSchema = z.iso.date().describe('Calendar date in the portal time zone, YYYY-MM-DD');
export const instantSchema = z.iso.datetime({ offset: true }).describe('ISO 8601 instant');

const rating = z.number().min(1).max(5).nullable().describe('Rep rating 1–5; null = not rated');
const advantage = z.number().int().min(-2).max(2).nullable().describe('−2 much worse … +2 much better; null = not rated');

export const committeeRoles = ['gatekeeper', 'buyer', 'user', 'decision_maker', 'influencer'] as const;
export const committeeRoleSchema = z.enum(committeeRoles);
export type CommitteeRole = z.infer<typeof committeeRoleSchema>;

export const stanceSchema = z.enum(['supporter', 'neutral', 'opponent']);
export type Stance = z.infer<typeof stanceSchema>;

export const lifecycleStages = ['stranger', 'user', 'customer', 'repeat', 'major'] as const;
export const lifecycleStageSchema = z.enum(lifecycleStages);
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>;

export const tierSchema = z.enum(['strategic', 'potential', 'profit', 'ordinary']);
export type Tier = z.infer<typeof tierSchema>;

export const purchaseFactorNames = [
  'brand',
  'industryStandard',
  'afterSales',
  'performance',
  'solutionSpeed',
  'supply',
  'price',
  'decisionRelationship',
] as const;
export const purchaseFactorNameSchema = z.enum(purchaseFactorNames);
export type PurchaseFactorName = z.infer<typeof purchaseFactorNameSchema>;

export const dealSchema = z.object({
  id: z.string().min(1),
  /** Amount in the portal's home currency; null when not set. */
  amount: z.number().nullable(),
  status: z.enum(['open', 'won', 'lost']),
  /** Close date (won/lost) or expected close (open). */
  closeDate: localDateSchema.nullable(),
  createDate: localDateSchema.nullable(),
  productLine: z.string().nullable(),
});
export type Deal = z.infer<typeof dealSchema>;

export const contactSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  roles: z.array(committeeRoleSchema).describe('Committee roles at this account (kam_buying_role, else mapped hs_buying_role)'),
  stance: stanceSchema.nullable(),
  closeness: rating,
  solutionAcceptance: rating,
  priceAcceptance: rating,
  /** Marked as gone (kam_left_company). Archived or unlinked contacts are simply absent. */
  left: z.boolean(),
});
export type Contact = z.infer<typeof contactSchema>;

export const engagementSchema = z.object({
  id: z.string().min(1),
  type: z.enum(['meeting', 'call', 'email']),
  date: localDateSchema,
  contactIds: z.array(z.string()),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const accountSchema = z.object({
  id: z.string().min(1).describe('HubSpot company id'),
  name: z.string(),
  ownerId: z.string().nullable().describe('Account manager = company owner'),
  segment: z.string().nullable().describe('Value of the configured segment field (industry by default)'),
  annualRevenue: z.number().min(0).nullable(),
  employees: z.number().min(0).nullable(),
  ratings: z.object({
    potential: rating,
    reference: rating,
    winnability: rating,
    strategicFit: rating,
    jointWork: rating,
  }),
  satisfaction: z.number().min(0).max(100).nullable(),
  renewal: z.object({
    date: localDateSchema.nullable(),
    intent: z.enum(['confirmed', 'likely', 'unclear', 'not_renewing']).nullable(),
  }),
  budgetStatus: z.enum(['approved', 'normal', 'frozen']).nullable(),
  competitorActive: z.boolean().nullable(),
  avgDaysToPay: z.number().min(0).nullable(),
  marginPct: z.number().min(-100).max(100).nullable(),
  productUsage: z.enum(['none', 'trial', 'active']).nullable(),
  purchaseFactors: z.object(
    Object.fromEntries(purchaseFactorNames.map((n) => [n, advantage])) as Record<PurchaseFactorName, typeof advantage>,
  ),
  team: z.object({
    solutionManagerId: z.string().nullable(),
    deliveryManagerId: z.string().nullable(),
    serviceManagerId: z.string().nullable(),
  }),
  pinnedStage: lifecycleStageSchema.nullable(),
  /** Free-text note of a routine service wobble (e.g. one late delivery): a green watch reason. */
  serviceIssue: z.string().nullable(),
  deals: z.array(dealSchema),
  contacts: z.array(contactSchema),
  engagements: z.array(engagementSchema),
});
export type Account = z.infer<typeof accountSchema>;

export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export const messageRefSchema = z.object({ code: z.string(), params: messageParamsSchema });
export type MessageRef = z.infer<typeof messageRefSchema>;

export const alertEvidenceSchema = z.object({
  contactIds: z.array(z.string()),
  dealIds: z.array(z.string()),
  facts: messageParamsSchema,
});
export type AlertEvidence = z.infer<typeof alertEvidenceSchema>;

export const openAlertSchema = z.object({
  code: alertCodeSchema,
  level: alertLevelSchema,
  params: messageParamsSchema,
  evidence: alertEvidenceSchema,
  openedAt: instantSchema,
  /** Reasons with one root (revenue and frequency falling) share a root and one task. */
  root: z.string(),
});
export type OpenAlert = z.infer<typeof openAlertSchema>;

export const quarterSnapshotSchema = z.object({
  quarter: z.string().regex(/^\d{4}Q[1-4]$/).describe('Fiscal quarter label, e.g. 2026Q3'),
  takenOn: localDateSchema,
  score: z.number(),
  health: z.number(),
  business: z.number(),
  relationship: z.number(),
  ecosystem: z.number(),
  revenue: z.number(),
  stage: lifecycleStageSchema,
  tier: tierSchema,
  isKeyAccount: z.boolean(),
});
export type QuarterSnapshot = z.infer<typeof quarterSnapshotSchema>;

export const stageChangeSchema = z.object({ stage: lifecycleStageSchema, on: localDateSchema });

/**
 * What is carried from one evaluation to the next (kept in our store): the
 * engine needs it for trends, backward moves, hysteresis and alert opened-at.
 */
export const accountStateSchema = z.object({
  evaluatedAt: instantSchema,
  score: z.number(),
  factors: z.object({ sales: z.number(), potential: z.number(), reference: z.number(), winnability: z.number() }),
  rankPct: z.number(),
  isKeyAccount: z.boolean(),
  tier: tierSchema,
  stage: lifecycleStageSchema,
  stageHistory: z.array(stageChangeSchema),
  health: z.number(),
  decisionMakerIds: z.array(z.string()),
  openAlerts: z.array(openAlertSchema),
  quarterSnapshots: z.array(quarterSnapshotSchema),
});
export type AccountState = z.infer<typeof accountStateSchema>;

export const accountInputSchema = z.object({
  account: accountSchema,
  previous: accountStateSchema.nullable(),
});
export type AccountInput = z.infer<typeof accountInputSchema>;
