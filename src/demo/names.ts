import type { CommitteeRole } from '../domain/snapshot.js';

/** Word lists for believable demo records. Industry values are HubSpot's own `industry` options. */

export interface IndustrySpec {
  value: string;
  /** Share of random companies. */
  weight: number;
  /** Typical deal size multiplier: segments differ, which is why scores compare within a segment. */
  dealScale: number;
  nouns: readonly string[];
}

export const industries: readonly IndustrySpec[] = [
  {
    value: 'COMPUTER_SOFTWARE',
    weight: 14,
    dealScale: 1.2,
    nouns: ['Software', 'Systems', 'Labs', 'Cloud'],
  },
  {
    value: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
    weight: 12,
    dealScale: 1.0,
    nouns: ['IT Services', 'Digital', 'Technologies'],
  },
  {
    value: 'LOGISTICS_AND_SUPPLY_CHAIN',
    weight: 9,
    dealScale: 0.8,
    nouns: ['Logistics', 'Freight', 'Supply Chain'],
  },
  {
    value: 'MACHINERY',
    weight: 9,
    dealScale: 1.5,
    nouns: ['Machinery', 'Industrial', 'Engineering'],
  },
  {
    value: 'HOSPITAL_HEALTH_CARE',
    weight: 8,
    dealScale: 1.1,
    nouns: ['Health', 'Medical Center', 'Care'],
  },
  {
    value: 'FINANCIAL_SERVICES',
    weight: 8,
    dealScale: 1.4,
    nouns: ['Capital', 'Financial', 'Partners'],
  },
  { value: 'RETAIL', weight: 8, dealScale: 0.6, nouns: ['Retail', 'Stores', 'Outfitters'] },
  {
    value: 'TELECOMMUNICATIONS',
    weight: 6,
    dealScale: 1.6,
    nouns: ['Telecom', 'Networks', 'Communications'],
  },
  { value: 'AUTOMOTIVE', weight: 6, dealScale: 1.3, nouns: ['Motors', 'Automotive', 'Components'] },
  {
    value: 'PHARMACEUTICALS',
    weight: 5,
    dealScale: 1.8,
    nouns: ['Pharma', 'Biosciences', 'Therapeutics'],
  },
  {
    value: 'CONSTRUCTION',
    weight: 5,
    dealScale: 0.9,
    nouns: ['Construction', 'Builders', 'Infrastructure'],
  },
  { value: 'FOOD_BEVERAGES', weight: 5, dealScale: 0.5, nouns: ['Foods', 'Beverages', 'Kitchens'] },
  { value: 'OIL_ENERGY', weight: 5, dealScale: 2.0, nouns: ['Energy', 'Power', 'Resources'] },
];

/** Used by the "segment of one" story only, so that segment has exactly one company. */
export const loneIndustry = 'MARITIME';

// prettier-ignore
export const companyPrefixes = [
  'Apex', 'Bluefin', 'Cedar', 'Summit', 'Harbor', 'Ironwood', 'Lakeside', 'Meridian', 'Northstar', 'Oakridge',
  'Pinnacle', 'Quartz', 'Redwood', 'Silverline', 'Trident', 'Union', 'Vantage', 'Westbrook', 'Zenith', 'Atlas',
  'Beacon', 'Crescent', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Horizon', 'Keystone', 'Liberty', 'Maple',
  'Nova', 'Orion', 'Pioneer', 'Riverbend', 'Sterling', 'Titan', 'Vertex', 'Willow', 'Alder', 'Brightwater',
  'Cobalt', 'Driftwood', 'Ember', 'Foxglove', 'Goldcrest', 'Highland', 'Juniper', 'Kestrel', 'Lighthouse', 'Monarch',
] as const;

// prettier-ignore
export const legalSuffixes = [
  'Inc.', 'Group', 'Ltd.', 'Corp.', 'LLC', 'AG', 'GmbH', 'Co.',
] as const;

// prettier-ignore
export const cities = [
  ['New York', 'United States'], ['Chicago', 'United States'],
  ['Austin', 'United States'], ['Boston', 'United States'],
  ['Toronto', 'Canada'], ['London', 'United Kingdom'],
  ['Munich', 'Germany'], ['Paris', 'France'],
  ['Amsterdam', 'Netherlands'], ['Shanghai', 'China'],
  ['Shenzhen', 'China'], ['Singapore', 'Singapore'],
  ['Sydney', 'Australia'], ['São Paulo', 'Brazil'],
  ['Mexico City', 'Mexico'], ['Tokyo', 'Japan'],
] as const;

