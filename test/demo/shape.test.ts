import {
  generateDemoCompanies,
  generateDemoPortal,
  type DemoPortal,
} from '../../src/demo/index.js';
import { industries, loneIndustry, openDealStages } from '../../src/demo/names.js';
import {
  findProperty,
  type KamObjectType,
  type PropertyDefinition,
} from '../../src/hubspot/data-model.js';
import { hubspotRecordSchema, ownerSchema, type HubSpotRecord } from '../../src/sync/records.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const portal: DemoPortal = generateDemoPortal({ seed: 11, companies: 120 });

/** Checks a value the way HubSpot's Properties API would for the property's type. */
function problemWith(def: PropertyDefinition, value: string, ownerIds: Set<string>): string | null {
  switch (def.type) {
    case 'number':
      return Number.isFinite(Number(value)) && value.trim() !== '' ? null : 'not a number';
    case 'bool':
      return value === 'true' || value === 'false' ? null : 'not a bool';
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : 'not a date';
    case 'datetime':
      return ISO_INSTANT.test(value) ? null : 'not a datetime';
    case 'string':
      return value.length <= 65_536 ? null : 'too long';
    case 'enumeration': {
      if (def.referencedObjectType === 'OWNER') return ownerIds.has(value) ? null : 'unknown owner';
      const allowed = new Set((def.options ?? []).map((o) => o.value));
      const parts = def.fieldType === 'checkbox' ? value.split(';') : [value];
      return parts.every((p) => allowed.has(p)) ? null : `not an option: ${value}`;
    }
  }
}

function kamProblems(
  type: KamObjectType,
  records: HubSpotRecord[],
  ownerIds: Set<string>,
): string[] {
  const problems: string[] = [];
  for (const r of records) {
    for (const [name, value] of Object.entries(r.properties)) {
      if (!name.startsWith('kam_')) continue;
      const def = findProperty(type, name);
      if (!def) problems.push(`${type}.${name}: not in the catalog`);
      else if (value !== null) {
        const p = problemWith(def, value, ownerIds);
        if (p) problems.push(`${type} ${r.id}.${name}=${value}: ${p}`);
      }
    }
  }
  return problems;
}

