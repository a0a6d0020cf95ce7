import type { Client } from '@hubspot/api-client';
import type { AppDeps } from '../app/deps.js';
import type { Settings } from '../domain/settings.js';
import { statusOf, withRetry } from '../hubspot/retry.js';
import type { Queryable } from '../store/db.js';
import { getSettings } from '../sync/settings-store.js';
import type { StoredEpisode } from './alert-types.js';
import { episodeReasons } from './alert-store.js';
import type { ContentContext } from './task-content.js';

/** What the outbox executors need: the store, the clock and HubSpot access. */
export type ExecDeps = Pick<AppDeps, 'db' | 'queue' | 'logger' | 'now' | 'hubspot'>;

/** A row whose prerequisite has not run yet (e.g. completing a task still being created): try again soon. */
export class DeferError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeferError';
  }
}

/** The company's name: from the mirror, else from HubSpot, else its id. */
export async function companyName(
  db: Queryable,
  client: Client | null,
  portalId: number,
  companyId: string,
): Promise<string> {
  const { rows } = await db.query<{ name: string | null }>(
    "SELECT properties->>'name' AS name FROM mirror_companies WHERE portal_id = $1 AND id = $2",
    [portalId, companyId],
  );
  const name = rows[0]?.name;
  if (name) return name;
  if (client) {
    try {
      const company = await withRetry(() =>
        client.crm.companies.basicApi.getById(companyId, ['name']),
      );
      if (company.properties.name) return company.properties.name;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return `#${companyId}`;
}

export async function portalCurrency(db: Queryable, portalId: number): Promise<string | null> {
  const { rows } = await db.query<{ currency: string | null }>(
    'SELECT currency FROM portals WHERE portal_id = $1',
    [portalId],
  );
  return rows[0]?.currency ?? null;
}

export interface EpisodeContent {
  settings: Settings;
  ctx: ContentContext;
  contactIds: string[];
}

/** Everything a task about this episode says, rendered from the current rows in the portal's language. */
export async function episodeContent(
  deps: ExecDeps,
  client: Client,
  portalId: number,
  episode: StoredEpisode,
  key: string,
  workflowReason?: string,
): Promise<EpisodeContent> {
  const settings = await getSettings(deps.db, portalId);
  const reasons =
    episode.source === 'engine' ? await episodeReasons(deps.db, portalId, episode.id) : [];
  const now = deps.now();
  const ctx: ContentContext = {
    locale: settings.locale,
    timeZone: settings.timeZone,
    currency: await portalCurrency(deps.db, portalId),
    companyName: await companyName(deps.db, client, portalId, episode.companyId),
    level: episode.level,
    reasons: reasons.map((r) => ({
      code: r.code,
      level: r.level,
      params: r.params,
      evidence: r.evidence,
    })),
    workflowReason,
    respondBy: episode.respondBy ?? now,
    planBy: episode.planBy ?? now,
    key,
  };
  const contactIds = [...new Set(reasons.flatMap((r) => r.evidence.contactIds))];
  return { settings, ctx, contactIds };
}
