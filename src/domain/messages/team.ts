import type { CatalogPart } from './types.js';

/** Messages of the team area (§9, the iron triangle): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'team.role.account_manager': 'account manager',
    'team.role.solution_manager': 'solution manager',
    'team.role.delivery_manager': 'delivery manager',
    'team.role.service_manager': 'service manager',
    'team.phase_name.winning': 'Winning new business',
    'team.phase_name.closing': 'Closing a deal',
    'team.phase_name.delivery': 'Delivery and service',

    'team.phase.winning': 'Winning new business (no purchase yet, {openDeals:int} open deal(s)): account manager and solution manager needed.',
    'team.phase.closing':
      'Closing a deal ({openDeals:int} open deal(s) at a customer): account manager, solution manager and delivery manager needed.',
    'team.phase.delivery': 'Delivery and service (no open deal): service manager, delivery manager and account manager needed.',
    'team.missing.role': 'No {role:@team.role} assigned.',
    'team.gap.role': 'Key account without a {role:@team.role}: the account team has a gap.',
  },
  'zh-CN': {
    'team.role.account_manager': '客户经理',
    'team.role.solution_manager': '方案经理',
    'team.role.delivery_manager': '交付经理',
    'team.role.service_manager': '服务经理',
    'team.phase_name.winning': '获客阶段',
    'team.phase_name.closing': '打单阶段',
    'team.phase_name.delivery': '交付和售后服务阶段',

    'team.phase.winning': '获客阶段(尚未成交,进行中商机 {openDeals:int} 个):需要客户经理和方案经理。',
    'team.phase.closing': '打单阶段(老客户有 {openDeals:int} 个进行中商机):需要客户经理、方案经理和交付经理。',
    'team.phase.delivery': '交付和售后服务阶段(无进行中商机):需要服务经理、交付经理和客户经理。',
    'team.missing.role': '尚未指定{role:@team.role}。',
    'team.gap.role': '大客户缺少{role:@team.role}:铁三角配置不完整。',
  },
};