describe('demo portal records', () => {
  const ownerIds = new Set(portal.owners.map((o) => o.id));
  const engagements = [...portal.meetings, ...portal.calls, ...portal.emails];

  it('are HubSpot-shaped with numeric, unique ids', () => {
    for (const list of [portal.companies, portal.contacts, portal.deals, engagements]) {
      for (const r of list) hubspotRecordSchema.parse(r);
      expect(new Set(list.map((r) => r.id)).size).toBe(list.length);
    }
    for (const o of portal.owners) ownerSchema.parse(o);
    expect(portal.owners).toHaveLength(12);
  });

  it('set only catalog properties, each valid for its type', () => {
    expect(kamProblems('companies', portal.companies, ownerIds)).toEqual([]);
    expect(kamProblems('contacts', portal.contacts, ownerIds)).toEqual([]);
    expect(kamProblems('deals', portal.deals, ownerIds)).toEqual([]);
  });

  it("use HubSpot's native values and formats", () => {
    // Problems are collected, not asserted one by one: thousands of expect() calls are slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    const industryValues = new Set([...industries.map((i) => i.value), loneIndustry]);
    for (const c of portal.companies) {
      check(industryValues.has(c.properties.industry ?? ''), `industry of ${c.id}`);
      check(ownerIds.has(c.properties.hubspot_owner_id ?? ''), `owner of ${c.id}`);
      check(Number(c.properties.annualrevenue) > 0, `annualrevenue of ${c.id}`);
    }
    const stages = new Set<string>([...openDealStages, 'closedwon', 'closedlost']);
    for (const d of portal.deals) {
      const p = d.properties;
      check(stages.has(p.dealstage ?? ''), `dealstage of ${d.id}`);
      check(
        ISO_INSTANT.test(p.closedate ?? '') && ISO_INSTANT.test(p.createdate ?? ''),
        `dates of ${d.id}`,
      );
      check(
        p.hs_is_closed_won === String(p.dealstage === 'closedwon'),
        `hs_is_closed_won of ${d.id}`,
      );
      check(
        p.hs_is_closed === String(p.dealstage === 'closedwon' || p.dealstage === 'closedlost'),
        `hs_is_closed of ${d.id}`,
      );
      if (p.deal_currency_code === 'USD')
        check(p.amount === p.amount_in_home_currency, `amount of ${d.id}`);
    }
    const asOf = Date.parse(portal.asOf);
    for (const m of portal.meetings) {
      check(ISO_INSTANT.test(m.properties.hs_timestamp ?? ''), `hs_timestamp of ${m.id}`);
      const future = Date.parse(m.properties.hs_timestamp ?? '') > asOf;
      if (future)
        check(m.properties.hs_meeting_outcome === 'SCHEDULED', `outcome of future meeting ${m.id}`);
    }
    for (const e of [...portal.calls, ...portal.emails])
      check(Date.parse(e.properties.hs_timestamp ?? '') < asOf, `future call/email ${e.id}`);
    expect(problems).toEqual([]);
    // Some deals are in another currency, some contacts carry only HubSpot's own buying role.
    expect(
      portal.deals.some(
        (d) =>
          d.properties.deal_currency_code === 'EUR' &&
          d.properties.amount !== d.properties.amount_in_home_currency,
      ),
    ).toBe(true);
    expect(
      portal.contacts.some((c) => c.properties.hs_buying_role && !c.properties.kam_buying_role),
    ).toBe(true);
  });

  it('associate consistently: one primary company per contact and deal, every engagement to its company', () => {
    const exists = new Map<string, Set<string>>([
      ['companies', new Set(portal.companies.map((r) => r.id))],
      ['contacts', new Set(portal.contacts.map((r) => r.id))],
      ['deals', new Set(portal.deals.map((r) => r.id))],
      ['meetings', new Set(portal.meetings.map((r) => r.id))],
      ['calls', new Set(portal.calls.map((r) => r.id))],
      ['emails', new Set(portal.emails.map((r) => r.id))],
    ]);
    const problems: string[] = [];
    const primaries = new Map<string, string[]>();
    const engagementCompanies = new Map<string, number>();
    for (const a of portal.associations) {
      if (!exists.get(a.fromType)?.has(a.fromId) || !exists.get(a.toType)?.has(a.toId))
        problems.push(`dangling ${JSON.stringify(a)}`);
      const key = `${a.fromType}:${a.fromId}`;
      if (a.primary) primaries.set(key, [...(primaries.get(key) ?? []), a.toId]);
      if (a.toType === 'companies' && ['meetings', 'calls', 'emails'].includes(a.fromType)) {
        engagementCompanies.set(a.fromId, (engagementCompanies.get(a.fromId) ?? 0) + 1);
      }
    }
    for (const c of portal.contacts) {
      const primary = primaries.get(`contacts:${c.id}`) ?? [];
      if (primary.length !== 1 || c.properties.associatedcompanyid !== primary[0])
        problems.push(`primary company of contact ${c.id}`);
    }
    for (const d of portal.deals)
      if (primaries.get(`deals:${d.id}`)?.length !== 1)
        problems.push(`primary company of deal ${d.id}`);
    for (const e of engagements)
      if (engagementCompanies.get(e.id) !== 1) problems.push(`company of engagement ${e.id}`);
    expect(problems).toEqual([]);
    // The scripted shared deal and shared contact: a second, non-primary company link.
    expect(
      portal.associations.filter(
        (a) =>
          a.toType === 'companies' &&
          !a.primary &&
          (a.fromType === 'deals' || a.fromType === 'contacts'),
      ),
    ).toHaveLength(2);
  });

  it('link across companies only backwards, so streaming consumers have created the target', () => {
    const indexOf = new Map(portal.bundles.map((b) => [b.company.id, b.index]));
    for (const b of portal.bundles) {
      for (const a of b.associations) {
        if (a.toType === 'companies') expect(indexOf.get(a.toId)).toBeLessThanOrEqual(b.index);
      }
    }
  });

  it('keep the benchmark ratios: ~6 contacts, ~10 deals, ~30 engagements per company', () => {
    const n = 600;
    let contacts = 0;
    let deals = 0;
    let touches = 0;
    for (const b of generateDemoCompanies({ seed: 5, companies: n, stories: false })) {
      contacts += b.contacts.length;
      deals += b.deals.length;
      touches += b.meetings.length + b.calls.length + b.emails.length;
    }
    expect(contacts / n).toBeGreaterThan(5.5);
    expect(contacts / n).toBeLessThan(6.5);
    expect(deals / n).toBeGreaterThan(9);
    expect(deals / n).toBeLessThan(11);
    expect(touches / n).toBeGreaterThan(27);
    expect(touches / n).toBeLessThan(33);
  });

  it('spreads deals over three years with a Q4 peak', () => {
    const perQuarter = [0, 0, 0, 0];
    const oldest = Date.parse(portal.asOf) - 3 * 366 * 86_400_000;
    for (const d of portal.deals) {
      const at = Date.parse(d.properties.closedate ?? '');
      if (d.properties.hs_is_closed === 'true') expect(at).toBeGreaterThan(oldest);
      perQuarter[Math.floor(new Date(at).getUTCMonth() / 3)]++;
    }
    expect(perQuarter[3]).toBe(Math.max(...perQuarter));
  });
});
