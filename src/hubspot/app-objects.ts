import type { Client } from '@hubspot/api-client';
import { callHubSpot, upstreamStatusOf, type CallOptions } from './call.js';

/**
 * Whether the portal has our app objects (declared in
 * extensions/app/app-objects/*-hsmeta.json; they need HubSpot's approval) and
 * granted their optional scope. Without them, reviews and alerts live in our
 * store and on the cards only.
 */

export const APP_OBJECTS = [
  { uid: 'kam_account_review', name: 'KAM_ACCOUNT_REVIEW' },
  { uid: 'kam_alert', name: 'KAM_ALERT' },
] as const;
export type AppObjectUid = (typeof APP_OBJECTS)[number]['uid'];

export const APP_OBJECTS_SCOPE = 'crm.objects.custom.write';

export interface AppObjectsStatus {
  available: boolean;
  /** objectTypeId per app object found. */
  objectTypeIds: Partial<Record<AppObjectUid, string>>;
  reason: 'available' | 'scope_not_granted' | 'not_in_portal' | 'schemas_unreadable';
}

function matches(
  schema: { name?: string; fullyQualifiedName?: string },
  o: (typeof APP_OBJECTS)[number],
) {
  return [schema.name, schema.fullyQualifiedName].some((n) => {
    const v = (n ?? '').toLowerCase();
    return v === o.uid || v === o.name.toLowerCase() || v.endsWith(`_${o.uid}`);
  });
}

export async function detectAppObjects(
  client: Client,
  grantedScopes: readonly string[],
  options: CallOptions = {},
): Promise<AppObjectsStatus> {
  if (!grantedScopes.includes(APP_OBJECTS_SCOPE))
    return { available: false, objectTypeIds: {}, reason: 'scope_not_granted' };
  let schemas;
  try {
    schemas = await callHubSpot(
      'GET /crm-object-schemas/v3/schemas',
      () => client.crm.schemas.coreApi.getAll(false),
      options,
    );
  } catch (error) {
    // No permission to list schemas is an answer too: we cannot use them.
    const status = upstreamStatusOf(error);
    if (status === 401 || status === 403 || status === 404)
      return { available: false, objectTypeIds: {}, reason: 'schemas_unreadable' };
    throw error;
  }
  const objectTypeIds: Partial<Record<AppObjectUid, string>> = {};
  for (const o of APP_OBJECTS) {
    const found = schemas.results.find((s) => matches(s, o));
    if (found) objectTypeIds[o.uid] = found.objectTypeId ?? found.id;
  }
  const available = APP_OBJECTS.every((o) => objectTypeIds[o.uid] !== undefined);
  return { available, objectTypeIds, reason: available ? 'available' : 'not_in_portal' };
}
