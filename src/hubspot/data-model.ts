import type { Settings } from '../domain/settings.js';

/**
 * The KAM data model in HubSpot: property groups and properties in the CRM v3
 * Properties-API shape (what provisioning sends), plus the list of HubSpot
 * properties the engine reads. The names are part of the product — workflows,
 * lists and reports use them — so they never change; bump DATA_MODEL_VERSION
 * when a definition (label, options, a new property) changes so provisioning
 * re-runs. Documented in docs/data-model.md.
 */

export const DATA_MODEL_VERSION = 1;
export const KAM_GROUP = 'kam';

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
export type FieldType =
  'text' | 'textarea' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  description: string;
  groupName: typeof KAM_GROUP;
  type: PropertyType;
  fieldType: FieldType;
  displayOrder: number;
  formField: boolean;
  options?: PropertyOption[];
  /** 'OWNER' makes an enumeration a HubSpot-user picker (value = owner id). */
  referencedObjectType?: 'OWNER';
}

export interface PropertyGroupDefinition {
  name: typeof KAM_GROUP;
  label: string;
  displayOrder: number;
}

/** Who sets a property: the app (results; reps should not edit) or people (inputs). */
export type PropertyWriter = 'app' | 'user';

export const kamGroup: PropertyGroupDefinition = {
  name: KAM_GROUP,
  label: 'Key account management',
  displayOrder: -1,
};

const labelsZh: Record<string, string> = {};
const writers: Record<string, PropertyWriter> = {};

type OptionSpec = readonly (readonly [value: string, label: string])[];
type Kind =
  | { type: 'number' }
  | { type: 'text' }
  | { type: 'textarea' }
  | { type: 'date' }
  | { type: 'datetime' }
  | { type: 'bool' }
  | { type: 'owner' }
  | { type: 'select'; options: OptionSpec }
  | { type: 'checkbox'; options: OptionSpec };

function toOptions(spec: OptionSpec): PropertyOption[] {
  return spec.map(([value, label], i) => ({ label, value, displayOrder: i, hidden: false }));
}

function shape(
  kind: Kind,
): Pick<PropertyDefinition, 'type' | 'fieldType' | 'options' | 'referencedObjectType'> {
  switch (kind.type) {
    case 'number':
      return { type: 'number', fieldType: 'number' };
    case 'text':
      return { type: 'string', fieldType: 'text' };
    case 'textarea':
      return { type: 'string', fieldType: 'textarea' };
    case 'date':
      return { type: 'date', fieldType: 'date' };
    case 'datetime':
      return { type: 'datetime', fieldType: 'date' };
    case 'bool':
      // HubSpot requires the two options on a bool property.
      return {
        type: 'bool',
        fieldType: 'booleancheckbox',
        options: toOptions([
          ['true', 'Yes'],
          ['false', 'No'],
        ]),
      };
    case 'owner':
      return {
        type: 'enumeration',
        fieldType: 'select',
        options: [],
        referencedObjectType: 'OWNER',
      };
    case 'select':
      return { type: 'enumeration', fieldType: 'select', options: toOptions(kind.options) };
    case 'checkbox':
      return { type: 'enumeration', fieldType: 'checkbox', options: toOptions(kind.options) };
  }
}

function defineAll(
  writer: PropertyWriter,
  specs: readonly (readonly [
    name: string,
    kind: Kind,
    label: string,
    labelZh: string,
    description: string,
  ])[],
  offset = 0,
): PropertyDefinition[] {
  return specs.map(([name, kind, label, labelZh, description], i) => {
    labelsZh[name] = labelZh;
    writers[name] = writer;
    return {
      name,
      label,
      description,
      groupName: KAM_GROUP,
      ...shape(kind),
      displayOrder: offset + i,
      formField: writer === 'user',
    };
  });
}

const num: Kind = { type: 'number' };
const bool: Kind = { type: 'bool' };
const owner: Kind = { type: 'owner' };
const select = (options: OptionSpec): Kind => ({ type: 'select', options });

