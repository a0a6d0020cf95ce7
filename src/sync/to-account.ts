import type { Settings } from '../domain/settings.js';
import {
  committeeRoles,
  lifecycleStages,
  purchaseFactorNames,
  type Account,
  type CommitteeRole,
  type Contact,
  type Deal,
  type Engagement,
  type PurchaseFactorName,
} from '../domain/snapshot.js';
import { zonedCalendar, type ZonedCalendar } from './local-date.js';
import { ValueReader, type MappingWarning } from './parse-values.js';
import { engagementTypeOf, type EngagementObjectType, type HubSpotRecord } from './records.js';

/**
 * HubSpot records of one company → the engine's `Account`. Pure: the caller
 * (backfill, recompute, tests, the demo) gathers the records; this only reads
 * them. Problems with values come back as warnings next to a valid account.
 */

/** A contact or deal with the company HubSpot marks as its primary (association label "Primary"). */
export type AssociatedRecord = HubSpotRecord & { primaryCompanyId?: string | null };

export interface EngagementRecord {
  type: EngagementObjectType;
  record: HubSpotRecord;
  /** Associated contacts. */
  contactIds: readonly string[];
}

export interface AccountRecords {
  company: HubSpotRecord;
  /** Contacts associated with the company. Without `primaryCompanyId`, `associatedcompanyid` decides. */
  contacts: readonly AssociatedRecord[];
  /** Deals associated with the company; those whose primary company is another are skipped. */
  deals: readonly AssociatedRecord[];
  engagements: readonly EngagementRecord[];
}

export type MappingSettings = Pick<Settings, 'timeZone' | 'mapping'> & {
  score: Pick<Settings['score'], 'segmentField'>;
};

export interface MappedAccount {
  account: Account;
  warnings: MappingWarning[];
}

export const purchaseFactorProperties: Readonly<Record<PurchaseFactorName, string>> = {
  brand: 'kam_pf_brand',
  industryStandard: 'kam_pf_industry_standard',
  afterSales: 'kam_pf_after_sales',
  performance: 'kam_pf_performance',
  solutionSpeed: 'kam_pf_solution_speed',
  supply: 'kam_pf_supply',
  price: 'kam_pf_price',
  decisionRelationship: 'kam_pf_decision_relationship',
};

/** Meetings that did not take place are not touches. */
const NOT_HELD = new Set(['CANCELED', 'NO_SHOW', 'RESCHEDULED']);

export function toAccount(records: AccountRecords, settings: MappingSettings): MappedAccount {
  const warnings: MappingWarning[] = [];
  const calendar = zonedCalendar(settings.timeZone);
  const companyId = records.company.id;
  const r = new ValueReader(warnings, 'companies', companyId, records.company.properties);

  const purchaseFactors = {} as Record<PurchaseFactorName, number | null>;
  for (const name of purchaseFactorNames)
    purchaseFactors[name] = r.advantage(purchaseFactorProperties[name]);

  const account: Account = {
    id: companyId,
    name: r.text('name') ?? '',
    ownerId: r.text('hubspot_owner_id'),
    segment: r.text(settings.score.segmentField),
    annualRevenue: r.number('annualrevenue', { min: 0 }),
    employees: r.number('numberofemployees', { min: 0 }),
    ratings: {
      potential: r.rating('kam_potential_rating'),
      reference: r.rating('kam_reference_rating'),
      winnability: r.rating('kam_winnability_rating'),
      strategicFit: r.rating('kam_strategic_fit_rating'),
      jointWork: r.rating('kam_joint_work_rating'),
    },
    satisfaction: r.number('kam_satisfaction', { min: 0, max: 100 }),
    renewal: {
      date: r.date('kam_renewal_date'),
      intent: r.oneOf('kam_renewal_intent', [
        'confirmed',
        'likely',
        'unclear',
        'not_renewing',
      ] as const),
    },
    budgetStatus: r.oneOf('kam_budget_status', ['approved', 'normal', 'frozen'] as const),
    competitorActive: r.bool('kam_competitor_active'),
    avgDaysToPay: r.number('kam_avg_days_to_pay', { min: 0 }),
    marginPct: r.number(settings.mapping.marginProperty, { min: -100, max: 100 }),
    productUsage: r.oneOf('kam_product_usage', ['none', 'trial', 'active'] as const),
    purchaseFactors,
    team: {
      solutionManagerId: r.text('kam_solution_manager'),
      deliveryManagerId: r.text('kam_delivery_manager'),
      serviceManagerId: r.text('kam_service_manager'),
    },
    pinnedStage: r.oneOf('kam_lifecycle_pinned', lifecycleStages),
    serviceIssue: r.text('kam_service_issue'),
    deals: [],
    contacts: [],
    engagements: [],
  };

  const seen = new Set<string>();
  for (const deal of records.deals) {
    const primary = deal.primaryCompanyId;
    if ((primary !== undefined && primary !== null && primary !== companyId) || seen.has(deal.id))
      continue;
    seen.add(deal.id);
    account.deals.push(toDeal(deal, settings, calendar, warnings));
  }
  seen.clear();
  for (const contact of records.contacts) {
    if (seen.has(contact.id)) continue;
    seen.add(contact.id);
    account.contacts.push(toContact(contact, companyId, settings, warnings));
  }
  seen.clear();
  for (const e of records.engagements) {
    if (seen.has(e.record.id)) continue;
    seen.add(e.record.id);
    const engagement = toEngagement(e, calendar, warnings);
    if (engagement) account.engagements.push(engagement);
  }
  return { account, warnings };
}

