import type { Client } from '@hubspot/api-client';
import type { AppDeps } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { detectAppObjects, type AppObjectsStatus } from './app-objects.js';
import { callHubSpot, upstreamStatusOf, type CallOptions } from './call.js';
import {
  DATA_MODEL_VERSION,
  KAM_GROUP,
  kamGroups,
  kamProperties,
  type KamObjectType,
  type PropertyDefinition,
} from './data-model.js';
import { PortalNotInstalledError } from './portal-errors.js';
import { readExisting, toCreate, toUpdate } from './provisioning-api.js';
import { planProperties, type PropertyConflict } from './provisioning-plan.js';

/**
 * Puts our data model into a portal: the `kam` property group and the kam_*
 * properties of data-model.ts on companies, contacts and deals, through the
 * Properties API (one batch read and at most one batch create per object
 * type; a patch per property whose definition changed). Versioned: once a
 * portal is at DATA_MODEL_VERSION, running it again does nothing (no call)
 * unless forced. A conflicting property is reported and keeps the version from
 * being recorded, so the next run looks again.
 */

export { removeDataModel } from './data-model-removal.js';
export { readExisting } from './provisioning-api.js';
export type { PropertyConflict } from './provisioning-plan.js';

export const PROVISIONED_TYPES: readonly KamObjectType[] = ['companies', 'contacts', 'deals'];

export interface PropertyRef {
  objectType: KamObjectType;
  name: string;
}

export interface ProvisioningReport {
  version: number;
  /** Already at this version: nothing was read or written. */
  skipped: boolean;
  groupsCreated: KamObjectType[];
  created: PropertyRef[];
  updated: PropertyRef[];
  unchanged: number;
  conflicts: PropertyConflict[];
  errors: { objectType: KamObjectType; name: string | null; message: string }[];
  appObjects: AppObjectsStatus | null;
}

export type ProvisioningDeps = Pick<AppDeps, 'db' | 'hubspot' | 'logger' | 'now'>;

/** Creates the `kam` group unless it exists; true when created. */
async function ensureGroup(client: Client, objectType: KamObjectType, options: CallOptions) {
  const group = kamGroups[objectType];
  try {
    await callHubSpot(
      `GET /crm/v3/properties/${objectType}/groups/{name}`,
      () => client.crm.properties.groupsApi.getByName(objectType, KAM_GROUP),
      options,
    );
    return false;
  } catch (error) {
    if (upstreamStatusOf(error) !== 404) throw error;
  }
  try {
    await callHubSpot(
      `POST /crm/v3/properties/${objectType}/groups`,
      () => client.crm.properties.groupsApi.create(objectType, { ...group }),
      options,
    );
    return true;
  } catch (error) {
    // Another process created it between our read and create.
    if (upstreamStatusOf(error) === 409) return false;
    throw error;
  }
}

async function createProperties(
  client: Client,
  objectType: KamObjectType,
  defs: readonly PropertyDefinition[],
  report: ProvisioningReport,
  options: CallOptions,
): Promise<void> {
  for (let i = 0; i < defs.length; i += 100) {
    const chunk = defs.slice(i, i + 100);
    try {
      await callHubSpot(
        `POST /crm/v3/properties/${objectType}/batch/create`,
        () => client.crm.properties.batchApi.create(objectType, { inputs: chunk.map(toCreate) }),
        options,
      );
      report.created.push(...chunk.map((d) => ({ objectType, name: d.name })));
      continue;
    } catch (error) {
      const status = upstreamStatusOf(error);
      if (status === null || status >= 500 || status === 429 || status === 401) throw error;
    }
    // The batch was refused as a whole (a name taken meanwhile, a definition HubSpot
    // rejects): create one by one to know which.
    for (const def of chunk) {
      try {
        await callHubSpot(
          `POST /crm/v3/properties/${objectType}`,
          () => client.crm.properties.coreApi.create(objectType, toCreate(def)),
          options,
        );
        report.created.push({ objectType, name: def.name });
      } catch (error) {
        if (upstreamStatusOf(error) === null) throw error;
        report.errors.push({ objectType, name: def.name, message: (error as Error).message });
      }
    }
  }
}

