import { z } from 'zod';

/**
 * Fault rules as the admin API accepts them. A rule matches by method and path
 * (a glob where `*` stays inside one path segment and `**` crosses them, or a
 * regular expression) and fires at `rate` (seeded, so runs repeat) until it
 * has fired `times` times, when given.
 */
export const faultActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.union([
      z.literal(429),
      z.literal(500),
      z.literal(502),
      z.literal(503),
      z.literal(504),
    ]),
    /** For 429: which HubSpot policy the body names (the api-client's retry waits differ). */
    policyName: z.enum(['TEN_SECONDLY_ROLLING', 'SECONDLY']).default('TEN_SECONDLY_ROLLING'),
  }),
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
  /** Never answers; the connection stays open until the client gives up. */
  z.object({ kind: z.literal('timeout') }),
]);
export type FaultAction = z.infer<typeof faultActionSchema>;

export const faultRuleSchema = z
  .object({
    id: z.string().min(1).optional(),
    method: z.string().min(1).default('*'),
    path: z.string().min(1).optional(),
    pathRegex: z.string().min(1).optional(),
    portalId: z.number().int().optional(),
    action: faultActionSchema,
    rate: z.number().min(0).max(1).default(1),
    times: z.number().int().min(1).optional(),
    seed: z.number().int().optional(),
  })
  .refine((r) => (r.path === undefined) !== (r.pathRegex === undefined), {
    message: 'give exactly one of path (glob) or pathRegex',
  });
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

/** Faults applied to outgoing webhook deliveries (each rate is per batch). */
export const webhookFaultSchema = z.object({
  dropRate: z.number().min(0).max(1).default(0),
  duplicateRate: z.number().min(0).max(1).default(0),
  reorderRate: z.number().min(0).max(1).default(0),
  seed: z.number().int().default(1),
});
export type WebhookFaults = z.infer<typeof webhookFaultSchema>;
export type WebhookFaultsInput = z.input<typeof webhookFaultSchema>;

/** `*` = one segment's characters, `**` = anything; everything else literal. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else {
      out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}