// prettier-ignore
export const firstNames = [
  'James', 'Mary', 'Wei', 'Priya', 'Carlos', 'Fatima', 'Liam', 'Sofia', 'Hiroshi', 'Amara', 'Lukas', 'Chloe',
  'Mateo', 'Aisha', 'Noah', 'Mei', 'Oliver', 'Ana', 'Ethan', 'Yuki', 'Daniel', 'Grace', 'Omar', 'Elena',
  'Ravi', 'Hannah', 'Jun', 'Isabella', 'Kwame', 'Laura', 'Pedro', 'Sara', 'Ming', 'Julia', 'Tom', 'Nina',
] as const;

// prettier-ignore
export const lastNames = [
  'Smith', 'Chen', 'Garcia', 'Patel', 'Müller', 'Johnson', 'Wang', 'Kim', 'Rossi', 'Silva', 'Nguyen', 'Brown',
  'Okafor', 'Tanaka', 'Dubois', 'Kowalski', 'Li', 'Martin', 'Haddad', 'Novak', 'Larsen', 'Zhang', 'Lopez', 'Wilson',
  'Ivanova', 'Mensah', 'Fischer', 'Sato', 'Costa', 'Andersson', 'Liu', 'Murphy', 'Reyes', 'Schmidt', 'Huang', 'Taylor',
] as const;

export const titlesByRole: Readonly<Record<CommitteeRole, readonly string[]>> = {
  decision_maker: ['CEO', 'CFO', 'COO', 'CIO', 'VP Operations', 'Managing Director'],
  buyer: ['Procurement Manager', 'Head of Purchasing', 'Strategic Sourcing Lead'],
  user: ['Operations Manager', 'IT Manager', 'Plant Manager', 'Team Lead', 'Senior Engineer'],
  influencer: ['Head of IT', 'Solution Architect', 'Director of Engineering', 'Finance Controller'],
  gatekeeper: ['Executive Assistant', 'Legal Counsel', 'Compliance Officer', 'Office Manager'],
};

// prettier-ignore
export const unassignedTitles = [
  'Analyst', 'Coordinator', 'Specialist', 'Marketing Manager', 'Account Executive',
] as const;

/** HubSpot `hs_buying_role` values per committee role, for contacts that only carry HubSpot's own role. */
export const hubspotRolesByRole: Readonly<Record<CommitteeRole, readonly string[]>> = {
  decision_maker: ['DECISION_MAKER', 'BUDGET_HOLDER', 'EXECUTIVE_SPONSOR'],
  buyer: [],
  user: ['END_USER'],
  influencer: ['INFLUENCER', 'CHAMPION'],
  gatekeeper: ['BLOCKER', 'LEGAL_AND_COMPLIANCE'],
};

// prettier-ignore
export const productLines = [
  'Platform', 'Analytics', 'Integration', 'Support Plus', 'Training', 'Managed Services',
] as const;

// prettier-ignore
export const openDealStages = [
  'appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent',
] as const;

// prettier-ignore
export const meetingTitles = [
  'Quarterly business review', 'Roadmap session', 'Steering committee', 'Kick-off', 'Site visit', 'Executive sponsor check-in',
] as const;
// prettier-ignore
export const callTitles = [
  'Follow-up call', 'Pricing discussion', 'Support escalation', 'Renewal check-in', 'Intro call',
] as const;
// prettier-ignore
export const emailSubjects = [
  'Proposal attached', 'Meeting notes', 'Next steps', 'Invoice question', 'Product update', 'Re: rollout plan',
] as const;

// prettier-ignore
export const ownerFirstNames = [
  'Avery', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Jamie', 'Quinn', 'Skyler', 'Reese',
  'Dakota', 'Rowan', 'Emerson', 'Harper', 'Logan', 'Parker', 'Sage', 'Kendall', 'Blake', 'Drew',
] as const;
// prettier-ignore
export const ownerLastNames = [
  'Hughes', 'Zhou', 'Ortega', 'Bennett', 'Iyer', 'Kowalczyk', 'Adeyemi', 'Lindqvist', 'Moreau', 'Park',
  'Santos', 'Whitaker', 'Fujita', 'Novak', 'Bauer', 'Chowdhury', 'Ellis', 'Romero', 'Yilmaz', 'Grant',
] as const;
