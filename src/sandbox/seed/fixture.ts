import type { PortalState, PropertyInput } from '../portal/portal-state.js';

/**
 * A small hand-written portal (5 companies with contacts, deals, activities and
 * one open task), used when the demo generator is not wanted or not available.
 * Times are relative to `now` so the data always looks recent.
 */
const DAY = 86_400_000;

interface FixtureCompany {
  name: string;
  domain: string;
  industry: string;
  annualrevenue: number;
  numberofemployees: number;
  contacts: Array<[first: string, last: string, title: string]>;
  /** Won deal amounts, each closed `daysAgo` days ago. */
  wonDeals: Array<[amount: number, daysAgo: number]>;
  meetingsDaysAgo: number[];
}

const COMPANIES: FixtureCompany[] = [
  {
    name: 'Northwind Traders',
    domain: 'northwind.example',
    industry: 'WHOLESALE',
    annualrevenue: 48_000_000,
    numberofemployees: 420,
    contacts: [
      ['Ana', 'Trujillo', 'Head of Procurement'],
      ['Thomas', 'Hardy', 'CFO'],
      ['Maria', 'Anders', 'Operations Lead'],
    ],
    wonDeals: [
      [120_000, 40],
      [85_000, 200],
      [60_000, 330],
    ],
    meetingsDaysAgo: [3, 21, 60],
  },
  {
    name: 'Contoso Pharma',
    domain: 'contoso.example',
    industry: 'PHARMACEUTICALS',
    annualrevenue: 210_000_000,
    numberofemployees: 1800,
    contacts: [
      ['Elena', 'Ruiz', 'VP Research Operations'],
      ['Marc', 'Dubois', 'IT Director'],
    ],
    wonDeals: [
      [310_000, 90],
      [150_000, 400],
    ],
    meetingsDaysAgo: [10, 45],
  },
  {
    name: 'Fabrikam Tools',
    domain: 'fabrikam.example',
    industry: 'MACHINERY',
    annualrevenue: 12_500_000,
    numberofemployees: 95,
    contacts: [['Jonah', 'Wells', 'Owner']],
    wonDeals: [[18_000, 150]],
    meetingsDaysAgo: [120],
  },
  {
    name: 'Litware Analytics',
    domain: 'litware.example',
    industry: 'COMPUTER_SOFTWARE',
    annualrevenue: 30_000_000,
    numberofemployees: 260,
    contacts: [
      ['Priya', 'Nair', 'CTO'],
      ['Sven', 'Olsen', 'Data Lead'],
    ],
    wonDeals: [],
    meetingsDaysAgo: [7],
  },
  {
    name: 'Tailspin Logistics',
    domain: 'tailspin.example',
    industry: 'LOGISTICS_AND_SUPPLY_CHAIN',
    annualrevenue: 75_000_000,
    numberofemployees: 900,
    contacts: [
      ['Grace', 'Okafor', 'COO'],
      ['Liam', 'Byrne', 'Fleet Manager'],
    ],
    wonDeals: [
      [95_000, 20],
      [40_000, 380],
    ],
    meetingsDaysAgo: [2, 30, 90],
  },
];

export interface FixtureResult {
  companies: number;
  contacts: number;
  deals: number;
  engagements: number;
  tasks: number;
}

export function seedFixture(portal: PortalState, now: number): FixtureResult {
  const owners = portal.owners.list();
  const quiet = { silent: true } as const;
  const result: FixtureResult = { companies: 0, contacts: 0, deals: 0, engagements: 0, tasks: 0 };
  let firstCompanyId: number | undefined;
  COMPANIES.forEach((c, i) => {
    const ownerId = owners.length > 0 ? owners[i % owners.length].id : undefined;
    const company = portal.createObject(
      'companies',
      {
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        annualrevenue: c.annualrevenue,
        numberofemployees: c.numberofemployees,
        hubspot_owner_id: ownerId,
        createdate: now - 800 * DAY,
      },
      { ...quiet, at: now - 800 * DAY },
    );
    result.companies++;
    firstCompanyId ??= company.id;
    const link = (type: string, props: PropertyInput, at: number) => {
      const r = portal.createObject(type, props, { ...quiet, at });
      portal.associate(type, r.id, 'companies', company.id, 'default', quiet);
      return r;
    };
    c.contacts.forEach(([first, last, title], j) => {
      const email = `${first}.${last}@${c.domain}`.toLowerCase();
      link(
        'contacts',
        { firstname: first, lastname: last, jobtitle: title, email },
        now - (700 - j) * DAY,
      );
      result.contacts++;
    });
    c.wonDeals.forEach(([amount, daysAgo], j) => {
      const closed = now - daysAgo * DAY;
      link(
        'deals',
        {
          dealname: `${c.name} – order ${j + 1}`,
          amount,
          dealstage: 'closedwon',
          closedate: new Date(closed).toISOString(),
          hubspot_owner_id: ownerId,
        },
        closed - 30 * DAY,
      );
      result.deals++;
    });
    link(
      'deals',
      {
        dealname: `${c.name} – expansion`,
        amount: 50_000,
        dealstage: 'qualifiedtobuy',
        closedate: new Date(now + 60 * DAY).toISOString(),
        hubspot_owner_id: ownerId,
      },
      now - 10 * DAY,
    );
    result.deals++;
    for (const daysAgo of c.meetingsDaysAgo) {
      const at = now - daysAgo * DAY;
      link(
        'meetings',
        {
          hs_meeting_title: 'Account check-in',
          hs_timestamp: new Date(at).toISOString(),
          hubspot_owner_id: ownerId,
        },
        at,
      );
      result.engagements++;
    }
    link(
      'calls',
      {
        hs_call_title: 'Follow-up call',
        hs_timestamp: new Date(now - 5 * DAY).toISOString(),
        hubspot_owner_id: ownerId,
      },
      now - 5 * DAY,
    );
    result.engagements++;
  });
  if (firstCompanyId !== undefined) {
    const task = portal.createObject(
      'tasks',
      {
        hs_task_subject: 'Plan the next business review',
        hs_task_status: 'NOT_STARTED',
        hs_task_priority: 'HIGH',
        hs_timestamp: new Date(now + 7 * DAY).toISOString(),
        hubspot_owner_id: owners[0]?.id,
      },
      { ...quiet, at: now - DAY },
    );
    portal.associate('tasks', task.id, 'companies', firstCompanyId, 'default', quiet);
    result.tasks++;
  }
  return result;
}
