import type { CatalogPart } from './types.js';

/** Messages of the committee area (§4): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'committee.role.gatekeeper': 'gatekeeper',
    'committee.role.buyer': 'buyer',
    'committee.role.user': 'user',
    'committee.role.decision_maker': 'decision maker',
    'committee.role.influencer': 'influencer',

    'committee.stance.supporter': 'supporter',
    'committee.stance.neutral': 'neutral',
    'committee.stance.opponent': 'opponent',

    'committee.cares.decision_maker': 'Cares about ROI and strategic value: bring data and peer cases.',
    'committee.cares.user': 'Cares about ease of use and efficiency: offer hands-on training and fast responses.',
    'committee.cares.influencer': 'Cares about technical feasibility: share white papers and competitor comparisons.',

    'committee.gap.opposing_decision_maker': 'A decision maker opposes us: {names}.',
    'committee.gap.no_decision_maker': 'No decision maker mapped.',
    'committee.gap.no_contacts': 'No contacts at this account.',
    'committee.gap.not_engaged': 'No committee member engaged in the last {days:int} days.',
    'committee.gap.single_threaded': 'Single-threaded: only {name} was engaged in the last {days:int} days.',
    'committee.gap.roles_unmapped': 'Buying roles not mapped for any of the {contacts:int} contact(s).',
    'committee.gap.role_missing': 'No {role:@committee.role} mapped.',
    'committee.gap.role_never_engaged': 'The {role:@committee.role} has never been engaged.',
    'committee.gap.role_stale': 'The {role:@committee.role} was last engaged on {lastTouch:date}, {days:int} days ago (stale after {staleDays:int}).',
  },
  'zh-CN': {
    'committee.role.gatekeeper': '看门者',
    'committee.role.buyer': '采购者',
    'committee.role.user': '使用者',
    'committee.role.decision_maker': '决策者',
    'committee.role.influencer': '影响者',

    'committee.stance.supporter': '支持者',
    'committee.stance.neutral': '中立',
    'committee.stance.opponent': '反对者',

    'committee.cares.decision_maker': '关注投资回报和战略价值:用数据和同行案例沟通。',
    'committee.cares.user': '关注操作体验和效率提升:提供场景化培训和问题快速响应。',
    'committee.cares.influencer': '关注方案的技术可行性:用技术白皮书和竞品对比分析建立信任。',

    'committee.gap.opposing_decision_maker': '有决策者持反对态度:{names}。',
    'committee.gap.no_decision_maker': '尚未识别决策者。',
    'committee.gap.no_contacts': '该客户下没有联系人。',
    'committee.gap.not_engaged': '近 {days:int} 天没有接触过采购决策链中的任何人。',
    'committee.gap.single_threaded': '单线联系:近 {days:int} 天只接触过 {name} 一人。',
    'committee.gap.roles_unmapped': '{contacts:int} 位联系人均未标注采购角色。',
    'committee.gap.role_missing': '尚未识别{role:@committee.role}。',
    'committee.gap.role_never_engaged': '从未接触过{role:@committee.role}。',
    'committee.gap.role_stale': '{role:@committee.role}最近一次接触是 {lastTouch:date},已 {days:int} 天(超过 {staleDays:int} 天即视为疏远)。',
  },
};