// prettier-ignore
export const lifecycleStageOptions = [['stranger', 'Stranger'], ['user', 'User'], ['customer', 'Customer'], ['repeat', 'Repeat buyer'], ['major', 'Major buyer']] as const;
// prettier-ignore
export const ratingOptions = [['1', '1 – very low'], ['2', '2 – low'], ['3', '3 – medium'], ['4', '4 – high'], ['5', '5 – very high']] as const;
// prettier-ignore
export const advantageOptions = [['-2', 'Much worse'], ['-1', 'Worse'], ['0', 'Equal'], ['1', 'Better'], ['2', 'Much better']] as const;
// prettier-ignore
export const buyingRoleOptions = [['gatekeeper', 'Gatekeeper'], ['buyer', 'Buyer'], ['user', 'User'], ['decision_maker', 'Decision maker'], ['influencer', 'Influencer']] as const;

const rating = select(ratingOptions);
const advantage = select(advantageOptions);

// One row per property reads as a table; keep prettier from unfolding it.
// prettier-ignore
const companyResults = defineAll('app', [
  ['kam_score', num, 'KAM score', '客户评分', 'Account score 0–100 (sales, potential, reference, winnability). Written by KAM.'],
  ['kam_score_sales', num, 'KAM score: sales', '评分：销售额', 'Sales factor 0–100: trailing-12-month revenue percentile in the segment.'],
  ['kam_score_potential', num, 'KAM score: potential', '评分：潜力', 'Potential factor 0–100: rating, else company size in the segment.'],
  ['kam_score_reference', num, 'KAM score: reference', '评分：示范作用', 'Reference factor 0–100 from the reference rating.'],
  ['kam_score_winnability', num, 'KAM score: winnability', '评分：能赢能做', 'Winnability 0–100: rating, win rate and purchase factors.'],
  ['kam_rank_pct', num, 'KAM rank percentile', '排名百分位', 'Rank as a whole-number percentile (1 = the very top).'],
  ['kam_is_key_account', bool, 'Key account', '是否大客户', 'In the top share of the ranking and not disqualified.'],
  ['kam_score_explanation', { type: 'textarea' }, 'KAM score: why it changed', '评分变化说明', 'What moved the score since the last evaluation.'],
  ['kam_tier', select([['strategic', 'Strategic'], ['potential', 'Potential'], ['profit', 'Profit'], ['ordinary', 'Ordinary']]), 'KAM tier', '客户分级', 'Strategic value matrix: contribution × importance.'],
  ['kam_lifecycle_stage', select(lifecycleStageOptions), 'KAM lifecycle stage', '生命周期阶段', 'Relationship milestone; the pinned stage when one is pinned.'],
  ['kam_health', num, 'KAM health', '健康度', 'Overall health 0–100 (business, relationship, ecosystem).'],
  ['kam_health_business', num, 'KAM health: business', '健康度：业务', 'Stability, growth and purchase frequency, 0–100.'],
  ['kam_health_relationship', num, 'KAM health: relationship', '健康度：关系', 'Interaction, satisfaction and committee coverage, 0–100.'],
  ['kam_health_ecosystem', num, 'KAM health: ecosystem', '健康度：生态', 'Breadth of product lines and joint work, 0–100.'],
  ['kam_health_band', select([['healthy', 'Healthy'], ['watch', 'Watch'], ['at_risk', 'At risk']]), 'KAM health band', '健康区间', 'Healthy ≥ 70, watch 40–69, at risk < 40 (defaults).'],
  ['kam_alert_level', select([['red', 'Red'], ['yellow', 'Yellow'], ['green', 'Green'], ['none', 'None']]), 'KAM alert level', '预警等级', 'Worst open alert reason.'],
  ['kam_alert_reasons', { type: 'textarea' }, 'KAM alert reasons', '预警原因', 'Open alert reasons, worst first.'],
  ['kam_next_touch_due', { type: 'date' }, 'KAM next touch due', '下次接触日期', 'When the engagement cadence expects the next touch.'],
  ['kam_last_evaluated_at', { type: 'datetime' }, 'KAM last evaluated', '最近评估时间', 'When KAM last evaluated this account.'],
]);

