import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { alertCodes, alertLevelSchema } from '../../src/domain/settings.js';
import { lifecycleStages, tierSchema } from '../../src/domain/snapshot.js';
import { kamProperties, propertyWriters } from '../../src/hubspot/data-model.js';

/**
 * What the metafiles promise beyond HubSpot's schemas: the scopes we document, the
 * webhook subscriptions the engine needs (no more), the workflow action contract, and
 * app objects whose options match the domain's enums.
 */

const root = path.resolve(__dirname, '../..');
const appDir = path.join(root, 'extensions/app');

const metaSchema = z.object({
  uid: z.string(),
  type: z.string(),
  config: z.record(z.string(), z.unknown()),
});
type Meta = z.infer<typeof metaSchema>;

function metafiles(folder: string): Meta[] {
  const dir = path.join(appDir, folder);
  return readdirSync(dir)
    .filter((f) => f.endsWith('-hsmeta.json'))
    .map((f) => metaSchema.parse(JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}
const only = (folder: string): Meta => {
  const [first, ...rest] = metafiles(folder);
  if (!first || rest.length > 0) throw new Error(`expected one metafile in ${folder}`);
  return first;
};

const appSchema = z.object({
  name: z.string(),
  distribution: z.literal('marketplace'),
  auth: z.object({
    type: z.literal('oauth'),
    redirectUrls: z.array(z.string()),
    requiredScopes: z.array(z.string()),
    optionalScopes: z.array(z.string()),
    conditionallyRequiredScopes: z.array(z.string()),
  }),
  permittedUrls: z.object({ fetch: z.array(z.string()) }),
  support: z.object({ supportEmail: z.string(), documentationUrl: z.string() }),
});
const app = appSchema.parse(
  JSON.parse(readFileSync(path.join(appDir, 'app-hsmeta.json'), 'utf8')).config,
);
const [baseUrl] = app.permittedUrls.fetch;

describe('app-hsmeta.json', () => {
  it('is the OAuth marketplace app "KAM for HubSpot" calling one backend', () => {
    expect(app.name).toBe('KAM for HubSpot');
    expect(app.permittedUrls.fetch).toHaveLength(1);
    expect(app.auth.redirectUrls).toEqual([`${baseUrl}/oauth/callback`]);
  });

  it('asks for the minimal scopes, app objects only as optional ones', () => {
    expect(app.auth.requiredScopes).toEqual(
      expect.arrayContaining([
        'oauth',
        'crm.objects.companies.read',
        'crm.objects.companies.write',
        'crm.objects.contacts.read',
        'crm.objects.contacts.write',
        'crm.objects.deals.read',
        'crm.objects.owners.read',
      ]),
    );
    // Reading deals is all we do with them; app objects need HubSpot's approval.
    expect(app.auth.requiredScopes).not.toContain('crm.objects.deals.write');
    expect(app.auth.requiredScopes.filter((s) => s.startsWith('crm.objects.custom'))).toEqual([]);
    expect(app.auth.optionalScopes).toEqual([
      'crm.objects.custom.read',
      'crm.objects.custom.write',
    ]);
  });

  it('justifies every scope in docs/scopes.md, and documents no other', () => {
    const doc = readFileSync(path.join(root, 'docs/scopes.md'), 'utf8');
    const documented = [...doc.matchAll(/^\|\s*`([a-z.\-_]+)`\s*\|/gm)].map((m) => m[1]);
    const declared = [
      ...app.auth.requiredScopes,
      ...app.auth.optionalScopes,
      ...app.auth.conditionallyRequiredScopes,
    ];
    expect([...documented].sort()).toEqual([...declared].sort());
  });
});

describe('UI components', () => {
  const entrypoint = z.object({ entrypoint: z.string() });
  it.each(['cards', 'settings', 'pages'])('every %s entry point exists', (folder) => {
    for (const meta of metafiles(folder)) {
      const file = path.join(root, 'extensions', entrypoint.parse(meta.config).entrypoint);
      expect(existsSync(file)).toBe(true);
    }
  });

  it('places the three cards where reps work', () => {
    const cards = Object.fromEntries(metafiles('cards').map((m) => [m.uid, m.config]));
    expect(cards).toEqual({
      kam_key_account_card: expect.objectContaining({
        name: 'Key account',
        location: 'crm.record.tab',
        objectTypes: ['companies'],
      }),
      kam_buying_committee_card: expect.objectContaining({
        name: 'Buying committee',
        location: 'crm.record.sidebar',
        objectTypes: ['companies'],
      }),
      kam_contact_role_card: expect.objectContaining({
        name: 'Contact role',
        location: 'crm.record.sidebar',
        objectTypes: ['contacts'],
      }),
    });
  });
});

const subscriptionSchema = z.object({
  subscriptionType: z.string(),
  objectType: z.string().optional(),
  propertyName: z.string().optional(),
  active: z.boolean(),
});
const webhooksSchema = z.object({
  settings: z.object({ targetUrl: z.string() }),
  subscriptions: z.object({
    crmObjects: z.array(subscriptionSchema),
    hubEvents: z.array(subscriptionSchema),
  }),
});

describe('webhooks-hsmeta.json', () => {
  const webhooks = webhooksSchema.parse(only('webhooks').config);
  const crm = webhooks.subscriptions.crmObjects;
  const propertiesOf = (objectType: string) =>
    crm
      .filter((s) => s.objectType === objectType && s.subscriptionType === 'object.propertyChange')
      .map((s) => s.propertyName);
  const eventsOf = (objectType: string) =>
    crm
      .filter((s) => s.objectType === objectType && s.subscriptionType !== 'object.propertyChange')
      .map((s) => s.subscriptionType);

  it('delivers to our backend, every subscription active, none twice', () => {
    expect(webhooks.settings.targetUrl).toBe(`${baseUrl}/webhooks/hubspot`);
    expect([...crm, ...webhooks.subscriptions.hubEvents].every((s) => s.active)).toBe(true);
    const keys = crm.map((s) => `${s.objectType}:${s.subscriptionType}:${s.propertyName ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('subscribes to exactly the company, contact and deal inputs the engine reads', () => {
    expect(propertiesOf('company').sort()).toEqual(
      [
        'name',
        'industry',
        'annualrevenue',
        'numberofemployees',
        'hubspot_owner_id',
        'kam_lifecycle_pinned',
        'kam_potential_rating',
        'kam_reference_rating',
        'kam_winnability_rating',
        'kam_strategic_fit_rating',
        'kam_joint_work_rating',
        'kam_satisfaction',
        'kam_renewal_date',
        'kam_renewal_intent',
        'kam_budget_status',
        'kam_competitor_active',
        'kam_avg_days_to_pay',
        'kam_margin_pct',
        'kam_product_usage',
        'kam_pf_brand',
        'kam_pf_industry_standard',
        'kam_pf_after_sales',
        'kam_pf_performance',
        'kam_pf_solution_speed',
        'kam_pf_supply',
        'kam_pf_price',
        'kam_pf_decision_relationship',
        'kam_solution_manager',
        'kam_delivery_manager',
        'kam_service_manager',
        'kam_service_issue',
      ].sort(),
    );
    expect(propertiesOf('contact').sort()).toEqual(
      [
        'kam_buying_role',
        'hs_buying_role',
        'kam_stance',
        'kam_closeness',
        'kam_solution_acceptance',
        'kam_price_acceptance',
        'kam_left_company',
        'firstname',
        'lastname',
      ].sort(),
    );
    expect(propertiesOf('deal').sort()).toEqual(
      [
        'amount',
        'amount_in_home_currency',
        'closedate',
        'dealstage',
        'hs_is_closed_won',
        'kam_product_line',
      ].sort(),
    );
    // Our own results (kam_score, kam_tier, ...) are never subscribed: write-back must not feed itself.
    const results = kamProperties.companies
      .filter((p) => propertyWriters[p.name] === 'app')
      .map((p) => p.name);
    expect(results.length).toBeGreaterThan(0);
    expect(propertiesOf('company').filter((p) => p !== undefined && results.includes(p))).toEqual(
      [],
    );
  });

  it('covers every input property of the data model catalog', () => {
    const inputs = (objectType: 'companies' | 'contacts' | 'deals') =>
      kamProperties[objectType].filter((p) => propertyWriters[p.name] !== 'app').map((p) => p.name);
    expect(propertiesOf('company')).toEqual(expect.arrayContaining(inputs('companies')));
    expect(propertiesOf('contact')).toEqual(expect.arrayContaining(inputs('contacts')));
    expect(propertiesOf('deal')).toEqual(expect.arrayContaining(inputs('deals')));
  });

  it('follows records through their lifecycle, tasks and engagements', () => {
    const lifecycle = [
      'object.creation',
      'object.deletion',
      'object.merge',
      'object.restore',
      'object.associationChange',
    ];
    for (const objectType of ['company', 'contact', 'deal'])
      expect(eventsOf(objectType).sort()).toEqual([...lifecycle].sort());
    expect(propertiesOf('task')).toEqual(['hs_task_status']);
    for (const engagement of ['meeting_event', 'call', 'email'])
      expect(eventsOf(engagement)).toEqual(['object.creation']);
    expect(webhooks.subscriptions.hubEvents.map((s) => s.subscriptionType)).toEqual([
      'contact.privacyDeletion',
    ]);
  });
});

const fieldSchema = z.object({
  typeDefinition: z.object({
    name: z.string(),
    type: z.string(),
    options: z.array(z.object({ value: z.string() })).optional(),
    referencedObjectType: z.string().optional(),
  }),
  isRequired: z.boolean().optional(),
});
const actionSchema = z.object({
  actionUrl: z.string(),
  objectTypes: z.array(z.string()),
  inputFields: z.array(fieldSchema),
  outputFields: z.array(fieldSchema).optional(),
  labels: z.object({
    en: z.object({
      actionName: z.string(),
      inputFieldLabels: z.record(z.string(), z.string()).optional(),
      outputFieldLabels: z.record(z.string(), z.string()).optional(),
    }),
  }),
});

describe('workflow actions', () => {
  const actions = Object.fromEntries(
    metafiles('workflow-actions').map((m) => [m.uid, actionSchema.parse(m.config)]),
  );

  it('"Create key-account alert task" takes level, reason, owner and the 3R hours, and returns the task', () => {
    const action = actions.kam_create_alert_task;
    expect(action?.labels.en.actionName).toBe('Create key-account alert task');
    expect(action?.actionUrl).toBe(`${baseUrl}/workflow-actions/create-alert-task`);
    expect(action?.objectTypes).toEqual(['COMPANY']);
    const inputs = Object.fromEntries(
      (action?.inputFields ?? []).map((f) => [f.typeDefinition.name, f]),
    );
    expect(Object.keys(inputs)).toEqual([
      'level',
      'reason',
      'owner',
      'respond_hours',
      'plan_hours',
    ]);
    expect(
      Object.fromEntries(Object.entries(inputs).map(([name, f]) => [name, f.isRequired])),
    ).toEqual({
      level: true,
      reason: true,
      owner: false,
      respond_hours: false,
      plan_hours: false,
    });
    // Only levels that create tasks; the values are the domain's alert levels.
    expect(inputs.level?.typeDefinition.options?.map((o) => o.value)).toEqual(['red', 'yellow']);
    for (const level of ['red', 'yellow']) expect(alertLevelSchema.options).toContain(level);
    expect(inputs.owner?.typeDefinition.referencedObjectType).toBe('OWNER');
    expect(inputs.respond_hours?.typeDefinition.type).toBe('number');
    expect(action?.outputFields?.map((f) => f.typeDefinition.name)).toEqual([
      'task_id',
      'alert_level',
    ]);
    expect(Object.keys(action?.labels.en.inputFieldLabels ?? {})).toEqual(Object.keys(inputs));
    expect(Object.keys(action?.labels.en.outputFieldLabels ?? {})).toEqual([
      'task_id',
      'alert_level',
    ]);
  });

  it('"Re-evaluate key account" runs for companies', () => {
    const action = actions.kam_reevaluate_account;
    expect(action?.labels.en.actionName).toBe('Re-evaluate key account');
    expect(action?.actionUrl).toBe(`${baseUrl}/workflow-actions/re-evaluate`);
    expect(action?.objectTypes).toEqual(['COMPANY']);
  });
});

const appObjectSchema = z.object({
  name: z.string(),
  primaryDisplayLabelPropertyName: z.string(),
  secondaryDisplayLabelPropertyNames: z.array(z.string()),
  properties: z.array(
    z.object({
      name: z.string(),
      type: z.string(),
      groupName: z.string().optional(),
      options: z.array(z.object({ value: z.string() })).optional(),
    }),
  ),
  propertyGroups: z.array(z.object({ name: z.string() })),
});

describe('app objects', () => {
  const objects = Object.fromEntries(
    metafiles('app-objects').map((m) => [m.uid, appObjectSchema.parse(m.config)]),
  );
  const optionsOf = (uid: string, property: string) =>
    objects[uid]?.properties.find((p) => p.name === property)?.options?.map((o) => o.value);

  it('are kam_account_review and kam_alert, each associated with companies', () => {
    expect(Object.keys(objects).sort()).toEqual(['kam_account_review', 'kam_alert']);
    const associations = metafiles('app-object-associations').map((m) => m.config);
    expect(associations).toEqual(
      expect.arrayContaining([
        { firstObjectType: 'kam_account_review', secondObjectType: 'COMPANY' },
        { firstObjectType: 'kam_alert', secondObjectType: 'COMPANY' },
      ]),
    );
    expect(associations).toHaveLength(2);
  });

  it('name display labels and groups that exist', () => {
    for (const object of Object.values(objects)) {
      const names = object.properties.map((p) => p.name);
      expect(names).toContain(object.primaryDisplayLabelPropertyName);
      expect(names).toEqual(expect.arrayContaining(object.secondaryDisplayLabelPropertyNames));
      const groups = object.propertyGroups.map((g) => g.name);
      for (const p of object.properties) if (p.groupName) expect(groups).toContain(p.groupName);
    }
  });

  it('account review: the quarterly snapshot fields, with the domain enums', () => {
    const names = objects.kam_account_review?.properties.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'quarter',
        'score',
        'health',
        'health_business',
        'health_relationship',
        'health_ecosystem',
        'tier',
        'lifecycle_stage',
        'is_key_account',
      ]),
    );
    expect(optionsOf('kam_account_review', 'tier')).toEqual(tierSchema.options);
    expect(optionsOf('kam_account_review', 'lifecycle_stage')).toEqual([...lifecycleStages]);
  });

  it('alert: code, level, SLA times and outcome, with the domain enums', () => {
    const names = objects.kam_alert?.properties.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'code',
        'level',
        'opened_at',
        'respond_by',
        'plan_by',
        'closed_at',
        'outcome',
      ]),
    );
    expect(optionsOf('kam_alert', 'code')).toEqual([...alertCodes]);
    expect(optionsOf('kam_alert', 'level')).toEqual(alertLevelSchema.options);
  });
});
