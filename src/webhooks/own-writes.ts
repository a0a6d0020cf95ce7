import type { WebhookEvent } from './event-schema.js';

/**
 * Events caused by our own writes. HubSpot marks a change made through an
 * app's token with `changeSource: INTEGRATION` and the app in `sourceId`
 * (`<appId>`, or `app-<appId>` as the sandbox and some event families send
 * it). They are stored as `ignored` and never processed, so write-back never
 * feeds itself.
 */
export function isOwnWrite(event: WebhookEvent, appId: string | null): boolean {
  if (appId === null || appId === '') return false;
  const source = event.sourceId ?? null;
  if (source === null) return false;
  const named = source === appId || source === `app-${appId}`;
  // Some HubSpot event families leave changeSource out; a sourceId naming our app is enough.
  return named && (event.changeSource === undefined || event.changeSource === 'INTEGRATION');
}
