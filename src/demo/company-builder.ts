import type { CommitteeRole, Stance } from '../domain/snapshot.js';
import type { Association, EngagementObjectType, HubSpotRecord } from '../sync/records.js';
import { ids, type DemoContext } from './context.js';
import { callTitles, emailSubjects, meetingTitles } from './names.js';
import type { Rng } from './rng.js';
import type { DemoStoryInfo } from './story-types.js';

/**
 * Builds one company with its contacts, deals, engagements and associations
 * as HubSpot-shaped records. Random companies and scripted stories both use
 * it, so every record looks the same whichever made it. Unset properties are
 * left out (HubSpot stores no value), never written as empty strings.
 */

export interface DemoCompanyBundle {
  index: number;
  company: HubSpotRecord;
  contacts: HubSpotRecord[];
  deals: HubSpotRecord[];
  meetings: HubSpotRecord[];
  calls: HubSpotRecord[];
  emails: HubSpotRecord[];
  associations: Association[];
  story: DemoStoryInfo | null;
}

export interface ContactSpec {
  first: string;
  last: string;
  title: string;
  roles: readonly CommitteeRole[];
  /** HubSpot's own buying roles; written instead of kam_buying_role when `roles` is empty. */
  hubspotRoles?: readonly string[];
  stance?: Stance | null;
  closeness?: number | null;
  solutionAcceptance?: number | null;
  priceAcceptance?: number | null;
  left?: boolean;
}

export interface DealSpec {
  status: 'won' | 'lost' | 'open';
  /** Local day number of the (expected) close. */
  closeDay: number;
  createDay: number;
  /** In the home currency (USD); null = amount not set. */
  amount: number | null;
  productLine: string | null;
  /** Deals in EUR carry `amount` in EUR and `amount_in_home_currency` in USD. */
  currency?: 'USD' | 'EUR';
  stage?: string;
  /** Other companies the deal is also (non-primary) associated with. */
  alsoCompanyIds?: readonly string[];
}

export interface EngagementSpec {
  type: EngagementObjectType;
  day: number;
  /** Minutes after local midnight; business hours by default. */
  minutes?: number;
  contactIds: readonly string[];
  /** Meetings only: HubSpot's hs_meeting_outcome. */
  outcome?: 'SCHEDULED' | 'COMPLETED' | 'RESCHEDULED' | 'NO_SHOW' | 'CANCELED';
}

type Props = Record<string, string | null>;

const EUR_IN_USD = 1.08;
const MEETING_MINUTES = [30, 45, 60, 90];

export class CompanyBuilder {
  readonly companyId: string;
  readonly contacts: HubSpotRecord[] = [];
  readonly deals: HubSpotRecord[] = [];
  readonly meetings: HubSpotRecord[] = [];
  readonly calls: HubSpotRecord[] = [];
  readonly emails: HubSpotRecord[] = [];
  readonly associations: Association[] = [];
  private engagementCount = 0;

  constructor(
    readonly ctx: DemoContext,
    readonly index: number,
    readonly rng: Rng,
    readonly ownerId: string,
    readonly domain: string,
  ) {
    this.companyId = ids.company(index);
  }

  iso(day: number, minutes: number): string {
    return isoOf(this.ctx.calendar.instantOf(day, minutes));
  }

  businessMinutes(): number {
    return this.rng.int(8 * 60 + 30, 17 * 60 + 30);
  }

  addContact(spec: ContactSpec): string {
    const k = this.contacts.length;
    if (k >= ids.perCompany) throw new Error('too many contacts for one demo company');
    const id = ids.contact(this.index, k);
    const props: Props = {
      firstname: spec.first,
      lastname: spec.last,
      email: `${ascii(spec.first)}.${ascii(spec.last)}${k}@${this.domain}`,
      jobtitle: spec.title,
      associatedcompanyid: this.companyId,
      hubspot_owner_id: this.ownerId,
      createdate: this.iso(this.ctx.today - this.rng.int(200, 1500), this.businessMinutes()),
    };
    if (spec.roles.length > 0) props.kam_buying_role = spec.roles.join(';');
    if (spec.hubspotRoles && spec.hubspotRoles.length > 0)
      props.hs_buying_role = spec.hubspotRoles.join(';');
    setIf(props, 'kam_stance', spec.stance);
    setIf(props, 'kam_closeness', spec.closeness);
    setIf(props, 'kam_solution_acceptance', spec.solutionAcceptance);
    setIf(props, 'kam_price_acceptance', spec.priceAcceptance);
    if (spec.left) props.kam_left_company = 'true';
    this.contacts.push({ id, properties: props });
    this.associations.push({
      fromType: 'contacts',
      fromId: id,
      toType: 'companies',
      toId: this.companyId,
      primary: true,
    });
    return id;
  }

