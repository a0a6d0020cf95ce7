import { z } from 'zod';

/**
 * Every default of ../shared/domain.md as one zod schema. Each section can be
 * given partially; missing keys take the spec's default. Cross-field rules
 * (weights summing to 1, band order) are checked with messages that name the
 * field and the rule.
 */

const SUM_TOLERANCE = 1e-6;
const pct = (d: number) => z.number().min(0).max(100).default(d);
const fraction = (d: number) => z.number().min(0).max(1).default(d);
const days = (d: number) => z.number().int().min(1).max(3650).default(d);

function sumsToOne<T extends Record<string, number>>(path: string) {
  return (value: T, ctx: z.RefinementCtx) => {
    const sum = Object.values(value).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        message: `${path} must sum to 1, got ${Number(sum.toFixed(6))}`,
      });
    }
  };
}

export const factorNames = ['sales', 'potential', 'reference', 'winnability'] as const;
export const factorNameSchema = z.enum(factorNames);
export type FactorName = z.infer<typeof factorNameSchema>;

const scoreWeightsSchema = z
  .object({
    sales: fraction(0.4),
    potential: fraction(0.3),
    reference: fraction(0.15),
    winnability: fraction(0.15),
  })
  .superRefine(sumsToOne('score.weights'));

const winnabilityBlendSchema = z
  .object({ rating: fraction(0.4), winRate: fraction(0.4), purchaseFactors: fraction(0.2) })
  .superRefine(sumsToOne('score.winnabilityBlend'));

export const scoreSettingsSchema = z.object({
  weights: scoreWeightsSchema.default({ sales: 0.4, potential: 0.3, reference: 0.15, winnability: 0.15 }),
  /** Top X % of the ranking are key accounts. */
  keyAccountSharePct: z.number().gt(0).max(100).default(20),
  /** Apply the share within each segment instead of the whole portal. */
  perSegment: z.boolean().default(false),
  /** Company property that defines the segment (peer group for percentiles). */
  segmentField: z.string().min(1).default('industry'),
  /** An account already key stays key while its rank percentile ≤ X + this margin. */
  hysteresisPts: z.number().min(0).max(50).default(2),
  salesWindowMonths: z.number().int().min(1).max(60).default(12),
  winRateWindowMonths: z.number().int().min(1).max(120).default(24),
  winnabilityBlend: winnabilityBlendSchema.default({ rating: 0.4, winRate: 0.4, purchaseFactors: 0.2 }),
  disqualifiers: z
    .object({
      maxAvgDaysToPay: z
        .object({ enabled: z.boolean().default(true), limit: z.number().min(0).default(90) })
        .default({ enabled: true, limit: 90 }),
      minMarginPct: z
        .object({ enabled: z.boolean().default(true), floor: z.number().min(-100).max(100).default(10) })
        .default({ enabled: true, floor: 10 }),
    })
    .default({ maxAvgDaysToPay: { enabled: true, limit: 90 }, minMarginPct: { enabled: true, floor: 10 } }),
  /** Portfolio statistics are rebuilt when more than this share of accounts changed. */
  statsRebuildChangedPct: pct(5),
});

export const tierSettingsSchema = z.object({
  contributionCut: pct(50),
  importanceCut: pct(50),
  /** When set, contribution = percentile of trailing revenue × margin. */
  useMargin: z.boolean().default(false),
});

export const lifecycleSettingsSchema = z.object({
  userEngagementDays: days(180),
  repeatMinQuarters: z.number().int().min(1).max(8).default(2),
  majorMinQuarters: z.number().int().min(1).max(8).default(3),
  quartersWindow: z.number().int().min(1).max(8).default(4),
  majorRevenuePercentile: pct(80),
});

const healthWeightsSchema = z
  .object({ business: fraction(0.4), relationship: fraction(0.4), ecosystem: fraction(0.2) })
  .superRefine(sumsToOne('health.weights'));

