import { z } from 'zod';

/**
 * Rate-limit settings of the sandbox. Defaults follow HubSpot's published
 * limits for public (OAuth) apps: 110 requests per rolling 10 s per portal and
 * app, and 5 requests per second on the CRM search endpoints. HubSpot does not
 * publish its request-size ceiling; 3 MB is our assumption (configurable).
 */
export const rateLimitSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  tenSecondlyMax: z.number().int().min(1).default(110),
  intervalMs: z.number().int().min(100).default(10_000),
  searchPerSecond: z.number().int().min(1).default(5),
  maxBodyBytes: z.number().int().min(1).default(3_000_000),
});
export type RateLimitSettings = z.infer<typeof rateLimitSettingsSchema>;
export type RateLimitSettingsInput = z.input<typeof rateLimitSettingsSchema>;

export const defaultRateLimitSettings: RateLimitSettings = rateLimitSettingsSchema.parse({});
