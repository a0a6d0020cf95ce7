import type { CatalogPart, Locale } from './types.js';

/** Messages of the cadence area (§7): code → template with {param} placeholders. */

const kinds = ['formal_touch', 'business_review', 'executive_touch', 'strategy_session'] as const;
const kindNames: Record<Locale, Record<(typeof kinds)[number], string>> = {
  en: {
    formal_touch: 'Formal touch',
    business_review: 'Business review',
    executive_touch: 'Executive touch',
    strategy_session: 'Strategy session',
  },
  'zh-CN': {
    formal_touch: '正式沟通',
    business_review: '业务复盘',
    executive_touch: '高层互动',
    strategy_session: '战略研讨会',
  },
};

// One template per interval kind × (touched before or never) × (on track or overdue).
const intervalTemplates: Record<Locale, Record<string, (kind: string) => string>> = {
  en: {
    last_on_track: (k) => `${k} every {days:int} days: last on {lastTouch:date}, next due by {nextDue:date}.`,
    last_overdue: (k) => `${k} every {days:int} days is overdue: last on {lastTouch:date}, overdue since {overdueOn:date}.`,
    never_on_track: (k) =>
      `${k} every {days:int} days: none since the relationship began on {since:date}; first one due by {nextDue:date}.`,
    never_overdue: (k) =>
      `${k} every {days:int} days is overdue: none since the relationship began on {since:date}, overdue since {overdueOn:date}.`,
  },
  'zh-CN': {
    last_on_track: (k) => `${k}(每 {days:int} 天一次):最近一次在 {lastTouch:date},下次应在 {nextDue:date} 前。`,
    last_overdue: (k) => `${k}(每 {days:int} 天一次)已逾期:最近一次在 {lastTouch:date},自 {overdueOn:date} 起逾期。`,
    never_on_track: (k) => `${k}(每 {days:int} 天一次):自 {since:date} 开始合作以来尚未进行,首次应在 {nextDue:date} 前。`,
    never_overdue: (k) => `${k}(每 {days:int} 天一次)已逾期:自 {since:date} 开始合作以来从未进行,自 {overdueOn:date} 起逾期。`,
  },
};

function intervals(locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of kinds) {
    out[`cadence.kind.${kind}`] = kindNames[locale][kind];
    for (const [state, template] of Object.entries(intervalTemplates[locale])) {
      out[`cadence.${kind}.${state}`] = template(kindNames[locale][kind]);
    }
  }
  return out;
}

export const messages: CatalogPart = {
  en: {
    'cadence.phase_name.none': 'No cadence yet',
    'cadence.phase_name.new': 'New relationship',
    'cadence.phase_name.developing': 'Developing',
    'cadence.phase_name.established': 'Established',
    'cadence.phase.none': 'No purchase yet: the engagement cadence starts with the first won deal.',
    'cadence.phase.new': 'New relationship: first won deal on {since:date}, {ageDays:int} days ago.',
    'cadence.phase.developing': 'Developing relationship: first won deal on {since:date}, {ageDays:int} days ago.',
    'cadence.phase.established': 'Established relationship: first won deal on {since:date}, {ageDays:int} days ago.',
    'cadence.strategic_executive': 'Strategic account: at least one executive touch every {days:int} days.',
    ...intervals('en'),
  },
  'zh-CN': {
    'cadence.phase_name.none': '尚无沟通节奏',
    'cadence.phase_name.new': '合作初期',
    'cadence.phase_name.developing': '稳定期',
    'cadence.phase_name.established': '拓展期',
    'cadence.phase.none': '尚未成交:首次成交后开始按沟通节奏维护。',
    'cadence.phase.new': '合作初期:首次成交于 {since:date}({ageDays:int} 天前)。',
    'cadence.phase.developing': '稳定期:首次成交于 {since:date}({ageDays:int} 天前)。',
    'cadence.phase.established': '拓展期:首次成交于 {since:date}({ageDays:int} 天前)。',
    'cadence.strategic_executive': '战略级客户:每 {days:int} 天至少一次高层互动。',
    ...intervals('zh-CN'),
  },
};
