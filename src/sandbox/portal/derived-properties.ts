import type { ObjectTypeDef } from './object-types.js';
import type { PortalCore } from './portal-core.js';
import { isoTime } from './iso-time.js';
import { propOf } from './record.js';

/** The parts of a record a read needs; a search-index snapshot has the same shape. */
export interface RecordView {
  id: number;
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  props: string[];
}

const CLOSED_WON = 'closedwon';
const CLOSED_LOST = 'closedlost';

/** Live records of `toType` associated with the record. */
export function liveAssociatedCount(
  core: PortalCore,
  type: ObjectTypeDef,
  id: number,
  toType: string,
): number {
  const to = core.types.resolve(toType);
  if (!to) return 0;
  let n = 0;
  for (const tid of core.associations.targetIds(type.name, id, toType)) {
    const r = core.record(to, tid);
    if (r && !r.archived) n++;
  }
  return n;
}

/**
 * A property value as HubSpot returns it, including values HubSpot computes
 * (ids, timestamps, association counts, closed flags). Undefined when unset.
 */
export function readValue(
  core: PortalCore,
  type: ObjectTypeDef,
  r: RecordView,
  name: string,
): string | undefined {
  switch (name) {
    case 'hs_object_id':
      return String(r.id);
    case 'createdate':
    case 'hs_createdate':
      return propOf(r.props, name) ?? isoTime(r.createdAt);
    case 'hs_lastmodifieddate':
    case 'lastmodifieddate':
      return isoTime(r.updatedAt);
  }
  return propOf(r.props, name) ?? computedValue(core, type, r, name);
}

/** Values HubSpot maintains itself: never stored, whatever the record holds. */
export const SYSTEM_VALUES = new Set(['hs_object_id', 'hs_lastmodifieddate', 'lastmodifieddate']);

/**
 * The value HubSpot computes for a property the record does not store
 * (association counts, closed flags), for names outside {@link SYSTEM_VALUES}.
 */
export function computedValue(
  core: PortalCore,
  type: ObjectTypeDef,
  r: RecordView,
  name: string,
): string | undefined {
  if (name === 'createdate' || name === 'hs_createdate') return isoTime(r.createdAt);
  if (type.name === 'companies') {
    if (name === 'num_associated_contacts')
      return String(liveAssociatedCount(core, type, r.id, 'contacts'));
    if (name === 'num_associated_deals')
      return String(liveAssociatedCount(core, type, r.id, 'deals'));
  } else if (type.name === 'deals') {
    const stage = propOf(r.props, 'dealstage');
    if (name === 'hs_is_closed_won') return String(stage === CLOSED_WON);
    if (name === 'hs_is_closed') return String(stage === CLOSED_WON || stage === CLOSED_LOST);
    if (name === 'amount_in_home_currency') return propOf(r.props, 'amount');
  }
  return undefined;
}
