import type { CatalogPart } from './types.js';

/** Messages of the purchase-factors area (§8): factor names, the five-point scale, and the summary lines. */
export const messages: CatalogPart = {
  en: {
    'purchase-factors.name.brand': 'Brand',
    'purchase-factors.name.industryStandard': 'Industry standard',
    'purchase-factors.name.afterSales': 'After-sales service',
    'purchase-factors.name.performance': 'Product performance',
    'purchase-factors.name.solutionSpeed': 'Speed of solution',
    'purchase-factors.name.supply': 'Supply capability',
    'purchase-factors.name.price': 'Price',
    'purchase-factors.name.decisionRelationship': 'Relationship with the decision level',

    'purchase-factors.rating.-2': 'much worse',
    'purchase-factors.rating.-1': 'worse',
    'purchase-factors.rating.0': 'equal',
    'purchase-factors.rating.1': 'better',
    'purchase-factors.rating.2': 'much better',

    'purchase-factors.summary':
      '{rated:int} of 8 purchase factors rated; advantage over the main competitor {advantage:score}.',
    'purchase-factors.none_rated':
      'No purchase factor rated yet: compare us with the main competitor on the 8 factors.',
    'purchase-factors.gap':
      'Behind on {factor:@purchase-factors.name} ({value:@purchase-factors.rating}).',
  },
  'zh-CN': {
    'purchase-factors.name.brand': '品牌',
    'purchase-factors.name.industryStandard': '行业标准',
    'purchase-factors.name.afterSales': '售后服务',
    'purchase-factors.name.performance': '产品性能',
    'purchase-factors.name.solutionSpeed': '快速解决方案',
    'purchase-factors.name.supply': '供货能力',
    'purchase-factors.name.price': '价格',
    'purchase-factors.name.decisionRelationship': '客户关系（决策层）',

    'purchase-factors.rating.-2': '明显落后',
    'purchase-factors.rating.-1': '落后',
    'purchase-factors.rating.0': '持平',
    'purchase-factors.rating.1': '领先',
    'purchase-factors.rating.2': '明显领先',

    'purchase-factors.summary':
      '已评估 {rated:int}/8 项采购因素，相对主要竞争对手的优势指数 {advantage:score}。',
    'purchase-factors.none_rated': '尚未评估采购因素：请就 8 项因素与主要竞争对手逐项对比。',
    'purchase-factors.gap':
      '{factor:@purchase-factors.name}处于劣势（{value:@purchase-factors.rating}）。',
  },
};