// prettier-ignore
const companyInputs = defineAll('user', [
  ['kam_lifecycle_pinned', select(lifecycleStageOptions), 'KAM pinned lifecycle stage', '锁定生命周期阶段', 'Pin the lifecycle stage by hand; empty = computed.'],
  ['kam_potential_rating', rating, 'KAM potential rating', '潜力评级', 'Room to grow: wallet the account could spend with us (1–5).'],
  ['kam_reference_rating', rating, 'KAM reference rating', '示范作用评级', 'Demonstration value: leader, brand, willing reference (1–5).'],
  ['kam_winnability_rating', rating, 'KAM winnability rating', '能赢能做评级', 'Can we win and deliver here (1–5).'],
  ['kam_strategic_fit_rating', rating, 'KAM strategic fit rating', '战略契合度评级', 'Fit with our strategy (1–5); feeds tier importance.'],
  ['kam_joint_work_rating', rating, 'KAM joint work rating', '联合工作评级', 'Co-development, references, joint projects (1–5).'],
  ['kam_satisfaction', num, 'KAM satisfaction', '满意度', 'Latest satisfaction survey result, 0–100.'],
  ['kam_renewal_date', { type: 'date' }, 'KAM renewal date', '续约日期', 'Next contract renewal.'],
  ['kam_renewal_intent', select([['confirmed', 'Confirmed'], ['likely', 'Likely'], ['unclear', 'Unclear'], ['not_renewing', 'Not renewing']]), 'KAM renewal intent', '续约意向', 'What the customer signalled about the renewal.'],
  ['kam_budget_status', select([['approved', 'Approved'], ['normal', 'Normal'], ['frozen', 'Frozen']]), 'KAM budget status', '预算状态', "The account's budget for our business."],
  ['kam_competitor_active', bool, 'KAM competitor active', '竞争对手介入', 'A competitor is actively working this account.'],
  ['kam_avg_days_to_pay', num, 'KAM average days to pay', '平均回款天数', 'Payment cycle in days; above the limit disqualifies a key account.'],
  ['kam_margin_pct', num, 'KAM margin %', '毛利率（%）', 'Gross margin on this account in percent (−100…100).'],
  ['kam_product_usage', select([['none', 'None'], ['trial', 'Trial'], ['active', 'Active']]), 'KAM product usage', '产品使用情况', 'Uses our product or service (makes a non-buyer a "user").'],
  ['kam_pf_brand', advantage, 'KAM purchase factor: brand', '采购因素：品牌', 'Us against the main competitor, −2 much worse … +2 much better.'],
  ['kam_pf_industry_standard', advantage, 'KAM purchase factor: industry standard', '采购因素：行业标准', 'Us against the main competitor, −2 … +2.'],
  ['kam_pf_after_sales', advantage, 'KAM purchase factor: after-sales service', '采购因素：售后服务', 'Us against the main competitor, −2 … +2.'],
  ['kam_pf_performance', advantage, 'KAM purchase factor: product performance', '采购因素：产品性能', 'Us against the main competitor, −2 … +2.'],
  ['kam_pf_solution_speed', advantage, 'KAM purchase factor: speed of solution', '采购因素：方案速度', 'Us against the main competitor, −2 … +2.'],
  ['kam_pf_supply', advantage, 'KAM purchase factor: supply capability', '采购因素：供货能力', 'Us against the main competitor, −2 … +2.'],
  ['kam_pf_price', advantage, 'KAM purchase factor: price', '采购因素：价格', 'Us against the main competitor, −2 … +2.'],
  ['kam_pf_decision_relationship', advantage, 'KAM purchase factor: relationship with decision level', '采购因素：与决策层关系', 'Us against the main competitor, −2 … +2.'],
  ['kam_solution_manager', owner, 'KAM solution manager', '解决方案经理', 'Account team: solution manager (HubSpot user).'],
  ['kam_delivery_manager', owner, 'KAM delivery manager', '交付经理', 'Account team: delivery manager (HubSpot user).'],
  ['kam_service_manager', owner, 'KAM service manager', '服务经理', 'Account team: service manager (HubSpot user).'],
  ['kam_service_issue', { type: 'textarea' }, 'KAM service issue', '服务小问题', 'A routine service wobble (e.g. one late delivery); raises a green watch alert.'],
], 100);