function toDeal(
  deal: HubSpotRecord,
  settings: MappingSettings,
  calendar: ZonedCalendar,
  warnings: MappingWarning[],
): Deal {
  const r = new ValueReader(warnings, 'deals', deal.id, deal.properties);
  // Multi-currency portals: the home-currency amount; single-currency ones may only have `amount`.
  const amount =
    r.text('amount_in_home_currency') !== null
      ? r.number('amount_in_home_currency')
      : r.number('amount');
  return {
    id: deal.id,
    amount,
    status: dealStatus(r),
    closeDate: r.localDate('closedate', calendar),
    createDate: r.localDate('createdate', calendar),
    productLine: r.text(settings.mapping.productLineProperty),
  };
}

/** HubSpot's computed flags decide (any pipeline); the default pipeline's stage ids are the fallback. */
function dealStatus(r: ValueReader): Deal['status'] {
  const stage = r.text('dealstage');
  const won =
    r.text('hs_is_closed_won') !== null
      ? r.bool('hs_is_closed_won') === true
      : stage === 'closedwon';
  if (won) return 'won';
  const closed =
    r.text('hs_is_closed') !== null
      ? r.bool('hs_is_closed') === true
      : stage === 'closedlost' || stage === 'closedwon';
  return closed ? 'lost' : 'open';
}

function toContact(
  contact: AssociatedRecord,
  companyId: string,
  settings: MappingSettings,
  warnings: MappingWarning[],
): Contact {
  const r = new ValueReader(warnings, 'contacts', contact.id, contact.properties);
  const primary =
    contact.primaryCompanyId !== undefined
      ? contact.primaryCompanyId
      : r.text('associatedcompanyid');
  // A role counts for the contact's primary company only (HubSpot's own model for hs_buying_role).
  const roles = primary === null || primary === companyId ? contactRoles(r, settings) : [];
  const name = [r.text('firstname'), r.text('lastname')].filter((s) => s !== null).join(' ');
  return {
    id: contact.id,
    name: name !== '' ? name : (r.text('email') ?? ''),
    roles,
    stance: r.oneOf('kam_stance', ['supporter', 'neutral', 'opponent'] as const),
    closeness: r.rating('kam_closeness'),
    solutionAcceptance: r.rating('kam_solution_acceptance'),
    priceAcceptance: r.rating('kam_price_acceptance'),
    left: r.bool('kam_left_company') === true,
  };
}

function contactRoles(r: ValueReader, settings: MappingSettings): CommitteeRole[] {
  const roles = new Set<CommitteeRole>();
  const own = r.text('kam_buying_role');
  if (own !== null) {
    for (const part of splitMulti(own)) {
      if ((committeeRoles as readonly string[]).includes(part)) roles.add(part as CommitteeRole);
      else r.warn('kam_buying_role', part, `not one of ${committeeRoles.join(', ')}`);
    }
    if (roles.size > 0) return [...roles];
  }
  // Fallback: HubSpot's own buying roles through the admin's mapping; unmapped values are ignored on purpose.
  const hubspot = r.text('hs_buying_role');
  if (hubspot !== null) {
    for (const part of splitMulti(hubspot)) {
      const mapped = settings.mapping.buyingRoleFallback[part];
      if (mapped) roles.add(mapped);
    }
  }
  return [...roles];
}

function toEngagement(
  e: EngagementRecord,
  calendar: ZonedCalendar,
  warnings: MappingWarning[],
): Engagement | null {
  const r = new ValueReader(warnings, e.type, e.record.id, e.record.properties);
  if (e.type === 'meetings') {
    const outcome = r.text('hs_meeting_outcome');
    if (outcome !== null && NOT_HELD.has(outcome.toUpperCase())) return null;
  }
  const date = r.localDate('hs_timestamp', calendar);
  if (date === null) {
    if (r.text('hs_timestamp') === null) r.warn('hs_timestamp', '', 'missing; engagement skipped');
    return null;
  }
  return {
    id: e.record.id,
    type: engagementTypeOf[e.type],
    date,
    contactIds: [...new Set(e.contactIds)],
  };
}

function splitMulti(value: string): string[] {
  return value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
