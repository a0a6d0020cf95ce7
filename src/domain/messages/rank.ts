import type { CatalogPart } from './types.js';

/** Messages of the rank area (§1 key accounts, §11 ranking): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'rank.key.top_share':
      'Ranked {position:int} of {of:int} (top {pct}%): among the first {share}% of the eligible accounts, so a key account.',
    'rank.key.hysteresis':
      'Ranked {position:int} of {of:int} (top {pct}%): past the first {share}% but within the {margin}-point margin, so it stays a key account.',
    'rank.not_key.disqualified':
      'Ranked {position:int} of {of:int} (top {pct}%) but disqualified, so not a key account.',
    'rank.not_key.below_share':
      'Ranked {position:int} of {of:int} (top {pct}%): not among the first {share}% of the eligible accounts, so not a key account.',
    'rank.disqualified.days_to_pay':
      'Pays in {days:int} days on average, more than the {limit:int}-day limit.',
    'rank.disqualified.margin': 'Margin of {margin:pct} is below the {floor:pct} floor.',
  },
  'zh-CN': {
    'rank.key.top_share':
      '排名 {position:int}/{of:int}（前 {pct}%）：位于合格客户的前 {share}% 之内，认定为大客户。',
    'rank.key.hysteresis':
      '排名 {position:int}/{of:int}（前 {pct}%）：已超出前 {share}%，但仍在 {margin} 个百分点的缓冲范围内，保留大客户资格。',
    'rank.not_key.disqualified':
      '排名 {position:int}/{of:int}（前 {pct}%），但不符合大客户资格条件，不认定为大客户。',
    'rank.not_key.below_share':
      '排名 {position:int}/{of:int}（前 {pct}%）：未进入合格客户的前 {share}%，不认定为大客户。',
    'rank.disqualified.days_to_pay': '平均回款周期 {days:int} 天，超过 {limit:int} 天的上限。',
    'rank.disqualified.margin': '利润率 {margin:pct}，低于 {floor:pct} 的底线。',
  },
};
