import { committeeRoles, type CommitteeRole, type Stance } from '../domain/snapshot.js';
import {
  CompanyBuilder,
  ascii,
  type DemoCompanyBundle,
  type EngagementSpec,
} from './company-builder.js';
import type { DemoContext } from './context.js';
import {
  cities,
  companyPrefixes,
  firstNames,
  hubspotRolesByRole,
  industries,
  lastNames,
  legalSuffixes,
  openDealStages,
  productLines,
  titlesByRole,
  unassignedTitles,
} from './names.js';
import { Rng } from './rng.js';

/**
 * A random (unscripted) company. Profiles mimic a B2B portfolio: many
 * prospects and one-off customers, fewer repeat and major buyers; revenue is
 * heavy-tailed; deals follow seasonality (Q4 peaks); most active accounts are
 * touched regularly, so alerts stay the exception.
 */

type Profile = 'prospect' | 'customer' | 'repeat' | 'major';
const PROFILES: readonly Profile[] = ['prospect', 'customer', 'repeat', 'major'];
const PROFILE_WEIGHTS = [0.22, 0.3, 0.3, 0.18];
// Multipliers normalised so the averages match the configured ratios.
const DEAL_FACTOR: Record<Profile, number> = {
  prospect: 0.3 / 0.96,
  customer: 0.7 / 0.96,
  repeat: 1.2 / 0.96,
  major: 1.8 / 0.96,
};
const TOUCH_FACTOR: Record<Profile, number> = {
  prospect: 0.5 / 0.95,
  customer: 0.8 / 0.95,
  repeat: 1.1 / 0.95,
  major: 1.5 / 0.95,
};
const WIN_RATE: Record<Profile, number> = {
  prospect: 0,
  customer: 0.45,
  repeat: 0.62,
  major: 0.72,
};
const INDUSTRY_WEIGHTS = industries.map((i) => i.weight);
const MAX_PER_TYPE = 999;
const BUDGETS = ['approved', 'normal', 'frozen'] as const;

