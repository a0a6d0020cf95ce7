import { readFileSync } from 'node:fs';
import { settingsSchema } from '../../src/domain/settings.js';
import {
  companyProperties,
  contactProperties,
  dealProperties,
  engineReadProperties,
  kamGroups,
  kamProperties,
  propertyLabelsZh,
  propertyWriters,
} from '../../src/hubspot/data-model.js';

const all = [...companyProperties, ...contactProperties, ...dealProperties];
const contract = {
  companies: [
    'kam_score',
    'kam_score_sales',
    'kam_score_potential',
    'kam_score_reference',
    'kam_score_winnability',
    'kam_rank_pct',
    'kam_is_key_account',
    'kam_score_explanation',
    'kam_tier',
    'kam_lifecycle_stage',
    'kam_health',
    'kam_health_business',
    'kam_health_relationship',
    'kam_health_ecosystem',
    'kam_health_band',
    'kam_alert_level',
    'kam_alert_reasons',
    'kam_next_touch_due',
    'kam_last_evaluated_at',
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
  ],
  contacts: [
    'kam_buying_role',
    'kam_stance',
    'kam_closeness',
    'kam_solution_acceptance',
    'kam_price_acceptance',
    'kam_left_company',
  ],
  deals: ['kam_product_line'],
};

describe('data-model catalog', () => {
  it('holds exactly the contract names (they are part of the product)', () => {
    for (const type of ['companies', 'contacts', 'deals'] as const) {
      expect(kamProperties[type].map((p) => p.name).sort()).toEqual([...contract[type]].sort());
      expect(kamGroups[type].name).toBe('kam');
    }
  });

  it('defines every property in the Properties-API shape', () => {
    const fieldTypes: Record<string, string[]> = {
      number: ['number'],
      string: ['text', 'textarea'],
      date: ['date'],
      datetime: ['date'],
      bool: ['booleancheckbox'],
      enumeration: ['select', 'radio', 'checkbox'],
    };
    for (const p of all) {
      expect(p.groupName).toBe('kam');
      expect(fieldTypes[p.type]).toContain(p.fieldType);
      expect(p.label).toMatch(/\S/);
      expect(p.description.length).toBeGreaterThan(10);
      if (p.type === 'enumeration' && p.referencedObjectType !== 'OWNER') {
        const values = (p.options ?? []).map((o) => o.value);
        expect(values.length).toBeGreaterThan(1);
        expect(new Set(values).size).toBe(values.length);
        expect(
          (p.options ?? []).every((o, i) => o.displayOrder === i && !o.hidden && o.label !== ''),
        ).toBe(true);
      }
      if (p.type === 'bool') expect(p.options?.map((o) => o.value)).toEqual(['true', 'false']);
    }
    expect(all.filter((p) => p.referencedObjectType === 'OWNER').map((p) => p.name)).toEqual([
      'kam_solution_manager',
      'kam_delivery_manager',
      'kam_service_manager',
    ]);
    expect(contactProperties.find((p) => p.name === 'kam_buying_role')?.fieldType).toBe('checkbox');
  });

  it('has a Chinese label and a writer for every property, and documents each', () => {
    const doc = readFileSync(new URL('../../docs/data-model.md', import.meta.url), 'utf8');
    for (const p of all) {
      expect(propertyLabelsZh[p.name]).toMatch(/[\u4e00-\u9fff]/);
      expect(['app', 'user']).toContain(propertyWriters[p.name]);
      expect(doc).toContain(`\`${p.name}\``);
      expect(doc).toContain(propertyLabelsZh[p.name]);
    }
    expect(companyProperties.filter((p) => propertyWriters[p.name] === 'app')).toHaveLength(19);
  });

  it('lists what the engine reads, following the settings', () => {
    const defaults = engineReadProperties(settingsSchema.parse({}));
    expect(defaults.companies).toEqual(
      expect.arrayContaining([
        'name',
        'industry',
        'annualrevenue',
        'numberofemployees',
        'hubspot_owner_id',
        'kam_margin_pct',
        'kam_pf_price',
      ]),
    );
    expect(defaults.companies).not.toContain('kam_score');
    expect(defaults.deals).toEqual([
      'dealname',
      'amount',
      'amount_in_home_currency',
      'closedate',
      'createdate',
      'dealstage',
      'pipeline',
      'hs_is_closed_won',
      'hs_is_closed',
      'kam_product_line',
    ]);
    expect(defaults.meetings).toEqual(['hs_timestamp', 'hs_meeting_outcome']);
    const custom = engineReadProperties(
      settingsSchema.parse({
        score: { segmentField: 'region' },
        mapping: { productLineProperty: 'family', marginProperty: 'gm' },
      }),
    );
    expect(custom.companies).toEqual(expect.arrayContaining(['region', 'gm']));
    expect(custom.companies).not.toContain('industry');
    expect(custom.deals).toContain('family');
    for (const list of Object.values(custom)) expect(new Set(list).size).toBe(list.length);
  });
});