async function provisionType(
  client: Client,
  objectType: KamObjectType,
  report: ProvisioningReport,
  options: CallOptions,
): Promise<void> {
  if (await ensureGroup(client, objectType, options)) report.groupsCreated.push(objectType);
  const plan = planProperties(
    objectType,
    kamProperties[objectType],
    await readExisting(client, objectType, options),
  );
  report.conflicts.push(...plan.conflicts);
  report.unchanged += plan.unchanged.length;
  await createProperties(client, objectType, plan.create, report, options);
  for (const { name, patch } of plan.update) {
    try {
      await callHubSpot(
        `PATCH /crm/v3/properties/${objectType}/{name}`,
        () => client.crm.properties.coreApi.update(objectType, name, toUpdate(patch)),
        options,
      );
      report.updated.push({ objectType, name });
    } catch (error) {
      if (upstreamStatusOf(error) === null) throw error;
      report.errors.push({ objectType, name, message: (error as Error).message });
    }
  }
}

export function emptyReport(skipped: boolean): ProvisioningReport {
  return {
    version: DATA_MODEL_VERSION,
    skipped,
    groupsCreated: [],
    created: [],
    updated: [],
    unchanged: 0,
    conflicts: [],
    errors: [],
    appObjects: null,
  };
}

export async function provisionPortal(
  deps: ProvisioningDeps,
  portalId: number,
  options: CallOptions & { force?: boolean } = {},
): Promise<ProvisioningReport> {
  const { rows } = await deps.db.query<{ provisioning_version: number; scopes: string[] }>(
    `SELECT provisioning_version, scopes FROM portals WHERE portal_id = $1 AND install_state <> 'uninstalled'`,
    [portalId],
  );
  if (rows.length === 0) throw new PortalNotInstalledError(portalId, 'not_installed');
  if (!options.force && rows[0].provisioning_version === DATA_MODEL_VERSION)
    return emptyReport(true);

  const client = await deps.hubspot.clientFor(portalId);
  const report = emptyReport(false);
  for (const objectType of PROVISIONED_TYPES)
    await provisionType(client, objectType, report, options);
  report.appObjects = await detectAppObjects(client, rows[0].scopes, options);

  const complete = report.conflicts.length === 0 && report.errors.length === 0;
  const now = deps.now();
  await deps.db.query(
    `UPDATE portals SET provisioning_report = $2::jsonb, provisioned_at = $3, updated_at = $3,
            app_objects_available = $4,
            provisioning_version = CASE WHEN $5 THEN $6::integer ELSE provisioning_version END
      WHERE portal_id = $1`,
    [
      portalId,
      JSON.stringify(report),
      now,
      report.appObjects.available,
      complete,
      DATA_MODEL_VERSION,
    ],
  );
  const log = childLogger(deps.logger, { portalId });
  log.info(
    {
      created: report.created.length,
      updated: report.updated.length,
      conflicts: report.conflicts.map((c) => `${c.objectType}.${c.name}`),
      errors: report.errors.length,
      appObjects: report.appObjects.available,
    },
    complete ? 'data model provisioned' : 'data model provisioned with conflicts or errors',
  );
  return report;
}

/** The kam_* properties the last provisioning found in conflict: never write them. */
export async function conflictingProperties(
  db: AppDeps['db'],
  portalId: number,
): Promise<Record<KamObjectType, string[]>> {
  const out: Record<KamObjectType, string[]> = { companies: [], contacts: [], deals: [] };
  const { rows } = await db.query<{ report: ProvisioningReport | null }>(
    'SELECT provisioning_report AS report FROM portals WHERE portal_id = $1',
    [portalId],
  );
  for (const c of rows[0]?.report?.conflicts ?? []) {
    if (c.objectType in out) out[c.objectType as KamObjectType].push(c.name);
  }
  return out;
}
