import type { CatalogPart } from './types.js';

/** Messages of the health area (§5): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'health.band.healthy': 'Healthy',
    'health.band.watch': 'Watch',
    'health.band.at_risk': 'At risk',
    'health.dimension.business': 'Business',
    'health.dimension.relationship': 'Relationship',
    'health.dimension.ecosystem': 'Ecosystem',
    'health.part.stability': 'Purchase stability',
    'health.part.growth': 'Growth',
    'health.part.frequency': 'Purchase frequency',
    'health.part.interaction': 'Interaction',
    'health.part.satisfaction': 'Satisfaction',
    'health.part.coverage': 'Committee coverage',
    'health.part.breadth': 'Breadth of cooperation',
    'health.part.jointWork': 'Joint work',

    'health.stability.no_history': 'No purchase history yet: 50 (estimated).',
    'health.stability.too_new': 'Only {quarters:int} completed quarter(s) since the first purchase (of {wanted:int}): 50 (estimated).',
    'health.stability.no_revenue': 'No revenue in the last {quarters:int} completed quarters.',
    'health.stability.computed':
      'Quarterly revenue over the last {quarters:int} quarters averages {mean:money} and varies by {cvPct:pct} (coefficient of variation).',

    'health.growth.no_history': 'No revenue history yet: 50 (estimated).',
    'health.growth.computed': 'Revenue of {trailing:money} in the last {months:int} months against {prior:money} in the {months:int} months before (change {changePct:pct}).',
    'health.growth.new_customer': 'New customer: {trailing:money} in the last {months:int} months and no earlier period to compare with: 50 (estimated).',
    'health.growth.resumed': 'Revenue resumed: {trailing:money} in the last {months:int} months after none the {months:int} months before.',
    'health.growth.no_revenue': 'No revenue in the last {months:int} months nor the {months:int} before: 50 (estimated).',

    'health.frequency.no_history': 'No purchase history yet: 50 (estimated).',
    'health.frequency.computed': '{recent:int} won deal(s) in the last {days:int} days against {earlier:int} in the {days:int} days before (change {changePct:pct}).',
    'health.frequency.new_customer': 'New customer: {recent:int} won deal(s) in the last {days:int} days and no earlier period to compare with: 50 (estimated).',
    'health.frequency.resumed': 'Purchases resumed: {recent:int} won deal(s) in the last {days:int} days after none the {days:int} days before.',
    'health.frequency.none': 'No won deal in the last {days:int} days nor the {days:int} before: 50 (estimated).',

    'health.interaction.no_cadence': 'No engagement cadence applies yet (no purchase): 50 (estimated).',
    'health.interaction.computed': '{touches:int} touch(es) with the buying committee in the last {days:int} days; the cadence expects {expected}.',

    'health.satisfaction.not_rated': 'No satisfaction score: 50 (not rated).',
    'health.satisfaction.survey': 'Satisfaction survey score {value}.',

    'health.coverage.no_contacts': 'No contacts at this account: no committee coverage.',
    'health.coverage.no_roles': 'No buying roles mapped: no committee coverage.',
    'health.coverage.computed': '{filled:int} of 5 buying roles mapped: {points} points.',
    'health.coverage.opposing': '{filled:int} of 5 buying roles mapped ({points} points), minus {penalty} for an opposing decision maker.',
    'health.coverage.single_threaded': '{filled:int} of 5 buying roles mapped ({points} points), capped at {cap} because only one person is engaged.',

    'health.breadth.none': 'Nothing bought in the last {months:int} months.',
    'health.breadth.not_recorded': 'Product lines are not recorded on the deals of the last {months:int} months: 50 (estimated).',
    'health.breadth.computed': '{lines:int} product line(s) bought in the last {months:int} months ({yearAgo:int} a year ago).',
    'health.breadth.widened': '{lines:int} product line(s) bought in the last {months:int} months, up from {yearAgo:int} a year ago.',

    'health.joint_work.not_rated': 'Joint work not rated: 50 (not rated).',
    'health.joint_work.rating': 'Joint work (co-development, references) rated {rating} of 5.',
  },
  'zh-CN': {
    'health.band.healthy': '健康',
    'health.band.watch': '关注',
    'health.band.at_risk': '有风险',
    'health.dimension.business': '业务健康',
    'health.dimension.relationship': '关系健康',
    'health.dimension.ecosystem': '生态健康',
    'health.part.stability': '采购稳定性',
    'health.part.growth': '增长性',
    'health.part.frequency': '采购频次',
    'health.part.interaction': '互动频率',
    'health.part.satisfaction': '满意度',
    'health.part.coverage': '决策链覆盖',
    'health.part.breadth': '合作广度',
    'health.part.jointWork': '联合共建',

    'health.stability.no_history': '尚无采购记录:按 50 估算。',
    'health.stability.too_new': '首次采购以来仅有 {quarters:int} 个完整季度(需 {wanted:int} 个):按 50 估算。',
    'health.stability.no_revenue': '近 {quarters:int} 个完整季度没有收入。',
    'health.stability.computed': '近 {quarters:int} 个季度的季度收入平均 {mean:money},波动幅度 {cvPct:pct}(变异系数)。',

    'health.growth.no_history': '尚无收入记录:按 50 估算。',
    'health.growth.computed': '近 {months:int} 个月收入 {trailing:money},之前 {months:int} 个月为 {prior:money}(变化 {changePct:pct})。',
    'health.growth.new_customer': '新客户:近 {months:int} 个月收入 {trailing:money},没有更早的同期可比:按 50 估算。',
    'health.growth.resumed': '收入恢复:近 {months:int} 个月收入 {trailing:money},之前 {months:int} 个月没有收入。',
    'health.growth.no_revenue': '近 {months:int} 个月及之前 {months:int} 个月均无收入:按 50 估算。',

    'health.frequency.no_history': '尚无采购记录:按 50 估算。',
    'health.frequency.computed': '近 {days:int} 天成交 {recent:int} 笔,之前 {days:int} 天成交 {earlier:int} 笔(变化 {changePct:pct})。',
    'health.frequency.new_customer': '新客户:近 {days:int} 天成交 {recent:int} 笔,没有更早的同期可比:按 50 估算。',
    'health.frequency.resumed': '采购恢复:近 {days:int} 天成交 {recent:int} 笔,之前 {days:int} 天没有成交。',
    'health.frequency.none': '近 {days:int} 天及之前 {days:int} 天均无成交:按 50 估算。',

    'health.interaction.no_cadence': '尚未成交,暂无沟通节奏要求:按 50 估算。',
    'health.interaction.computed': '近 {days:int} 天与采购决策链接触 {touches:int} 次,按沟通节奏应为 {expected} 次。',

    'health.satisfaction.not_rated': '暂无满意度得分:按 50 计(未评分)。',
    'health.satisfaction.survey': '满意度调研得分 {value}。',

    'health.coverage.no_contacts': '该客户下没有联系人:决策链无覆盖。',
    'health.coverage.no_roles': '尚未标注采购角色:决策链无覆盖。',
    'health.coverage.computed': '已识别 5 类采购角色中的 {filled:int} 类:{points} 分。',
    'health.coverage.opposing': '已识别 5 类采购角色中的 {filled:int} 类({points} 分),有决策者反对,扣 {penalty} 分。',
    'health.coverage.single_threaded': '已识别 5 类采购角色中的 {filled:int} 类({points} 分),但只与一人保持联系,最高计 {cap} 分。',

    'health.breadth.none': '近 {months:int} 个月没有采购。',
    'health.breadth.not_recorded': '近 {months:int} 个月的成交商机未记录产品线:按 50 估算。',
    'health.breadth.computed': '近 {months:int} 个月采购了 {lines:int} 条产品线(一年前为 {yearAgo:int} 条)。',
    'health.breadth.widened': '近 {months:int} 个月采购了 {lines:int} 条产品线,比一年前的 {yearAgo:int} 条有所拓展。',

    'health.joint_work.not_rated': '联合共建未评分:按 50 计(未评分)。',
    'health.joint_work.rating': '联合共建(联合研发、案例背书)评分 {rating} / 5。',
  },
};
