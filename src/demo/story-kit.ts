import { quarterFromIndex, quarterIndexOf } from '../domain/dates.js';
import type { CommitteeRole, Stance } from '../domain/snapshot.js';
import { CompanyBuilder, ascii } from './company-builder.js';
import type { DemoContext } from './context.js';
import { firstNames, lastNames, productLines } from './names.js';
import { Rng } from './rng.js';

/**
 * Building blocks for the scripted stories: a full buying committee, a
 * quarterly buying rhythm, a touch cadence and healthy inputs. A story starts
 * from these and changes one thing, so the one alert it is about stands out.
 * Quarters are calendar quarters relative to asOf (0 = current, −1 = last completed).
 */

export interface Member {
  key: string;
  title: string;
  roles: CommitteeRole[];
  stance: Stance | null;
  closeness: number | null;
  solution?: number | null;
  price?: number | null;
  left?: boolean;
}

export const fullCommittee: readonly Member[] = [
  {
    key: 'ceo',
    title: 'CEO',
    roles: ['decision_maker'],
    stance: 'supporter',
    closeness: 5,
    solution: 5,
    price: 4,
  },
  {
    key: 'cfo',
    title: 'CFO',
    roles: ['decision_maker'],
    stance: 'neutral',
    closeness: 4,
    solution: 4,
    price: 3,
  },
  {
    key: 'procurement',
    title: 'Head of Purchasing',
    roles: ['buyer'],
    stance: 'neutral',
    closeness: 3,
    solution: 3,
    price: 2,
  },
  {
    key: 'ops',
    title: 'Operations Manager',
    roles: ['user'],
    stance: 'supporter',
    closeness: 4,
    solution: 5,
    price: 4,
  },
  {
    key: 'it',
    title: 'Head of IT',
    roles: ['influencer'],
    stance: 'supporter',
    closeness: 4,
    solution: 5,
    price: 3,
  },
  {
    key: 'assistant',
    title: 'Executive Assistant',
    roles: ['gatekeeper'],
    stance: 'neutral',
    closeness: 3,
  },
];

export class StoryKit {
  readonly b: CompanyBuilder;
  readonly ctx: DemoContext;
  readonly rng: Rng;
  readonly contact: Record<string, string> = {};
  private lineCursor = 0;

  constructor(
    ctx: DemoContext,
    index: number,
    ownerId: string,
    domain: string,
    /** Company id of another story (stories may link to each other). */
    readonly companyIdOf: (storyKey: string) => string,
  ) {
    this.ctx = ctx;
    this.rng = new Rng(ctx.seed, index, 0x5707);
    this.b = new CompanyBuilder(ctx, index, this.rng, ownerId, domain);
  }

  get today(): number {
    return this.ctx.today;
  }

  /** [startDay, endDay) of the quarter `offset` quarters from the current one. */
  quarter(offset: number): { start: number; end: number; label: string } {
    const q = quarterFromIndex(quarterIndexOf(this.ctx.today) + offset);
    return { start: q.startDay, end: q.endDay, label: q.label };
  }

  /** A day `fraction` of the way into a quarter, never after yesterday. */
  dayIn(offset: number, fraction: number): number {
    const q = this.quarter(offset);
    return Math.min(this.ctx.today - 1, q.start + Math.floor((q.end - q.start) * fraction));
  }

  committee(members: readonly Member[]): void {
    for (const m of members) {
      this.contact[m.key] = this.b.addContact({
        first: this.rng.pick(firstNames),
        last: this.rng.pick(lastNames),
        title: m.title,
        roles: m.roles,
        stance: m.stance,
        closeness: m.closeness,
        solutionAcceptance: m.solution ?? null,
        priceAcceptance: m.price ?? null,
        left: m.left,
      });
    }
  }

  /** Two won deals a quarter from `from` to `to` (inclusive), `amount(q)` each in home currency. */
  quarterlyWins(
    from: number,
    to: number,
    amount: (q: number) => number,
    lines = 3,
    perQuarter = 2,
  ): void {
    for (let q = from; q <= to; q++) {
      const { start, end } = this.quarter(q);
      for (let k = 0; k < perQuarter; k++) {
        const day = start + Math.floor((end - start) * ((k + 0.5) / perQuarter - 0.15));
        if (day < this.ctx.today) this.won(day, amount(q), lines);
      }
    }
  }

