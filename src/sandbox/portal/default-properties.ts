import {
  BUYING_ROLES,
  DEAL_STAGES,
  INDUSTRIES,
  LIFECYCLE_STAGES,
  upper,
} from './default-property-options.js';
import { CALL, EMAIL, MEETING, NOTE, TASK } from './default-properties-activities.js';
import {
  activity,
  base,
  bool,
  CALCULATED,
  dt,
  multi,
  num,
  owner,
  READ_ONLY,
  select,
  str,
  text,
} from './property-seed-helpers.js';
import type { PropertyRegistry } from './property-registry.js';
import type { PropertySeed } from './property-types.js';

/** HubSpot's common default properties for the record types the sandbox serves. */
const COMPANY: PropertySeed[] = [
  ...base('companyinformation', 'createdate'),
  str('name', 'Company name', 'companyinformation'),
  str('domain', 'Company Domain Name', 'companyinformation'),
  str('website', 'Website URL', 'companyinformation'),
  select('industry', 'Industry', 'companyinformation', INDUSTRIES),
  num('annualrevenue', 'Annual Revenue', 'companyinformation', { showCurrencySymbol: true }),
  num('numberofemployees', 'Number of Employees', 'companyinformation'),
  owner('companyinformation'),
  select('lifecyclestage', 'Lifecycle Stage', 'companyinformation', LIFECYCLE_STAGES),
  select(
    'type',
    'Type',
    'companyinformation',
    upper('PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', 'OTHER'),
  ),
  str('city', 'City', 'companyinformation'),
  str('state', 'State/Region', 'companyinformation'),
  str('country', 'Country/Region', 'companyinformation'),
  str('phone', 'Phone Number', 'companyinformation'),
  text('description', 'Description', 'companyinformation'),
  bool('hs_is_target_account', 'Target Account', 'target_accounts'),
  select('hs_ideal_customer_profile', 'Ideal Customer Profile Tier', 'target_accounts', [
    ['tier_1', 'Tier 1'],
    ['tier_2', 'Tier 2'],
    ['tier_3', 'Tier 3'],
  ]),
  num('num_associated_contacts', 'Number of Associated Contacts', 'companyinformation', CALCULATED),
  num('num_associated_deals', 'Number of Associated Deals', 'companyinformation', CALCULATED),
  num('total_revenue', 'Total Revenue', 'companyinformation', { showCurrencySymbol: true }),
  ...activity('company_activity'),
];

const CONTACT: PropertySeed[] = [
  ...base('contactinformation', 'createdate'),
  dt('lastmodifieddate', 'Last Modified Date', 'contactinformation', READ_ONLY),
  str('firstname', 'First Name', 'contactinformation'),
  str('lastname', 'Last Name', 'contactinformation'),
  str('email', 'Email', 'contactinformation'),
  str('phone', 'Phone Number', 'contactinformation'),
  str('jobtitle', 'Job Title', 'contactinformation'),
  str('company', 'Company Name', 'contactinformation'),
  owner('contactinformation'),
  select('lifecyclestage', 'Lifecycle Stage', 'contactinformation', LIFECYCLE_STAGES),
  select(
    'hs_lead_status',
    'Lead Status',
    'sales_properties',
    upper(
      'NEW',
      'OPEN',
      'IN_PROGRESS',
      'OPEN_DEAL',
      'UNQUALIFIED',
      'ATTEMPTED_TO_CONTACT',
      'CONNECTED',
      'BAD_TIMING',
    ),
  ),
  multi('hs_buying_role', 'Buying Role', 'sales_properties', BUYING_ROLES),
  num('associatedcompanyid', 'Primary Associated Company ID', 'contactinformation'),
  ...activity('contact_activity'),
];

const DEAL: PropertySeed[] = [
  ...base('dealinformation', 'createdate'),
  str('dealname', 'Deal Name', 'dealinformation'),
  num('amount', 'Amount', 'dealinformation', { showCurrencySymbol: true }),
  num('amount_in_home_currency', 'Amount in company currency', 'dealinformation', {
    showCurrencySymbol: true,
  }),
  dt('closedate', 'Close Date', 'dealinformation'),
  select('dealstage', 'Deal Stage', 'dealinformation', DEAL_STAGES),
  select('pipeline', 'Pipeline', 'dealinformation', [['default', 'Sales Pipeline']]),
  select('dealtype', 'Deal Type', 'dealinformation', [
    ['newbusiness', 'New Business'],
    ['existingbusiness', 'Existing Business'],
  ]),
  owner('dealinformation'),
  bool('hs_is_closed_won', 'Is Closed Won', 'dealinformation'),
  bool('hs_is_closed', 'Is Deal Closed?', 'dealinformation'),
  select('hs_priority', 'Priority', 'dealinformation', [
    ['low', 'Low'],
    ['medium', 'Medium'],
    ['high', 'High'],
  ]),
  num('hs_deal_stage_probability', 'Deal probability', 'dealinformation'),
  text('description', 'Deal Description', 'dealinformation'),
  select(
    'deal_currency_code',
    'Currency',
    'dealinformation',
    upper('USD', 'EUR', 'GBP', 'CNY', 'JPY', 'CHF'),
  ),
];

const TICKET: PropertySeed[] = [
  ...base('ticketinformation', 'createdate'),
  str('subject', 'Ticket name', 'ticketinformation'),
  text('content', 'Ticket description', 'ticketinformation'),
  select('hs_pipeline', 'Pipeline', 'ticketinformation', [['0', 'Support Pipeline']]),
  select('hs_pipeline_stage', 'Ticket status', 'ticketinformation', [
    ['1', 'New'],
    ['2', 'Waiting on contact'],
    ['3', 'Waiting on us'],
    ['4', 'Closed'],
  ]),
  select(
    'hs_ticket_priority',
    'Priority',
    'ticketinformation',
    upper('LOW', 'MEDIUM', 'HIGH', 'URGENT'),
  ),
  owner('ticketinformation'),
];

const SEEDS: Array<[type: string, groups: Array<[string, string]>, seeds: PropertySeed[]]> = [
  [
    'companies',
    [
      ['companyinformation', 'Company information'],
      ['company_activity', 'Company activity'],
      ['target_accounts', 'Target accounts'],
    ],
    COMPANY,
  ],
  [
    'contacts',
    [
      ['contactinformation', 'Contact information'],
      ['contact_activity', 'Contact activity'],
      ['sales_properties', 'Sales properties'],
    ],
    CONTACT,
  ],
  [
    'deals',
    [
      ['dealinformation', 'Deal information'],
      ['deal_activity', 'Deal activity'],
    ],
    DEAL,
  ],
  ['tickets', [['ticketinformation', 'Ticket information']], TICKET],
  ['tasks', [['task', 'Task information']], TASK],
  ['notes', [['note', 'Note information']], NOTE],
  ['meetings', [['meeting', 'Meeting information']], MEETING],
  ['calls', [['call', 'Call information']], CALL],
  ['emails', [['email', 'Email information']], EMAIL],
];

export function seedDefaultProperties(registry: PropertyRegistry): void {
  for (const [type, groups, seeds] of SEEDS) registry.seed(type, groups, seeds);
}
