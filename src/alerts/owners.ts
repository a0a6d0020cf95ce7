import type { Client } from '@hubspot/api-client';
import type { Queryable } from '../store/db.js';
import { statusOf, withRetry } from '../hubspot/retry.js';

/**
 * Who owns an alert task: the company owner, or `alerts.fallbackOwnerId` when
 * the company has none or its owner is deactivated. HubSpot's owners carry no
 * manager, so escalation goes to configured users instead (escalation.ts).
 *
 * Planning (inside the alert transaction) only knows the mirror
 * (`mirror_owners.archived`); the executor checks an owner the mirror does not
 * know with the owners API before assigning a task (cached for a while).
 */

export async function resolveOwnersFromMirror(
  db: Queryable,
  portalId: number,
  ownerIds: readonly (string | null)[],
  fallbackOwnerId: string | null,
): Promise<Map<string, string | null>> {
  const ids = [...new Set(ownerIds.filter((o): o is string => o !== null && o !== ''))];
  const archived = new Set<string>();
  if (ids.length > 0) {
    const { rows } = await db.query<{ id: string }>(
      'SELECT id FROM mirror_owners WHERE portal_id = $1 AND id = ANY($2::text[]) AND archived',
      [portalId, ids],
    );
    for (const r of rows) archived.add(r.id);
  }
  const out = new Map<string, string | null>();
  out.set('', fallbackOwnerId);
  for (const id of ids) out.set(id, archived.has(id) ? fallbackOwnerId : id);
  return out;
}

export function ownerFor(
  map: ReadonlyMap<string, string | null>,
  ownerId: string | null,
): string | null {
  return map.get(ownerId ?? '') ?? map.get('') ?? null;
}

interface CachedOwner {
  active: boolean;
  name: string | null;
  until: number;
}

const cache = new Map<string, CachedOwner>();
const CACHE_MS = 10 * 60_000;

export interface OwnerInfo {
  active: boolean;
  name: string | null;
}

/** Is the owner active in the portal (owners API; archived owners answer 404)? Cached 10 minutes. */
export async function ownerInfo(
  client: Client,
  portalId: number,
  ownerId: string,
  nowMs: number,
): Promise<OwnerInfo> {
  const key = `${portalId}:${ownerId}`;
  const hit = cache.get(key);
  if (hit && hit.until > nowMs) return { active: hit.active, name: hit.name };
  let info: OwnerInfo;
  try {
    const owner = await withRetry(() =>
      client.crm.owners.ownersApi.getById(Number(ownerId), 'id', false),
    );
    const name = [owner.firstName, owner.lastName].filter(Boolean).join(' ') || owner.email || null;
    info = { active: owner.archived !== true, name };
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    info = { active: false, name: null };
  }
  cache.set(key, { ...info, until: nowMs + CACHE_MS });
  return info;
}

/** The owner a new task gets: the planned owner if active, else the fallback (if active), else none. */
export async function activeOwner(
  client: Client,
  portalId: number,
  planned: string | null,
  fallback: string | null,
  nowMs: number,
): Promise<string | null> {
  for (const candidate of [planned, fallback]) {
    if (!candidate || !/^\d+$/.test(candidate)) continue;
    if ((await ownerInfo(client, portalId, candidate, nowMs)).active) return candidate;
  }
  return null;
}

/** For tests: forget cached owners. */
export function clearOwnerCache(): void {
  cache.clear();
}
