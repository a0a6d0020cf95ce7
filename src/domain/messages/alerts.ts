import type { CatalogPart } from './types.js';

/**
 * Messages of the alerts area (§6 three lights): levels, short titles, the reason
 * text per code (and variant), why a reason closed, and why one was not checked.
 * Red/yellow/green follow the seed's 红灯预警 / 黄灯预警 / 绿灯观察.
 */
export const messages: CatalogPart = {
  en: {
    'alerts.level.red': 'Red',
    'alerts.level.yellow': 'Yellow',
    'alerts.level.green': 'Green (watch)',
    'alerts.level.none': 'No alert',

    'alerts.title.decision_maker_left': 'Decision maker left',
    'alerts.title.budget_frozen': 'Budget frozen',
    'alerts.title.competitor_entered': 'Competitor entered',
    'alerts.title.satisfaction_low': 'Low satisfaction',
    'alerts.title.renewal_unclear': 'Renewal unclear',
    'alerts.title.revenue_falling': 'Revenue falling',
    'alerts.title.frequency_falling': 'Purchase frequency falling',
    'alerts.title.cadence_overdue': 'Engagement overdue',
    'alerts.title.no_decision_maker': 'No decision maker mapped',
    'alerts.title.single_threaded': 'Single-threaded',
    'alerts.title.stage_moved_back': 'Lifecycle stage moved back',
    'alerts.title.health_fell': 'Health fell',
    'alerts.title.service_wobble': 'Service wobble',

    'alerts.reason.decision_maker_left':
      'A decision maker left the account: {names}. Decision makers still mapped: {stillMapped:int}.',
    'alerts.reason.budget_frozen': "The account's budget is frozen.",
    'alerts.reason.competitor_entered': 'A competitor has entered the account.',
    'alerts.reason.satisfaction_low': 'Satisfaction is {satisfaction}, below {threshold}.',
    'alerts.reason.renewal_unclear.unclear':
      'Renewal intent is recorded as unclear (renewal date: {renewalDate:date}).',
    'alerts.reason.renewal_unclear.none_recorded':
      'Renewal is due on {renewalDate:date}, in {daysToRenewal:int} days, and no renewal intent is recorded.',
    'alerts.reason.revenue_falling.year_over_year':
      'Revenue fell {fallPct}% or more year on year two quarters in a row: {q1} {q1Revenue:money} ({q1Change:pct} against {q1Base:money} a year earlier), {q2} {q2Revenue:money} ({q2Change:pct} against {q2Base:money}).',
    'alerts.reason.revenue_falling.quarter_over_quarter':
      'Revenue fell {fallPct}% or more quarter on quarter two quarters in a row: {q1} {q1Revenue:money} ({q1Change:pct} against {q1Base:money} the quarter before), {q2} {q2Revenue:money} ({q2Change:pct} against {q2Base:money}).',
    'alerts.reason.frequency_falling':
      'Purchase frequency is falling: {recent:int} won deals in the last {windowDays:int} days against {earlier:int} in the {windowDays:int} days before (alert below {ratioPct}%).',
    'alerts.reason.cadence_overdue.late':
      '{kind:@alerts.cadenceKind} is overdue: due every {intervalDays:int} days, last on {lastTouch:date}, overdue since {overdueOn:date}.',
    'alerts.reason.cadence_overdue.never':
      '{kind:@alerts.cadenceKind} (due every {intervalDays:int} days) has never been logged.',
    'alerts.reason.no_decision_maker':
      'Key account (top {rankPct}%) with no decision maker mapped.',
    'alerts.reason.single_threaded':
      'Key account is single-threaded: only {name} was engaged in the last {windowDays:int} days.',
    'alerts.reason.stage_moved_back':
      'Lifecycle stage moved back from {from:@summary.stageName} to {to:@summary.stageName}.',
    'alerts.reason.health_fell':
      'Health fell {drop:score} points to {to:score}, against {from:score} at the {quarter} snapshot (alert at {threshold}).',
    'alerts.reason.service_wobble': 'Service wobble: {note}',

    'alerts.closed.decision_maker_left': 'A decision maker is mapped again: {names}.',
    'alerts.closed.budget_frozen': 'The budget is no longer frozen.',
    'alerts.closed.competitor_entered': 'No competitor is marked active any more.',
    'alerts.closed.satisfaction_low':
      'Satisfaction is no longer below {threshold} (now {satisfaction}).',
    'alerts.closed.renewal_unclear':
      'Renewal is no longer unclear (intent: {intent:@alerts.intent}).',
    'alerts.closed.revenue_falling': 'Revenue is no longer down {fallPct}% two quarters in a row.',
    'alerts.closed.frequency_falling':
      'Purchase frequency is no longer falling: {recent:int} won deals in the last {windowDays:int} days, {earlier:int} before.',
    'alerts.closed.cadence_overdue': 'Engagement is back on cadence (last touch {lastTouch:date}).',
    'alerts.closed.no_decision_maker.mapped': 'A decision maker is now mapped.',
    'alerts.closed.no_decision_maker.not_key': 'No longer a key account.',
    'alerts.closed.single_threaded.widened': 'More people are engaged now ({engagedContacts:int}).',
    'alerts.closed.single_threaded.not_key': 'No longer a key account.',
    'alerts.closed.stage_moved_back': 'Lifecycle stage is back at {stage:@summary.stageName}.',
    'alerts.closed.health_fell':
      'Health {health:score} is no longer {threshold} points or more below the last quarterly snapshot.',
    'alerts.closed.service_wobble': 'The service issue was cleared.',
    'alerts.closed.disabled': 'This alert was switched off in the settings.',

    'alerts.skipped.disabled': 'Switched off in the settings.',
    'alerts.skipped.no_previous_stage':
      'Not checked: first evaluation, no earlier stage to compare with.',
    'alerts.skipped.no_quarter_snapshot':
      'Not checked: no quarterly health snapshot to compare with yet.',

    'alerts.intent.confirmed': 'confirmed',
    'alerts.intent.likely': 'likely',
    'alerts.intent.unclear': 'unclear',
    'alerts.intent.not_renewing': 'not renewing',

    'alerts.cadenceKind.formal_touch': 'Formal touch',
    'alerts.cadenceKind.business_review': 'Business review',
    'alerts.cadenceKind.executive_touch': 'Executive touch',
    'alerts.cadenceKind.strategy_session': 'Strategy session',
  },
  'zh-CN': {
    'alerts.level.red': '红灯',
    'alerts.level.yellow': '黄灯',
    'alerts.level.green': '绿灯（观察）',
    'alerts.level.none': '无预警',

    'alerts.title.decision_maker_left': '核心决策者离职',
    'alerts.title.budget_frozen': '预算冻结',
    'alerts.title.competitor_entered': '竞品介入',
    'alerts.title.satisfaction_low': '满意度偏低',
    'alerts.title.renewal_unclear': '续约意向不明',
    'alerts.title.revenue_falling': '采购金额下降',
    'alerts.title.frequency_falling': '采购频次下降',
    'alerts.title.cadence_overdue': '沟通节奏逾期',
    'alerts.title.no_decision_maker': '未识别决策者',
    'alerts.title.single_threaded': '单线联系',
    'alerts.title.stage_moved_back': '生命周期阶段倒退',
    'alerts.title.health_fell': '健康度下滑',
    'alerts.title.service_wobble': '服务波动',

    'alerts.reason.decision_maker_left':
      '决策者已离开客户：{names}。目前仍在册的决策者：{stillMapped:int} 位。',
    'alerts.reason.budget_frozen': '客户预算已冻结。',
    'alerts.reason.competitor_entered': '竞争对手已介入该客户。',
    'alerts.reason.satisfaction_low': '满意度为 {satisfaction} 分，低于 {threshold} 分。',
    'alerts.reason.renewal_unclear.unclear':
      '续约意向记录为“不明确”（续约日期：{renewalDate:date}）。',
    'alerts.reason.renewal_unclear.none_recorded':
      '续约日期为 {renewalDate:date}（还有 {daysToRenewal:int} 天），尚未记录续约意向。',
    'alerts.reason.revenue_falling.year_over_year':
      '采购金额连续两个季度同比下降 {fallPct}% 及以上：{q1} 为 {q1Revenue:money}（上年同期 {q1Base:money}，{q1Change:pct}），{q2} 为 {q2Revenue:money}（上年同期 {q2Base:money}，{q2Change:pct}）。',
    'alerts.reason.revenue_falling.quarter_over_quarter':
      '采购金额连续两个季度环比下降 {fallPct}% 及以上：{q1} 为 {q1Revenue:money}（上一季度 {q1Base:money}，{q1Change:pct}），{q2} 为 {q2Revenue:money}（上一季度 {q2Base:money}，{q2Change:pct}）。',
    'alerts.reason.frequency_falling':
      '采购频次下降：近 {windowDays:int} 天成交 {recent:int} 单，此前 {windowDays:int} 天成交 {earlier:int} 单（低于 {ratioPct}% 即预警）。',
    'alerts.reason.cadence_overdue.late':
      '{kind:@alerts.cadenceKind}已逾期：应每 {intervalDays:int} 天一次，上次为 {lastTouch:date}，自 {overdueOn:date} 起逾期。',
    'alerts.reason.cadence_overdue.never':
      '{kind:@alerts.cadenceKind}（应每 {intervalDays:int} 天一次）尚无任何记录。',
    'alerts.reason.no_decision_maker': '大客户（排名前 {rankPct}%）尚未识别决策者。',
    'alerts.reason.single_threaded': '大客户单线联系：近 {windowDays:int} 天仅与 {name} 有互动。',
    'alerts.reason.stage_moved_back':
      '生命周期阶段从“{from:@summary.stageName}”倒退到“{to:@summary.stageName}”。',
    'alerts.reason.health_fell':
      '健康度较 {quarter} 季度快照（{from:score}）下降 {drop:score} 分，现为 {to:score}（下降 {threshold} 分即预警）。',
    'alerts.reason.service_wobble': '服务波动：{note}',

    'alerts.closed.decision_maker_left': '已重新识别决策者：{names}。',
    'alerts.closed.budget_frozen': '预算已解冻。',
    'alerts.closed.competitor_entered': '已无竞品介入标记。',
    'alerts.closed.satisfaction_low': '满意度已不低于 {threshold} 分（当前 {satisfaction} 分）。',
    'alerts.closed.renewal_unclear': '续约不再处于不明状态（意向：{intent:@alerts.intent}）。',
    'alerts.closed.revenue_falling': '采购金额已不再连续两个季度下降 {fallPct}% 及以上。',
    'alerts.closed.frequency_falling':
      '采购频次已恢复：近 {windowDays:int} 天成交 {recent:int} 单，此前 {earlier:int} 单。',
    'alerts.closed.cadence_overdue': '沟通节奏已恢复（最近一次互动：{lastTouch:date}）。',
    'alerts.closed.no_decision_maker.mapped': '已识别决策者。',
    'alerts.closed.no_decision_maker.not_key': '已不再是大客户。',
    'alerts.closed.single_threaded.widened': '已与更多联系人保持互动（{engagedContacts:int} 人）。',
    'alerts.closed.single_threaded.not_key': '已不再是大客户。',
    'alerts.closed.stage_moved_back': '生命周期阶段已恢复至“{stage:@summary.stageName}”。',
    'alerts.closed.health_fell':
      '健康度 {health:score} 已不再比上季度快照低 {threshold} 分及以上。',
    'alerts.closed.service_wobble': '服务问题已解除。',
    'alerts.closed.disabled': '该预警已在设置中关闭。',

    'alerts.skipped.disabled': '已在设置中关闭。',
    'alerts.skipped.no_previous_stage': '未检查：首次评估，没有可比较的上一阶段。',
    'alerts.skipped.no_quarter_snapshot': '未检查：尚无季度健康度快照可供比较。',

    'alerts.intent.confirmed': '已确认',
    'alerts.intent.likely': '可能续约',
    'alerts.intent.unclear': '不明确',
    'alerts.intent.not_renewing': '不续约',

    'alerts.cadenceKind.formal_touch': '正式沟通',
    'alerts.cadenceKind.business_review': '业务复盘',
    'alerts.cadenceKind.executive_touch': '高层互动',
    'alerts.cadenceKind.strategy_session': '战略研讨会',
  },
};
