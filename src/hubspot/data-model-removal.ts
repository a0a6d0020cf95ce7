import type { AppDeps } from '../app/deps.js';
import { childLogger } from '../logger.js';
import { callHubSpot, upstreamStatusOf, type CallOptions } from './call.js';
import { KAM_GROUP, kamProperties, type KamObjectType } from './data-model.js';
import { isConflict } from './provisioning-plan.js';

/**
 * Admin action: takes our data model out of a portal. Archives the kam_*
 * properties that are ours (same type as in our catalog; a conflicting one
 * someone else made is left alone) and the `kam` group when nothing else is
 * left in it. HubSpot keeps archived properties, with their values, for 90
 * days, during which an admin can restore them. The portal's provisioning
 * version drops to 0, so provisioning would put everything back.
 */

export interface RemovalReport {
  archived: { objectType: KamObjectType; name: string }[];
  leftAlone: { objectType: KamObjectType; name: string }[];
  groupsArchived: KamObjectType[];
  groupsKept: { objectType: KamObjectType; reason: string }[];
}

const TYPES: readonly KamObjectType[] = ['companies', 'contacts', 'deals'];

export async function removeDataModel(
  deps: Pick<AppDeps, 'db' | 'hubspot' | 'logger' | 'now'>,
  portalId: number,
  options: CallOptions = {},
): Promise<RemovalReport> {
  const client = await deps.hubspot.clientFor(portalId);
  const report: RemovalReport = { archived: [], leftAlone: [], groupsArchived: [], groupsKept: [] };
  for (const objectType of TYPES) {
    const all = await callHubSpot(
      `GET /crm/v3/properties/${objectType}`,
      () => client.crm.properties.coreApi.getAll(objectType, false),
      options,
    );
    const catalog = new Map(kamProperties[objectType].map((d) => [d.name, d]));
    const ours: string[] = [];
    const leftInGroup: string[] = [];
    for (const p of all.results) {
      const def = catalog.get(p.name);
      const found = { ...p, referencedObjectType: p.referencedObjectType ?? null };
      if (def && !isConflict(def, found)) {
        ours.push(p.name);
        continue;
      }
      if (def) report.leftAlone.push({ objectType, name: p.name });
      if (p.groupName === KAM_GROUP) leftInGroup.push(p.name);
    }
    for (let i = 0; i < ours.length; i += 100) {
      const inputs = ours.slice(i, i + 100).map((name) => ({ name }));
      await callHubSpot(
        `POST /crm/v3/properties/${objectType}/batch/archive`,
        () => client.crm.properties.batchApi.archive(objectType, { inputs }),
        options,
      );
    }
    report.archived.push(...ours.map((name) => ({ objectType, name })));
    if (leftInGroup.length > 0) {
      report.groupsKept.push({
        objectType,
        reason: `still holds properties KAM did not create: ${leftInGroup.join(', ')}`,
      });
      continue;
    }
    try {
      await callHubSpot(
        `DELETE /crm/v3/properties/${objectType}/groups/{name}`,
        () => client.crm.properties.groupsApi.archive(objectType, KAM_GROUP),
        options,
      );
      report.groupsArchived.push(objectType);
    } catch (error) {
      if (upstreamStatusOf(error) !== 404) throw error;
    }
  }
  await deps.db.query(
    `UPDATE portals SET provisioning_version = 0, provisioning_report = NULL, app_objects_available = false, updated_at = $2
      WHERE portal_id = $1`,
    [portalId, deps.now()],
  );
  childLogger(deps.logger, { portalId }).info(
    { archived: report.archived.length, groupsArchived: report.groupsArchived },
    'KAM data model removed from the portal',
  );
  return report;
}