export const companyProperties: readonly PropertyDefinition[] = [
  ...companyResults,
  ...companyInputs,
];

// prettier-ignore
export const contactProperties: readonly PropertyDefinition[] = defineAll('user', [
  ['kam_buying_role', { type: 'checkbox', options: buyingRoleOptions }, 'KAM buying role', '采购角色', "Roles in the buying committee of the contact's primary company."],
  ['kam_stance', select([['supporter', 'Supporter'], ['neutral', 'Neutral'], ['opponent', 'Opponent']]), 'KAM stance', '立场', 'Stance towards us.'],
  ['kam_closeness', rating, 'KAM closeness', '关系紧密度', 'How close our relationship is (1–5).'],
  ['kam_solution_acceptance', rating, 'KAM solution acceptance', '方案认可度', 'Acceptance of our solution (1–5).'],
  ['kam_price_acceptance', rating, 'KAM price acceptance', '价格接受度', 'Acceptance of our price (1–5).'],
  ['kam_left_company', bool, 'KAM left the company', '已离职', 'The person has left the account.'],
]);

// prettier-ignore
export const dealProperties: readonly PropertyDefinition[] = defineAll('user', [
  ['kam_product_line', { type: 'text' }, 'KAM product line', '产品线', 'Product line of the deal (settings may name another deal property).'],
]);

export type KamObjectType = 'companies' | 'contacts' | 'deals';

export const kamProperties: Readonly<Record<KamObjectType, readonly PropertyDefinition[]>> = {
  companies: companyProperties,
  contacts: contactProperties,
  deals: dealProperties,
};

/** The group `kam` is created on every object type that carries our properties. */
export const kamGroups: Readonly<Record<KamObjectType, PropertyGroupDefinition>> = {
  companies: kamGroup,
  contacts: kamGroup,
  deals: kamGroup,
};

/** Chinese labels (Simplified) for docs and the settings page. */
export const propertyLabelsZh: Readonly<Record<string, string>> = labelsZh;
export const propertyWriters: Readonly<Record<string, PropertyWriter>> = writers;

export function findProperty(
  objectType: KamObjectType,
  name: string,
): PropertyDefinition | undefined {
  return kamProperties[objectType].find((p) => p.name === name);
}

export type EngineObjectType = KamObjectType | 'meetings' | 'calls' | 'emails';

/**
 * Exactly the HubSpot properties the mapper reads (and `dealname`, which
 * the cards show), per object type, so backfill and reconciliation request
 * nothing more. Depends on the settings
 * that name properties (segment field, margin, product line).
 */
export function engineReadProperties(
  settings: Pick<Settings, 'mapping'> & { score: Pick<Settings['score'], 'segmentField'> },
): Record<EngineObjectType, string[]> {
  const inputs = companyInputs.map((p) => p.name);
  return {
    companies: unique([
      'name',
      'hubspot_owner_id',
      'annualrevenue',
      'numberofemployees',
      settings.score.segmentField,
      settings.mapping.marginProperty,
      ...inputs,
    ]),
    contacts: unique([
      'firstname',
      'lastname',
      'email',
      'associatedcompanyid',
      'hs_buying_role',
      ...contactProperties.map((p) => p.name),
    ]),
    deals: unique([
      // Not read by the engine: the cards name the deals an evaluation cites.
      'dealname',
      'amount',
      'amount_in_home_currency',
      'closedate',
      'createdate',
      'dealstage',
      'pipeline',
      'hs_is_closed_won',
      'hs_is_closed',
      settings.mapping.productLineProperty,
    ]),
    meetings: ['hs_timestamp', 'hs_meeting_outcome'],
    calls: ['hs_timestamp'],
    emails: ['hs_timestamp'],
  };
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
