import type { CatalogPart } from './types.js';

/** Messages of the tier area (§2 strategic value matrix): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'tier.contribution.sales': 'Current contribution {value:score}: the sales factor.',
    'tier.contribution.margin_missing':
      'Current contribution {value:score}: the sales factor (no margin recorded).',
    'tier.contribution.margin':
      'Current contribution {value:score}: revenue {revenue:money} × margin {margin:pct} = {revenueMargin:money}, ranked within the segment.',
    'tier.importance.computed':
      'Strategic importance {value:score}: the mean of potential {potential:score}, reference value {reference:score} and strategic fit {fit:score} (rated {fitRating}/5).',
    'tier.importance.fit_not_rated':
      'Strategic importance {value:score}: the mean of potential {potential:score}, reference value {reference:score} and strategic fit {fit:score} (not rated).',
    'tier.matrix.strategic':
      'Strategic tier: contribution {contribution:score} and importance {importance:score} both reach the cuts ({contributionCut} / {importanceCut}). Serve with a dedicated team and a yearly joint plan.',
    'tier.matrix.potential':
      'Potential tier: importance {importance:score} reaches {importanceCut}, contribution {contribution:score} is below {contributionCut}. Invest: pilot projects to prove value.',
    'tier.matrix.profit':
      'Profit tier: contribution {contribution:score} reaches {contributionCut}, importance {importance:score} is below {importanceCut}. Cut the cost to serve and keep it stable.',
    'tier.matrix.ordinary':
      'Ordinary tier: contribution {contribution:score} is below {contributionCut} and importance {importance:score} below {importanceCut}. Standard service; screen for an upgrade.',
    'tier.changed': 'Tier changed: {from:@summary.tierName} → {to:@summary.tierName}.',
  },
  'zh-CN': {
    'tier.contribution.sales': '当前贡献 {value:score}：取销售额得分。',
    'tier.contribution.margin_missing': '当前贡献 {value:score}：取销售额得分（未记录利润率）。',
    'tier.contribution.margin':
      '当前贡献 {value:score}：收入 {revenue:money} × 利润率 {margin:pct} = {revenueMargin:money}，在细分市场内排位。',
    'tier.importance.computed':
      '战略重要性 {value:score}：潜力 {potential:score}、示范作用 {reference:score}、战略契合度 {fit:score}（评分 {fitRating}/5）的平均值。',
    'tier.importance.fit_not_rated':
      '战略重要性 {value:score}：潜力 {potential:score}、示范作用 {reference:score}、战略契合度 {fit:score}（未评分）的平均值。',
    'tier.matrix.strategic':
      '战略级：当前贡献 {contribution:score} 与战略重要性 {importance:score} 均达到分界线（{contributionCut} / {importanceCut}）。配备专属团队，每年制定联合计划。',
    'tier.matrix.potential':
      '潜力级：战略重要性 {importance:score} 达到 {importanceCut}，当前贡献 {contribution:score} 低于 {contributionCut}。加大投入，以试点项目证明价值。',
    'tier.matrix.profit':
      '利润级：当前贡献 {contribution:score} 达到 {contributionCut}，战略重要性 {importance:score} 低于 {importanceCut}。降低服务成本，保持稳定。',
    'tier.matrix.ordinary':
      '普通级：当前贡献 {contribution:score} 低于 {contributionCut}，战略重要性 {importance:score} 低于 {importanceCut}。提供标准服务，筛选可升级的客户。',
    'tier.changed': '客户分层变化：{from:@summary.tierName} → {to:@summary.tierName}。',
  },
};