  addDeal(spec: DealSpec): string {
    const k = this.deals.length;
    if (k >= ids.perCompany) throw new Error('too many deals for one demo company');
    const id = ids.deal(this.index, k);
    const closed = spec.status !== 'open';
    const stage =
      spec.status === 'won'
        ? 'closedwon'
        : spec.status === 'lost'
          ? 'closedlost'
          : (spec.stage ?? 'qualifiedtobuy');
    const props: Props = {
      dealname: `${spec.productLine ?? 'Deal'} ${this.ctx.calendar.dateOfDay(spec.closeDay).slice(0, 7)}`,
      pipeline: 'default',
      dealstage: stage,
      closedate: this.iso(spec.closeDay, this.businessMinutes()),
      createdate: this.iso(spec.createDay, this.businessMinutes()),
      hs_is_closed_won: spec.status === 'won' ? 'true' : 'false',
      hs_is_closed: closed ? 'true' : 'false',
      hubspot_owner_id: this.ownerId,
      deal_currency_code: spec.currency ?? 'USD',
    };
    if (spec.amount !== null) {
      const home = Math.round(spec.amount);
      props.amount = String(spec.currency === 'EUR' ? Math.round(home / EUR_IN_USD) : home);
      props.amount_in_home_currency = String(home);
    }
    if (spec.productLine !== null) props.kam_product_line = spec.productLine;
    this.deals.push({ id, properties: props });
    this.associations.push({
      fromType: 'deals',
      fromId: id,
      toType: 'companies',
      toId: this.companyId,
      primary: true,
    });
    for (const other of spec.alsoCompanyIds ?? []) {
      this.associations.push({
        fromType: 'deals',
        fromId: id,
        toType: 'companies',
        toId: other,
        primary: false,
      });
    }
    return id;
  }

  addEngagement(spec: EngagementSpec): string {
    const k = this.engagementCount++;
    if (k >= ids.perCompany) throw new Error('too many engagements for one demo company');
    const id = ids.engagement(this.index, k);
    let ms = this.ctx.calendar.instantOf(spec.day, spec.minutes ?? this.businessMinutes());
    // A touch meant for today must not lie after asOf (only meetings are scheduled ahead).
    if (spec.day <= this.ctx.today && ms >= this.ctx.asOfMs)
      ms = this.ctx.asOfMs - this.rng.int(1, 120) * 60_000;
    const at = isoOf(ms);
    const rng = this.rng;
    const props: Props = { hs_timestamp: at, hubspot_owner_id: this.ownerId };
    if (spec.type === 'meetings') {
      const end = isoOf(ms + rng.pick(MEETING_MINUTES) * 60_000);
      props.hs_meeting_title = rng.pick(meetingTitles);
      props.hs_meeting_start_time = at;
      props.hs_meeting_end_time = end;
      props.hs_meeting_outcome = spec.outcome ?? (ms > this.ctx.asOfMs ? 'SCHEDULED' : 'COMPLETED');
      this.meetings.push({ id, properties: props });
    } else if (spec.type === 'calls') {
      props.hs_call_title = rng.pick(callTitles);
      props.hs_call_direction = rng.chance(0.7) ? 'OUTBOUND' : 'INBOUND';
      props.hs_call_status = 'COMPLETED';
      props.hs_call_duration = String(rng.int(3, 45) * 60_000);
      this.calls.push({ id, properties: props });
    } else {
      props.hs_email_subject = rng.pick(emailSubjects);
      props.hs_email_direction = rng.chance(0.65) ? 'EMAIL' : 'INCOMING_EMAIL';
      props.hs_email_status = 'SENT';
      this.emails.push({ id, properties: props });
    }
    this.associations.push({
      fromType: spec.type,
      fromId: id,
      toType: 'companies',
      toId: this.companyId,
      primary: false,
    });
    for (const contactId of spec.contactIds) {
      this.associations.push({
        fromType: spec.type,
        fromId: id,
        toType: 'contacts',
        toId: contactId,
        primary: false,
      });
    }
    return id;
  }

  /** A contact of this company also linked (non-primary) to another company. */
  linkContactTo(contactId: string, otherCompanyId: string): void {
    this.associations.push({
      fromType: 'contacts',
      fromId: contactId,
      toType: 'companies',
      toId: otherCompanyId,
      primary: false,
    });
  }

  finish(companyProps: Props, story: DemoStoryInfo | null): DemoCompanyBundle {
    const company: HubSpotRecord = { id: this.companyId, properties: dropNulls(companyProps) };
    return {
      index: this.index,
      company,
      contacts: this.contacts,
      deals: this.deals,
      meetings: this.meetings,
      calls: this.calls,
      emails: this.emails,
      associations: this.associations,
      story,
    };
  }
}

function setIf(props: Props, name: string, value: string | number | null | undefined): void {
  if (value !== null && value !== undefined) props[name] = String(value);
}

function dropNulls(props: Props): Props {
  const out: Props = {};
  for (const k in props) {
    const v = props[k];
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
}

const utcDates = new Map<number, string>();
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `new Date(ms).toISOString()` for whole-second instants, several times
 * faster: millions of timestamps are formatted for the large portal.
 */
export function isoOf(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let date = utcDates.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    utcDates.set(day, date);
  }
  const secs = Math.floor((ms - day * 86_400_000) / 1000);
  const millis = ms % 1000;
  if (millis !== 0) return new Date(ms).toISOString();
  return `${date}T${TWO[Math.floor(secs / 3600)]}:${TWO[Math.floor(secs / 60) % 60]}:${TWO[secs % 60]}.000Z`;
}

/** Lower-case ASCII for e-mail addresses (Müller → muller). */
export function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}
