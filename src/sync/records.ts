import { z } from 'zod';

/**
 * HubSpot records as the CRM v3 API returns them (only the parts we read):
 * every property value is a string or null, whatever the property's type.
 * Shared by the demo generator (which produces them), the sandbox seeding and
 * the mapper to the engine's `Account`.
 */

export const crmObjectTypes = [
  'companies',
  'contacts',
  'deals',
  'meetings',
  'calls',
  'emails',
] as const;
export const crmObjectTypeSchema = z.enum(crmObjectTypes);
export type CrmObjectType = z.infer<typeof crmObjectTypeSchema>;

export const engagementObjectTypes = ['meetings', 'calls', 'emails'] as const;
export type EngagementObjectType = (typeof engagementObjectTypes)[number];

export const hubspotRecordSchema = z.object({
  id: z.string().regex(/^\d+$/, 'HubSpot ids are numeric strings'),
  properties: z.record(z.string(), z.string().nullable()),
});
export type HubSpotRecord = z.infer<typeof hubspotRecordSchema>;

/**
 * One association between two records. `primary` marks HubSpot's "Primary"
 * label (contact→company type 1, deal→company type 5): a contact's committee
 * role and a deal's revenue count for the primary company only.
 */
export const associationSchema = z.object({
  fromType: crmObjectTypeSchema,
  fromId: z.string(),
  toType: crmObjectTypeSchema,
  toId: z.string(),
  primary: z.boolean(),
});
export type Association = z.infer<typeof associationSchema>;

/** An owner as `GET /crm/v3/owners` returns it (dates as the JSON ISO strings). */
export const ownerSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  userId: z.number().int(),
  userIdIncludingInactive: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
  type: z.enum(['PERSON', 'QUEUE']),
  teams: z.array(z.object({ id: z.string(), name: z.string(), primary: z.boolean() })),
});
export type Owner = z.infer<typeof ownerSchema>;

/** Engagement object type → the engine's engagement type. */
export const engagementTypeOf = { meetings: 'meeting', calls: 'call', emails: 'email' } as const;
