import { z } from 'zod';
import { PRIMARY_TYPE_IDS } from '../portal/association-types.js';
import type { ChangeEvent, ChangeKind } from '../portal/change-events.js';
import { singularObjectType, type Subscription } from './subscriptions.js';

/**
 * One event in a webhook POST body, as HubSpot sends it. Generic (`object.*`)
 * subscriptions add `objectTypeId`; association changes carry from/to fields
 * instead of `objectId`. The schema is exported so receivers can parse bodies.
 */
export const webhookEventSchema = z.object({
  eventId: z.number().int(),
  subscriptionId: z.number().int(),
  portalId: z.number().int(),
  appId: z.number().int(),
  occurredAt: z.number().int(),
  subscriptionType: z.string(),
  attemptNumber: z.number().int().min(0),
  objectId: z.number().int().optional(),
  objectTypeId: z.string().optional(),
  propertyName: z.string().optional(),
  propertyValue: z.string().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
  primaryObjectId: z.number().int().optional(),
  mergedObjectIds: z.array(z.number().int()).optional(),
  newObjectId: z.number().int().optional(),
  numberOfPropertiesMoved: z.number().int().optional(),
  associationType: z.string().optional(),
  associationTypeId: z.number().int().optional(),
  associationCategory: z.string().optional(),
  fromObjectId: z.number().int().optional(),
  fromObjectTypeId: z.string().optional(),
  toObjectId: z.number().int().optional(),
  toObjectTypeId: z.string().optional(),
  associationRemoved: z.boolean().optional(),
  isPrimaryAssociation: z.boolean().optional(),
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export const webhookBatchSchema = z.array(webhookEventSchema).max(100);

/** Does this subscription want this change? */
export function subscriptionMatches(sub: Subscription, e: ChangeEvent): boolean {
  return subscribedTo(
    sub,
    e.kind,
    singularObjectType(e.objectType),
    e.objectTypeId.toLowerCase(),
    e.propertyName,
  );
}

/** {@link subscriptionMatches} on a change's fields (`type` singular, `typeId` lower case). */
function subscribedTo(
  sub: Subscription,
  kind: ChangeKind,
  type: string,
  typeId: string,
  propertyName: string | undefined,
): boolean {
  if (!sub.active || sub.kind !== kind) return false;
  if (sub.objectType !== type && sub.objectType !== typeId) return false;
  if (sub.kind === 'propertyChange' && sub.propertyName !== propertyName) return false;
  return true;
}

/** Whether any of the subscriptions wants such a change (before an event is built). */
export function anySubscribed(
  subscriptions: Subscription[],
  kind: ChangeKind,
  objectType: string,
  objectTypeId: string,
  propertyName?: string,
): boolean {
  if (subscriptions.length === 0) return false;
  const type = singularObjectType(objectType);
  const typeId = objectTypeId.toLowerCase();
  return subscriptions.some((sub) => subscribedTo(sub, kind, type, typeId, propertyName));
}

const numericId = (id: string | undefined): number | undefined => {
  if (id === undefined) return undefined;
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : undefined;
};

function typeIdOf(name: string): string {
  const ids: Record<string, string> = {
    contact: '0-1',
    company: '0-2',
    deal: '0-3',
    ticket: '0-5',
    product: '0-7',
    line_item: '0-8',
    task: '0-27',
    note: '0-46',
    meeting: '0-47',
    call: '0-48',
    email: '0-49',
  };
  return ids[singularObjectType(name)] ?? name;
}

export interface EventIdentity {
  eventId: number;
  appId: number;
}

/** Builds the payload HubSpot would send for `e` under `sub` (first attempt). */
export function toWebhookEvent(e: ChangeEvent, sub: Subscription, id: EventIdentity): WebhookEvent {
  const event: WebhookEvent = {
    eventId: id.eventId,
    subscriptionId: sub.id,
    portalId: e.portalId,
    appId: id.appId,
    occurredAt: e.occurredAt,
    subscriptionType: sub.subscriptionType,
    attemptNumber: 0,
    changeSource: e.changeSource,
  };
  if (e.sourceId !== undefined) event.sourceId = e.sourceId;
  if (sub.generic) event.objectTypeId = e.objectTypeId;
  if (e.kind === 'associationChange' && e.association) {
    const a = e.association;
    const from = singularObjectType(a.fromObjectType);
    const to = singularObjectType(a.toObjectType);
    event.associationType = `${from}_TO_${to}`.toUpperCase();
    event.fromObjectId = numericId(a.fromObjectId);
    event.toObjectId = numericId(a.toObjectId);
    event.associationRemoved = a.removed;
    event.isPrimaryAssociation = PRIMARY_TYPE_IDS.has(a.associationTypeId);
    if (sub.generic) {
      delete event.objectTypeId;
      event.associationTypeId = a.associationTypeId;
      event.associationCategory = a.associationCategory;
      event.fromObjectTypeId = typeIdOf(a.fromObjectType);
      event.toObjectTypeId = typeIdOf(a.toObjectType);
    }
    return event;
  }
  event.objectId = numericId(e.objectId);
  if (e.kind === 'propertyChange') {
    event.propertyName = e.propertyName;
    event.propertyValue = e.propertyValue ?? '';
  }
  if (e.kind === 'merge') {
    event.primaryObjectId = numericId(e.primaryObjectId);
    event.mergedObjectIds = (e.mergedObjectIds ?? [])
      .map((m) => numericId(m))
      .filter((m): m is number => m !== undefined);
    event.newObjectId = numericId(e.newObjectId ?? e.primaryObjectId);
  }
  return event;
}
