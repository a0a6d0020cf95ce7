import type { CatalogPart } from './types.js';

/** Messages shared by every area: how a value was made (its basis) and labels used across cards. */
export const messages: CatalogPart = {
  en: {
    'common.basis.computed': 'computed',
    'common.basis.rating': 'rated',
    'common.basis.estimated': 'estimated',
    'common.basis.not_rated': 'not rated',
    'common.basis.none': 'none',
    'common.segment.none': 'No segment',
    'common.owner.none': 'No owner',
    'common.rank.scope.portal': 'across the portal',
    'common.rank.scope.segment': 'within the segment',
  },
  'zh-CN': {
    'common.basis.computed': '计算得出',
    'common.basis.rating': '人工评分',
    'common.basis.estimated': '估算',
    'common.basis.not_rated': '未评分',
    'common.basis.none': '无',
    'common.segment.none': '未分类',
    'common.owner.none': '未分配负责人',
    'common.rank.scope.portal': '全部客户中',
    'common.rank.scope.segment': '细分市场内',
  },
};