export const healthSettingsSchema = z
  .object({
    weights: healthWeightsSchema.default({ business: 0.4, relationship: 0.4, ecosystem: 0.2 }),
    bands: z
      .object({ healthy: pct(70), watch: pct(40) })
      .default({ healthy: 70, watch: 40 })
      .superRefine((b, ctx) => {
        if (b.watch >= b.healthy) {
          ctx.addIssue({
            code: 'custom',
            message: `health.bands.watch must be below health.bands.healthy, got ${b.watch} ≥ ${b.healthy}`,
          });
        }
      }),
    stabilityQuarters: z.number().int().min(2).max(8).default(4),
    /** Growth/frequency mapping: −span % → 0, 0 % → 50, +span % → 100. */
    growthSpanPct: z.number().gt(0).max(1000).default(50),
    frequencyWindowDays: days(180),
    interactionWindowDays: days(90),
    coverage: z
      .object({
        decisionMaker: z.number().min(0).max(100).default(40),
        influencer: z.number().min(0).max(100).default(20),
        user: z.number().min(0).max(100).default(20),
        buyer: z.number().min(0).max(100).default(10),
        gatekeeper: z.number().min(0).max(100).default(10),
        opposingDecisionMakerPenalty: z.number().min(0).max(100).default(20),
        singleThreadedCap: z.number().min(0).max(100).default(40),
      })
      .default({
        decisionMaker: 40,
        influencer: 20,
        user: 20,
        buyer: 10,
        gatekeeper: 10,
        opposingDecisionMakerPenalty: 20,
        singleThreadedCap: 40,
      }),
    ecosystem: z
      .object({
        pointsPerProductLine: z.number().min(0).max(100).default(25),
        widenedBonus: z.number().min(0).max(100).default(20),
        breadthWeight: fraction(0.6),
        jointWorkWeight: fraction(0.4),
        productLineWindowMonths: z.number().int().min(1).max(120).default(24),
      })
      .default({
        pointsPerProductLine: 25,
        widenedBonus: 20,
        breadthWeight: 0.6,
        jointWorkWeight: 0.4,
        productLineWindowMonths: 24,
      }),
  });

export const alertCodes = [
  // red
  'decision_maker_left',
  'budget_frozen',
  'competitor_entered',
  // yellow
  'satisfaction_low',
  'renewal_unclear',
  'revenue_falling',
  'frequency_falling',
  'cadence_overdue',
  'no_decision_maker',
  'single_threaded',
  'stage_moved_back',
  'health_fell',
  // green (watch)
  'service_wobble',
] as const;
export const alertCodeSchema = z.enum(alertCodes);
export type AlertCode = z.infer<typeof alertCodeSchema>;

export const alertLevelSchema = z.enum(['red', 'yellow', 'green']);
export type AlertLevel = z.infer<typeof alertLevelSchema>;

export const alertSettingsSchema = z.object({
  /** Reasons switched off by the admin. */
  disabled: z.array(alertCodeSchema).default([]),
  satisfactionBelow: pct(70),
  renewalWindowDays: days(90),
  revenueFallPct: z.number().gt(0).max(100).default(15),
  revenueFallMode: z.enum(['year_over_year', 'quarter_over_quarter']).default('year_over_year'),
  frequencyFallRatio: z.number().gt(0).max(1).default(0.7),
  frequencyMinEarlier: z.number().int().min(1).default(2),
  healthFellPts: z.number().gt(0).max(100).default(15),
  /** A reason that clears and returns within this period reopens the same alert. */
  quietPeriodHours: z.number().min(0).max(24 * 90).default(72),
  createTasks: z.enum(['auto', 'workflow-only']).default('auto'),
  taskLevels: z.array(alertLevelSchema).default(['red', 'yellow']),
  baselineWithoutTasks: z.boolean().default(true),
  dailyTaskBudgetPerOwner: z.number().int().min(1).max(1000).default(10),
  respondHours: z.number().gt(0).max(24 * 30).default(2),
  planHours: z.number().gt(0).max(24 * 90).default(24),
  slaClock: z.enum(['wall', 'business']).default('wall'),
  businessHours: z
    .object({ startHour: z.number().int().min(0).max(23).default(9), endHour: z.number().int().min(1).max(24).default(18) })
    .default({ startHour: 9, endHour: 18 }),
  completeTasksWhenCleared: z.boolean().default(true),
  fallbackOwnerId: z.string().nullable().default(null),
  escalationOwnerIds: z.array(z.string()).default([]),
});