  won(day: number, amount: number, lines = 3): string {
    return this.b.addDeal({
      status: 'won',
      closeDay: day,
      createDay: day - 45,
      amount: round(amount),
      productLine: this.line(lines),
    });
  }

  lost(day: number, amount: number): string {
    return this.b.addDeal({
      status: 'lost',
      closeDay: day,
      createDay: day - 60,
      amount: round(amount),
      productLine: this.line(2),
    });
  }

  open(daysAhead: number, amount: number, alsoCompanyIds: string[] = []): string {
    return this.b.addDeal({
      status: 'open',
      closeDay: this.ctx.today + daysAhead,
      createDay: this.ctx.today - 30,
      amount: round(amount),
      productLine: this.line(3),
      stage: 'decisionmakerboughtin',
      alsoCompanyIds,
    });
  }

  /**
   * A touch every `every` days between `fromAgo` and `toAgo` days ago, rotating
   * through `who`; every other touch is a meeting with the first person (the
   * executive), so executive and strategy cadences are met.
   */
  cadence(fromAgo: number, toAgo: number, every: number, who: readonly string[]): void {
    let n = 0;
    for (let ago = fromAgo; ago >= toAgo; ago -= every, n++) {
      const exec = n % 2 === 0;
      const person = exec
        ? this.contact[who[0]]
        : this.contact[who[1 + ((n >> 1) % Math.max(1, who.length - 1))] ?? who[0]];
      this.b.addEngagement({
        type: exec ? 'meetings' : n % 4 === 1 ? 'calls' : 'emails',
        day: this.ctx.today - ago,
        contactIds: [person],
      });
    }
  }

  touch(type: 'meetings' | 'calls' | 'emails', ago: number, who: readonly string[]): void {
    this.b.addEngagement({
      type,
      day: this.ctx.today - ago,
      contactIds: who.map((k) => this.contact[k]),
    });
  }

  private line(lines: number): string {
    return productLines[this.lineCursor++ % Math.min(lines, productLines.length)];
  }
}

/** Inputs of a well-run strategic account; stories override single fields. */
export function healthyInputs(
  kit: StoryKit,
  overrides: Record<string, string | null> = {},
): Record<string, string | null> {
  const owners = kit.ctx.owners.filter((o) => o.id !== kit.b.ownerId);
  const team = (i: number) => (owners.length > 0 ? owners[i % owners.length].id : null);
  return {
    kam_potential_rating: '5',
    kam_reference_rating: '5',
    kam_winnability_rating: '4',
    kam_strategic_fit_rating: '5',
    kam_joint_work_rating: '4',
    kam_satisfaction: '88',
    kam_renewal_date: kit.ctx.calendar.dateOfDay(kit.today + 240),
    kam_renewal_intent: 'confirmed',
    kam_budget_status: 'approved',
    kam_competitor_active: 'false',
    kam_avg_days_to_pay: '35',
    kam_margin_pct: '31',
    kam_product_usage: 'active',
    kam_pf_brand: '1',
    kam_pf_industry_standard: '1',
    kam_pf_after_sales: '2',
    kam_pf_performance: '1',
    kam_pf_solution_speed: '1',
    kam_pf_supply: '0',
    kam_pf_price: '0',
    kam_pf_decision_relationship: '2',
    kam_solution_manager: team(1),
    kam_delivery_manager: team(2),
    kam_service_manager: team(3),
    ...overrides,
  };
}

export function companyNative(
  kit: StoryKit,
  name: string,
  industry: string,
  employees: number,
  annualRevenue: number,
): Record<string, string | null> {
  return {
    name,
    domain: kit.b.domain,
    industry,
    annualrevenue: String(annualRevenue),
    numberofemployees: String(employees),
    hubspot_owner_id: kit.b.ownerId,
    city: 'Boston',
    country: 'United States',
    lifecyclestage: 'customer',
    createdate: kit.b.iso(kit.today - 1600, 600),
  };
}

export function storyDomain(name: string, index: number): string {
  return `${ascii(name.split(' — ')[0])}-${index}.example`;
}

function round(amount: number): number {
  return Math.round(amount / 100) * 100;
}