export function randomCompany(ctx: DemoContext, index: number): DemoCompanyBundle {
  const rng = new Rng(ctx.seed, index, 0xc0);
  const industry = industries[rng.weighted(INDUSTRY_WEIGHTS)];
  const profile = PROFILES[rng.weighted(PROFILE_WEIGHTS)];
  const prefix = rng.pick(companyPrefixes);
  const noun = rng.pick(industry.nouns);
  const name = rng.chance(0.6)
    ? `${prefix} ${noun} ${rng.pick(legalSuffixes)}`
    : `${prefix} ${noun}`;
  const domain = `${ascii(prefix)}-${ascii(noun)}-${index}.example`;
  // Skew ownership: the first reps carry more accounts.
  const owner =
    ctx.owners[Math.min(ctx.owners.length - 1, Math.floor(ctx.owners.length * rng.next() ** 1.3))];
  const b = new CompanyBuilder(ctx, index, rng, owner.id, domain);

  const employees = Math.round(
    Math.min(200_000, Math.max(5, rng.logNormal(profile === 'major' ? 1500 : 300, 1.3))),
  );
  const annualRevenue = Math.round((employees * rng.logNormal(180_000, 0.4)) / 1000) * 1000;
  const sizeFactor = Math.min(6, Math.max(0.3, Math.sqrt(employees / 300)));

  // Contacts: a committee with some gaps; a few carry only HubSpot's own role.
  const contactIds: string[] = [];
  const committeeIds: string[] = [];
  const decisionMakerIds: string[] = [];
  const nContacts = Math.min(MAX_PER_TYPE, 1 + rng.count(ctx.ratios.contacts - 1));
  for (let k = 0; k < nContacts; k++) {
    const roles = pickRoles(rng, k, profile);
    const useHubSpotRole =
      roles.length === 1 && hubspotRolesByRole[roles[0]].length > 0 && rng.chance(0.18);
    const unrated = rng.chance(0.25);
    const id = b.addContact({
      first: rng.pick(firstNames),
      last: rng.pick(lastNames),
      title: roles.length > 0 ? rng.pick(titlesByRole[roles[0]]) : rng.pick(unassignedTitles),
      roles: useHubSpotRole ? [] : roles,
      hubspotRoles: useHubSpotRole ? [rng.pick(hubspotRolesByRole[roles[0]])] : undefined,
      stance: rng.chance(0.13) ? null : pickStance(rng),
      closeness: unrated ? null : rng.int(1, 5),
      solutionAcceptance: unrated ? null : rng.int(2, 5),
      priceAcceptance: unrated ? null : rng.int(1, 5),
      // Only people without a decision role leave at random; decision makers leave in a story.
      left: !roles.includes('decision_maker') && rng.chance(0.02),
    });
    contactIds.push(id);
    if (roles.length > 0) committeeIds.push(id);
    if (roles.includes('decision_maker')) decisionMakerIds.push(id);
  }

  // Deals over three years, seasonal, plus some open pipeline.
  const lines = rng.sample(productLines, rng.int(1, profile === 'major' ? 4 : 2));
  const nDeals = Math.min(MAX_PER_TYPE, rng.count(ctx.ratios.deals * DEAL_FACTOR[profile]));
  const phase = rng.next();
  for (let k = 0; k < nDeals; k++) {
    const productLine = rng.chance(0.04) ? null : rng.pick(lines);
    const base = 20_000 * industry.dealScale * sizeFactor * (profile === 'major' ? 2 : 1);
    const amount = Math.round(rng.logNormal(base, 0.45) / 100) * 100;
    const currency = rng.chance(0.06) ? 'EUR' : 'USD';
    if (rng.chance(0.12)) {
      const closeDay = ctx.today + rng.int(7, 150);
      b.addDeal({
        status: 'open',
        closeDay,
        createDay: ctx.today - rng.int(5, 120),
        amount: rng.chance(0.05) ? null : amount,
        productLine,
        currency,
        stage: rng.pick(openDealStages),
      });
      continue;
    }
    // Stratified over the three years (deal k in the k-th slice of seasonal demand):
    // seasonality stays, but Poisson clumping that would fake "buying less often" goes.
    const month = ctx.months[rng.cumulativeAt(ctx.monthCumulative, (k + rng.next()) / nDeals)];
    const closeDay = month.start + Math.floor(rng.next() * (month.end - month.start));
    b.addDeal({
      // Wins spread evenly through time (golden-ratio sequence), not in random clumps.
      status: (k * 0.618034 + phase) % 1 < WIN_RATE[profile] ? 'won' : 'lost',
      closeDay,
      createDay: closeDay - rng.int(14, 150),
      amount,
      productLine,
      currency,
    });
  }

  // Engagements: recent ones dominate for active accounts; dormant prospects go quiet.
  const nTouches = Math.min(
    MAX_PER_TYPE,
    rng.count(ctx.ratios.engagements * TOUCH_FACTOR[profile]),
  );
  const dormant = profile === 'prospect' && rng.chance(0.5);
  const span = dormant ? 700 : 540;
  const minAgo = dormant ? 200 : 0;
  let budget = nTouches;
  // Most buying accounts keep a rhythm of meetings with a decision maker (the strategy
  // session cadence); the rest drift, which is what the cadence alert is for.
  if (profile !== 'prospect' && decisionMakerIds.length > 0 && rng.chance(0.9)) {
    for (let ago = rng.int(2, 40); ago < 540 && budget > 0; ago += rng.int(40, 80), budget--) {
      b.addEngagement({
        type: 'meetings',
        day: ctx.today - ago,
        contactIds: [rng.pick(decisionMakerIds)],
        outcome: 'COMPLETED',
      });
    }
  }
  for (let k = 0; k < budget; k++) {
    const future = !dormant && rng.chance(0.03);
    const day = future
      ? ctx.today + rng.int(1, 21)
      : ctx.today - minAgo - Math.floor(span * rng.next() ** 1.6);
    const typeRoll = rng.next();
    const type: EngagementSpec['type'] =
      future || typeRoll < 0.25 ? 'meetings' : typeRoll < 0.6 ? 'calls' : 'emails';
    const pool = committeeIds.length > 0 && rng.chance(0.8) ? committeeIds : contactIds;
    const who = rng.chance(0.05) ? [] : rng.sample(pool, rng.chance(0.15) ? 2 : 1);
    const outcomeRoll = rng.next();
    const outcome = future
      ? 'SCHEDULED'
      : outcomeRoll < 0.05
        ? 'CANCELED'
        : outcomeRoll < 0.08
          ? 'NO_SHOW'
          : outcomeRoll < 0.12
            ? 'RESCHEDULED'
            : 'COMPLETED';
    b.addEngagement({
      type,
      day,
      contactIds: who,
      outcome: type === 'meetings' ? outcome : undefined,
    });
  }

  const buyer = profile !== 'prospect';
  const [city, country] = rng.pick(cities);
  const others = ctx.owners.filter((o) => o.id !== owner.id);
  const teamMember = (p: number) =>
    others.length > 0 && rng.chance(p) ? rng.pick(others).id : null;
  const rated = (p: number, lo = 1, hi = 5) => (rng.chance(p) ? String(rng.int(lo, hi)) : null);
  const pfRated = rng.chance(0.4);
  const pf = () =>
    pfRated && rng.chance(0.8) ? String(rng.pick([-2, -1, -1, 0, 0, 0, 1, 1, 1, 2])) : null;
  const intentRoll = rng.next();
  return b.finish(
    {
      name,
      domain,
      industry: industry.value,
      annualrevenue: String(annualRevenue),
      numberofemployees: String(employees),
      hubspot_owner_id: owner.id,
      city,
      country,
      lifecyclestage: buyer ? 'customer' : 'lead',
      createdate: b.iso(ctx.today - rng.int(400, 2500), b.businessMinutes()),
      kam_potential_rating: rated(0.6, employees > 2000 ? 3 : 1, employees > 2000 ? 5 : 4),
      kam_reference_rating: rated(0.5),
      kam_winnability_rating: rated(0.55, 2, 5),
      kam_strategic_fit_rating: rated(0.5),
      kam_joint_work_rating: buyer ? rated(0.45) : null,
      kam_satisfaction:
        buyer && rng.chance(0.55)
          ? String(Math.round(Math.min(100, Math.max(35, 82 + 8 * rng.normal()))))
          : null,
      kam_renewal_date:
        buyer && rng.chance(0.6) ? b.ctx.calendar.dateOfDay(ctx.today + rng.int(10, 365)) : null,
      kam_renewal_intent: buyer
        ? intentRoll < 0.45
          ? 'confirmed'
          : intentRoll < 0.87
            ? 'likely'
            : intentRoll < 0.93
              ? 'unclear'
              : intentRoll < 0.96
                ? 'not_renewing'
                : null
        : null,
      kam_budget_status: rng.chance(0.18) ? null : BUDGETS[rng.weighted([25, 55, 2])],
      kam_competitor_active: rng.chance(0.35) ? null : rng.chance(0.06) ? 'true' : 'false',
      kam_avg_days_to_pay:
        buyer && rng.chance(0.5) ? String(Math.round(rng.logNormal(40, 0.3))) : null,
      kam_margin_pct:
        buyer && rng.chance(0.5)
          ? String(Math.round(Math.min(60, Math.max(-10, 25 + 8 * rng.normal()))))
          : null,
      kam_product_usage: buyer ? 'active' : rng.pick(['none', 'trial', null]),
      kam_pf_brand: pf(),
      kam_pf_industry_standard: pf(),
      kam_pf_after_sales: pf(),
      kam_pf_performance: pf(),
      kam_pf_solution_speed: pf(),
      kam_pf_supply: pf(),
      kam_pf_price: pf(),
      kam_pf_decision_relationship: pf(),
      kam_solution_manager: teamMember(0.5),
      kam_delivery_manager: buyer ? teamMember(0.45) : null,
      kam_service_manager: buyer ? teamMember(0.5) : null,
      kam_lifecycle_pinned: rng.chance(0.01) ? rng.pick(['customer', 'repeat']) : null,
      kam_service_issue:
        buyer && rng.chance(0.03) ? 'Support ticket answered late last week; followed up.' : null,
    },
    null,
  );
}

function pickRoles(rng: Rng, k: number, profile: Profile): CommitteeRole[] {
  // The first contact is usually the decision maker of an established account.
  if (k === 0)
    return rng.chance(profile === 'prospect' ? 0.45 : 0.9) ? ['decision_maker'] : ['influencer'];
  if (rng.chance(0.28)) return [];
  const first = committeeRoles[rng.weighted([1, 1.4, 2, 0.5, 1.6])];
  if (rng.chance(0.12)) {
    const second = rng.pick(committeeRoles);
    if (second !== first) return [first, second];
  }
  return [first];
}

function pickStance(rng: Rng): Stance {
  const r = rng.next();
  return r < 0.5 ? 'supporter' : r < 0.9 ? 'neutral' : 'opponent';
}