export const cadenceSettingsSchema = z.object({
  weeklyDays: days(7),
  biweeklyDays: days(14),
  monthlyDays: days(30),
  quarterlyDays: days(91),
  overdueFactor: z.number().gt(1).max(10).default(1.5),
  newRelationshipMonths: z.number().int().min(1).max(120).default(3),
  establishedMonths: z.number().int().min(1).max(240).default(12),
  strategicMonthlyExecutive: z.boolean().default(true),
});

export const committeeSettingsSchema = z.object({
  /** A role not engaged for this long is shown as stale. */
  staleDays: days(90),
});

export const portfolioSettingsSchema = z.object({
  /** More key accounts than this per rep is flagged as overload. */
  maxKeyAccountsPerRep: z.number().int().min(1).max(1000).default(15),
});

export const mappingSettingsSchema = z.object({
  /** Deal property that holds the product line. */
  productLineProperty: z.string().min(1).default('kam_product_line'),
  /** Company property holding margin in percent, when the portal has one. */
  marginProperty: z.string().min(1).default('kam_margin_pct'),
  /** HubSpot's hs_buying_role values → our committee roles, used when kam_buying_role is empty. */
  buyingRoleFallback: z
    .record(z.string(), z.enum(['gatekeeper', 'buyer', 'user', 'decision_maker', 'influencer']))
    .default({
      DECISION_MAKER: 'decision_maker',
      BUDGET_HOLDER: 'decision_maker',
      INFLUENCER: 'influencer',
      CHAMPION: 'influencer',
      END_USER: 'user',
      BLOCKER: 'gatekeeper',
      LEGAL_AND_COMPLIANCE: 'gatekeeper',
      EXECUTIVE_SPONSOR: 'decision_maker',
      OTHER: 'influencer',
    }),
  /** How far back engagements are read. */
  engagementLookbackDays: days(400),
});

export const settingsSchema = z.object({
  locale: z.enum(['en', 'zh-CN']).default('en'),
  timeZone: z
    .string()
    .default('UTC')
    .superRefine((tz, ctx) => {
      if (!isTimeZone(tz)) {
        ctx.addIssue({ code: 'custom', message: `timeZone must be an IANA time zone such as "Asia/Shanghai", got "${tz}"` });
      }
    }),
  /** 1 = calendar quarters; otherwise the month the fiscal year starts. */
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
  score: scoreSettingsSchema.default(scoreSettingsSchema.parse({})),
  tier: tierSettingsSchema.default(tierSettingsSchema.parse({})),
  lifecycle: lifecycleSettingsSchema.default(lifecycleSettingsSchema.parse({})),
  health: healthSettingsSchema.default(healthSettingsSchema.parse({})),
  alerts: alertSettingsSchema.default(alertSettingsSchema.parse({})),
  cadence: cadenceSettingsSchema.default(cadenceSettingsSchema.parse({})),
  committee: committeeSettingsSchema.default(committeeSettingsSchema.parse({})),
  portfolio: portfolioSettingsSchema.default(portfolioSettingsSchema.parse({})),
  mapping: mappingSettingsSchema.default(mappingSettingsSchema.parse({})),
});

export type Settings = z.infer<typeof settingsSchema>;
/** What an admin may send: any subset, validated against the same schema. */
export type SettingsInput = z.input<typeof settingsSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const defaultSettings: Settings = settingsSchema.parse({});
