import { z } from 'zod';

/**
 * One webhook event as HubSpot sends it (classic `contact.propertyChange` and
 * the 2026.03 generic `object.*` subscriptions). Only what we route on is
 * checked; unknown fields are kept so the inbox stores the event as received.
 * Association changes have no `objectId`: they carry from/to ids instead.
 */

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'must be digits')]);

export const webhookEventSchema = z
  .looseObject({
    eventId: id,
    subscriptionId: id.optional(),
    portalId: z.number().int().positive(),
    appId: id.optional(),
    occurredAt: z.number().int().nonnegative(),
    subscriptionType: z.string().min(1),
    attemptNumber: z.number().int().nonnegative().optional(),
    objectId: id.optional(),
    objectTypeId: z.string().optional(),
    propertyName: z.string().optional(),
    propertyValue: z.string().nullable().optional(),
    changeSource: z.string().optional(),
    sourceId: z.string().nullable().optional(),
    primaryObjectId: id.optional(),
    mergedObjectIds: z.array(id).optional(),
    newObjectId: id.optional(),
    associationType: z.string().optional(),
    associationTypeId: z.number().int().optional(),
    fromObjectId: id.optional(),
    fromObjectTypeId: z.string().optional(),
    toObjectId: id.optional(),
    toObjectTypeId: z.string().optional(),
    associationRemoved: z.boolean().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .superRefine((e, ctx) => {
    const isAssociation = e.fromObjectId !== undefined && e.toObjectId !== undefined;
    if (e.objectId === undefined && !isAssociation) {
      ctx.addIssue({
        code: 'custom',
        path: ['objectId'],
        message: 'is required (or fromObjectId and toObjectId for an association change)',
      });
    }
  });
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** HubSpot sends at most 100 events per request; the byte limit guards size, this guards shape. */
export const webhookBodySchema = z.array(webhookEventSchema).max(1000);

/** The object id an event is stored under: association changes use `from:to`. */
export function storedObjectId(e: WebhookEvent): string {
  if (e.objectId !== undefined) return String(e.objectId);
  return `${String(e.fromObjectId)}:${String(e.toObjectId)}`;
}

/**
 * The "property" part of the dedupe key: the property name, or for an
 * association change its type and direction, so adding and removing the same
 * association at the same instant stay two events.
 */
export function storedPropertyName(e: WebhookEvent): string | null {
  if (e.propertyName !== undefined) return e.propertyName;
  if (e.fromObjectId !== undefined && e.toObjectId !== undefined) {
    const type = e.associationTypeId ?? e.associationType ?? 'association';
    return `assoc:${String(type)}:${e.associationRemoved ? 'removed' : 'added'}`;
  }
  return null;
}
