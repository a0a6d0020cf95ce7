import { dayNumber } from '../domain/dates.js';
import { purchaseFactorNames, type Account } from '../domain/snapshot.js';
import { zonedCalendar } from './local-date.js';
import type { EngagementObjectType } from './records.js';
import {
  purchaseFactorProperties,
  type AccountRecords,
  type MappingSettings,
} from './to-account.js';

/**
 * The reverse of `toAccount`: an engine `Account` (e.g. a golden scenario)
 * as HubSpot records, so the sandbox can be seeded with it and tests can
 * check the round trip `toAccount(fromAccount(a)) = a`. Local dates become
 * instants at local noon, safely inside the day in the portal's zone.
 */

const NOON = 12 * 60;
const objectTypeOf = {
  meeting: 'meetings',
  call: 'calls',
  email: 'emails',
} as const satisfies Record<string, EngagementObjectType>;

export function fromAccount(account: Account, settings: MappingSettings): AccountRecords {
  const calendar = zonedCalendar(settings.timeZone);
  const at = (date: string | null) =>
    date === null ? null : new Date(calendar.instantOf(dayNumber(date), NOON)).toISOString();

  const company: Record<string, string | null> = {
    name: account.name,
    hubspot_owner_id: account.ownerId,
    [settings.score.segmentField]: account.segment,
    annualrevenue: str(account.annualRevenue),
    numberofemployees: str(account.employees),
    kam_potential_rating: str(account.ratings.potential),
    kam_reference_rating: str(account.ratings.reference),
    kam_winnability_rating: str(account.ratings.winnability),
    kam_strategic_fit_rating: str(account.ratings.strategicFit),
    kam_joint_work_rating: str(account.ratings.jointWork),
    kam_satisfaction: str(account.satisfaction),
    kam_renewal_date: account.renewal.date,
    kam_renewal_intent: account.renewal.intent,
    kam_budget_status: account.budgetStatus,
    kam_competitor_active: str(account.competitorActive),
    kam_avg_days_to_pay: str(account.avgDaysToPay),
    [settings.mapping.marginProperty]: str(account.marginPct),
    kam_product_usage: account.productUsage,
    kam_solution_manager: account.team.solutionManagerId,
    kam_delivery_manager: account.team.deliveryManagerId,
    kam_service_manager: account.team.serviceManagerId,
    kam_lifecycle_pinned: account.pinnedStage,
    kam_service_issue: account.serviceIssue,
  };
  for (const name of purchaseFactorNames)
    company[purchaseFactorProperties[name]] = str(account.purchaseFactors[name]);

  return {
    company: { id: account.id, properties: company },
    contacts: account.contacts.map((c) => ({
      id: c.id,
      primaryCompanyId: account.id,
      properties: {
        firstname: c.name === '' ? null : c.name,
        kam_buying_role: c.roles.length > 0 ? c.roles.join(';') : null,
        kam_stance: c.stance,
        kam_closeness: str(c.closeness),
        kam_solution_acceptance: str(c.solutionAcceptance),
        kam_price_acceptance: str(c.priceAcceptance),
        kam_left_company: c.left ? 'true' : 'false',
      },
    })),
    deals: account.deals.map((d) => ({
      id: d.id,
      primaryCompanyId: account.id,
      properties: {
        amount: str(d.amount),
        amount_in_home_currency: str(d.amount),
        dealstage:
          d.status === 'won'
            ? 'closedwon'
            : d.status === 'lost'
              ? 'closedlost'
              : 'appointmentscheduled',
        pipeline: 'default',
        hs_is_closed_won: String(d.status === 'won'),
        hs_is_closed: String(d.status !== 'open'),
        closedate: at(d.closeDate),
        createdate: at(d.createDate),
        [settings.mapping.productLineProperty]: d.productLine,
      },
    })),
    engagements: account.engagements.map((e) => ({
      type: objectTypeOf[e.type],
      record: {
        id: e.id,
        properties: {
          hs_timestamp: at(e.date),
          ...(e.type === 'meeting' ? { hs_meeting_outcome: 'COMPLETED' } : {}),
        },
      },
      contactIds: e.contactIds,
    })),
  };
}

function str(v: number | boolean | null): string | null {
  return v === null ? null : String(v);
}
