import type { CatalogPart } from './types.js';

/** Messages of the score area (§1, §11): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'score.total':
      'Score {score:score}: the weighted sum of sales {sales:score}, potential {potential:score}, reference value {reference:score} and winnability {winnability:score}.',
    'score.change': 'Score {from:score} → {to:score} ({delta} points).',

    'score.sales.none': 'No closed-won revenue in the last {months:int} months: sales 0.',
    'score.sales.percentile':
      'Closed-won revenue of {revenue:money} in the last {months:int} months ranks at the {percentile} percentile of the {peers:int} accounts in {segment}.',
    'score.sales.percentile_unsegmented':
      'Closed-won revenue of {revenue:money} in the last {months:int} months ranks at the {percentile} percentile of the {peers:int} accounts without a segment.',
    'score.sales.no_peers':
      'Closed-won revenue of {revenue:money} in the last {months:int} months, but its segment is not in the portfolio statistics yet: 50 (estimated until the next full evaluation).',

    'score.potential.rating': 'Potential rated {rating}/5 → {value:score}.',
    'score.potential.annual_revenue':
      'Potential not rated: annual revenue of {annualRevenue:money} ranks at the {percentile} percentile of the {peers:int} accounts in {segment}.',
    'score.potential.annual_revenue_unsegmented':
      'Potential not rated: annual revenue of {annualRevenue:money} ranks at the {percentile} percentile of the {peers:int} accounts without a segment.',
    'score.potential.employees':
      'Potential not rated and no annual revenue: {employees:int} employees rank at the {percentile} percentile of the {peers:int} accounts in {segment}.',
    'score.potential.employees_unsegmented':
      'Potential not rated and no annual revenue: {employees:int} employees rank at the {percentile} percentile of the {peers:int} accounts without a segment.',
    'score.potential.estimated':
      'Potential not rated and company size unknown: {value:score} (estimated).',

    'score.reference.rating': 'Reference value rated {rating}/5 → {value:score}.',
    'score.reference.not_rated': 'Reference value not rated: {value:score}.',

    'score.winnability.rating': 'Winnability rated {rating}/5 → {value:score}.',
    'score.winnability.rating_missing':
      'Winnability not rated: {value:score} used for the rating part.',
    'score.winnability.win_rate':
      'Win rate {winRate}% on deals closed in the last {months:int} months ({won:int} won, {lost:int} lost).',
    'score.winnability.win_rate_missing':
      'No deals closed in the last {months:int} months: win rate taken as {value:score} (estimated).',
    'score.winnability.purchase_factors':
      'Purchase-factor advantage over the main competitor {advantage:score} ({rated:int} of 8 factors rated).',
    'score.winnability.purchase_factors_missing':
      'No purchase factor rated: {value:score} used for the advantage part.',
  },
  'zh-CN': {
    'score.total':
      '综合得分 {score:score}：由销售额 {sales:score}、潜力 {potential:score}、示范作用 {reference:score}、能赢能做 {winnability:score} 四项按权重加总。',
    'score.change': '综合得分 {from:score} → {to:score}（变动 {delta} 分）。',

    'score.sales.none': '近 {months:int} 个月没有成交收入：销售额得分为 0。',
    'score.sales.percentile':
      '近 {months:int} 个月成交收入 {revenue:money}，在“{segment}”的 {peers:int} 个客户中位于第 {percentile} 百分位。',
    'score.sales.percentile_unsegmented':
      '近 {months:int} 个月成交收入 {revenue:money}，在 {peers:int} 个未分类客户中位于第 {percentile} 百分位。',
    'score.sales.no_peers':
      '近 {months:int} 个月成交收入 {revenue:money}，但其细分市场尚未纳入组合统计：暂按 50 估算，下次全量评估后更新。',

    'score.potential.rating': '潜力评分 {rating}/5 → {value:score}。',
    'score.potential.annual_revenue':
      '潜力未评分：公司年营收 {annualRevenue:money}，在“{segment}”的 {peers:int} 个客户中位于第 {percentile} 百分位。',
    'score.potential.annual_revenue_unsegmented':
      '潜力未评分：公司年营收 {annualRevenue:money}，在 {peers:int} 个未分类客户中位于第 {percentile} 百分位。',
    'score.potential.employees':
      '潜力未评分且无年营收数据：员工 {employees:int} 人，在“{segment}”的 {peers:int} 个客户中位于第 {percentile} 百分位。',
    'score.potential.employees_unsegmented':
      '潜力未评分且无年营收数据：员工 {employees:int} 人，在 {peers:int} 个未分类客户中位于第 {percentile} 百分位。',
    'score.potential.estimated': '潜力未评分，公司规模未知：按 {value:score} 估算。',

    'score.reference.rating': '示范作用评分 {rating}/5 → {value:score}。',
    'score.reference.not_rated': '示范作用未评分：取 {value:score}。',

    'score.winnability.rating': '能赢能做评分 {rating}/5 → {value:score}。',
    'score.winnability.rating_missing': '能赢能做未评分：评分部分取 {value:score}。',
    'score.winnability.win_rate':
      '近 {months:int} 个月已结束商机的赢单率 {winRate}%（赢 {won:int} 单，输 {lost:int} 单）。',
    'score.winnability.win_rate_missing':
      '近 {months:int} 个月没有已结束的商机：赢单率按 {value:score} 估算。',
    'score.winnability.purchase_factors':
      '采购因素相对主要竞争对手的优势指数 {advantage:score}（已评估 {rated:int}/8 项）。',
    'score.winnability.purchase_factors_missing':
      '尚未评估任何采购因素：优势部分取 {value:score}。',
  },
};
