import { z } from 'zod';
import type { Queryable } from './db.js';

/**
 * Writes webhook events to the durable inbox in one statement, before the
 * request is acknowledged. A redelivered event (same portal, subscription,
 * eventId, objectId, occurredAt and property) is skipped by the unique index.
 */

export const inboxEventSchema = z.object({
  portalId: z.number().int().positive(),
  subscriptionType: z.string().min(1),
  eventId: z.union([z.string().min(1), z.number().int()]).transform(String),
  objectId: z.union([z.string().min(1), z.number().int()]).transform(String),
  /** Milliseconds since the epoch, as HubSpot sends it. */
  occurredAt: z.number().int().nonnegative(),
  propertyName: z.string().nullish(),
  /** The event exactly as received. */
  payload: z.unknown(),
});
export type InboxEvent = z.input<typeof inboxEventSchema>;

export interface EnqueueResult {
  inserted: number;
  duplicates: number;
  ids: number[];
}

const INSERT_SQL = `
  INSERT INTO webhook_inbox (portal_id, subscription_type, event_id, object_id, occurred_at, property_name, payload)
  SELECT e.portal_id, e.subscription_type, e.event_id, e.object_id, e.occurred_at, e.property_name, e.payload
    FROM jsonb_to_recordset($1::jsonb) AS e(
      portal_id bigint, subscription_type text, event_id text, object_id text,
      occurred_at timestamptz, property_name text, payload jsonb)
  ON CONFLICT DO NOTHING
  RETURNING id`;

export async function enqueueWebhookEvents(
  db: Queryable,
  events: readonly InboxEvent[],
): Promise<EnqueueResult> {
  if (events.length === 0) return { inserted: 0, duplicates: 0, ids: [] };
  const rows = events.map((raw) => {
    const e = inboxEventSchema.parse(raw);
    return {
      portal_id: e.portalId,
      subscription_type: e.subscriptionType,
      event_id: e.eventId,
      object_id: e.objectId,
      // Exact milliseconds as ISO text: the same event always maps to the same key.
      occurred_at: new Date(e.occurredAt).toISOString(),
      property_name: e.propertyName ?? null,
      payload: e.payload ?? null,
    };
  });
  const { rows: inserted } = await db.query<{ id: number }>(INSERT_SQL, [JSON.stringify(rows)]);
  return {
    inserted: inserted.length,
    duplicates: events.length - inserted.length,
    ids: inserted.map((r) => r.id),
  };
}
