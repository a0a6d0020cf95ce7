import type { AppDeps } from '../src/app/deps.js';
import { fromZodError, ValidationError } from '../src/errors.js';
import { oauthApp } from '../src/hubspot/oauth.js';
import { QUEUES, singletonKeys } from '../src/jobs/job-names.js';
import { webhookEvents } from '../src/server/metrics.js';
import { header, type HandlerRequest, type HandlerResponse } from '../src/server/handler.js';
import { enqueueWebhookEvents, type InboxEvent } from '../src/store/webhook-inbox.js';
import {
  storedObjectId,
  storedPropertyName,
  webhookBodySchema,
  type WebhookEvent,
} from '../src/webhooks/event-schema.js';
import { isOwnWrite } from '../src/webhooks/own-writes.js';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyV3Signature,
} from '../src/webhooks/signature.js';

/**
 * POST /webhooks/hubspot — HubSpot's webhook deliveries. Verify (v3 signature
 * against the public URL HubSpot called), validate, store every event in the
 * durable inbox in one transaction, answer 200. Nothing is processed here: a
 * `process-inbox` job (one queued per portal, so bursts coalesce) and a
 * periodic sweep do that. Events caused by our own writes are stored as
 * `ignored`, so write-back never feeds itself.
 */

export const WEBHOOK_PATH = '/webhooks/hubspot';
/** HubSpot sends at most 100 events per request; a megabyte is far above that. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

function toInboxEvent(e: WebhookEvent): InboxEvent {
  return {
    portalId: e.portalId,
    subscriptionType: e.subscriptionType,
    eventId: String(e.eventId),
    objectId: storedObjectId(e),
    occurredAt: e.occurredAt,
    propertyName: storedPropertyName(e),
    payload: e,
  };
}

function parseBody(raw: string): WebhookEvent[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ValidationError('request body: must be a JSON array of webhook events');
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success) throw fromZodError(parsed.error, 'body', json);
  return parsed.data;
}

export async function handleWebhook(deps: AppDeps, req: HandlerRequest): Promise<HandlerResponse> {
  // Our app's client secret (the sandbox demo app's in sandbox mode) signs every delivery.
  const secret = oauthApp(deps.config).clientSecret;
  const rawBody = (req.rawBody ?? Buffer.alloc(0)).toString('utf8');
  try {
    verifyV3Signature(
      {
        method: req.method,
        url: `${deps.config.publicBaseUrl}${req.originalUrl}`,
        rawBody,
        signature: header(req, SIGNATURE_HEADER),
        timestamp: header(req, TIMESTAMP_HEADER),
      },
      secret.reveal(),
      Date.now(),
    );
  } catch (err) {
    webhookEvents.inc({ result: 'rejected' });
    throw err;
  }
  let events: WebhookEvent[];
  try {
    events = parseBody(rawBody);
  } catch (err) {
    webhookEvents.inc({ result: 'rejected' });
    throw err;
  }
  const appId = deps.hubspot.appId || deps.config.hubspot.appId;
  const own = events.filter((e) => isOwnWrite(e, appId));
  const theirs = events.filter((e) => !isOwnWrite(e, appId));
  const stored = await deps.db.transaction(async (tx) => {
    const fresh = await enqueueWebhookEvents(tx, theirs.map(toInboxEvent));
    const ours = await enqueueWebhookEvents(tx, own.map(toInboxEvent));
    if (ours.ids.length > 0) {
      await tx.query(
        `UPDATE webhook_inbox SET status = 'ignored', processed_at = now(), last_error = 'own write'
          WHERE id = ANY($1::bigint[])`,
        [ours.ids],
      );
    }
    return { fresh, ours };
  });
  webhookEvents.inc({ result: 'stored' }, stored.fresh.inserted);
  webhookEvents.inc({ result: 'duplicate' }, stored.fresh.duplicates + stored.ours.duplicates);
  webhookEvents.inc({ result: 'own_write' }, stored.ours.inserted);
  // Not awaited: the answer must not wait for the job insert (on PGlite it queues behind running
  // jobs). Should it be lost, the periodic sweep processes the rows anyway.
  if (stored.fresh.inserted > 0) void triggerProcessing(deps, req, theirs);
  req.logger.info(
    { events: events.length, stored: stored.fresh.inserted, ownWrites: own.length },
    'webhook stored',
  );
  const portals = new Set(events.map((e) => e.portalId));
  return {
    status: 200,
    ...(portals.size === 1 ? { portalId: [...portals][0] } : {}),
    body: {
      received: events.length,
      stored: stored.fresh.inserted,
      duplicates: stored.fresh.duplicates + stored.ours.duplicates,
      ignored: stored.ours.inserted,
    },
  };
}

/** Queues processing per portal; a failure only delays it until the periodic sweep. */
async function triggerProcessing(
  deps: AppDeps,
  req: HandlerRequest,
  events: WebhookEvent[],
): Promise<void> {
  if (!deps.queue) return;
  for (const portalId of new Set(events.map((e) => e.portalId))) {
    try {
      await deps.queue.send(
        QUEUES.processInbox,
        { portalId },
        { singletonKey: singletonKeys.inbox(portalId) },
      );
    } catch (err) {
      req.logger.warn(
        { err, portalId },
        'could not queue inbox processing; the sweep will pick it up',
      );
    }
  }
}
