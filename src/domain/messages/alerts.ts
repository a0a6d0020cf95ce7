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
    // 3R tasks (src/alerts/task-content.ts): subjects, body lines and suggested options.
    'alerts.task.subject': '[KAM] {level:@alerts.level} alert: {title} — {company}',
    'alerts.task.subject.plan': '[KAM] Plan with 2–3 options: {title} — {company}',
    'alerts.task.subject.escalation':
      '[KAM] Escalation, no response by {respondBy}: {title} — {company}',
    'alerts.task.subject.digest':
      '[KAM] Alert digest {day}: {count:int} alerts over your daily task budget',
    'alerts.task.body.intro': 'Key-account alert at {company}: {level:@alerts.level}.',
    'alerts.task.body.respond':
      '3R: respond by {respondBy} (acknowledge and talk to the account); a first plan with 2–3 options is due by {planBy}.',
    'alerts.task.body.plan':
      'The first response is done. Write a plan with 2–3 options by {planBy} and agree on the next step with the account.',
    'alerts.task.body.escalation':
      'The response task for this alert was not completed by {respondBy}. Please follow up with {owner}: the account needs a response now and a plan by {planBy}.',
    'alerts.task.body.evidence': 'What happened:',
    'alerts.task.body.related': 'Linked records: {contacts:int} contact(s), {deals:int} deal(s).',
    'alerts.task.body.options': 'Options to consider (pick 2–3 for the plan):',
    'alerts.task.body.workflow': 'Created by a workflow: {reason}',
    'alerts.task.body.key': 'KAM alert key: {key} (keeps this task from being created twice).',
    'alerts.task.body.closed': 'Completed automatically on {at}: {reason}',
    'alerts.task.body.reopened': 'Reopened on {at}: the alert came back within the quiet period.',
    'alerts.task.body.digest':
      'More alerts opened today than your daily task budget ({budget:int} tasks). Each one below still has its 3R deadlines:',
    'alerts.task.body.digestLine':
      '{company}: {title} ({level:@alerts.level}), respond by {respondBy}',
    'alerts.task.owner.unassigned': 'the task owner',
    'alerts.task.closed.company_removed': 'The company was deleted or merged in HubSpot.',
    'alerts.task.option.remap_decision_maker':
      'Find out who decides now: ask your closest contact, then meet the new decision maker about ROI and strategic value.',
    'alerts.task.option.executive_sponsor':
      'Bring in an executive from our side for a senior conversation with the decision maker.',
    'alerts.task.option.widen_committee':
      'Widen the relationship: engage users (ease of use, training, fast response) and influencers (technical feasibility, comparison with competitors).',
    'alerts.task.option.roi_case': 'Build an ROI and strategic-value case for the decision maker.',
    'alerts.task.option.phased_offer':
      'Offer a phased or smaller scope that fits the current budget.',
    'alerts.task.option.competitive_proof':
      'Give influencers proof: technical feasibility, a white paper and a comparison with the competitor.',
    'alerts.task.option.user_enablement':
      'Help the users: training, ease of use and a faster response to their issues.',
    'alerts.task.option.service_review':
      'Hold a service review: list the open issues with owners and dates, and report back.',
    'alerts.task.option.renewal_meeting':
      'Meet the decision maker about the renewal: value delivered, ROI and the plan for next year.',
    'alerts.task.option.schedule_touch':
      'Schedule the overdue touch now: a meeting or call with a committee member.',
    'alerts.task.option.business_review':
      'Run a business review of purchases: what changed, and which product lines or units could grow.',
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
    'alerts.task.subject': '[KAM] {level:@alerts.level}预警：{title} — {company}',
    'alerts.task.subject.plan': '[KAM] 制定方案（2–3 个选项）：{title} — {company}',
    'alerts.task.subject.escalation': '[KAM] 升级：{respondBy} 前未响应 — {title} — {company}',
    'alerts.task.subject.digest': '[KAM] 预警汇总 {day}：{count:int} 条预警超出每日任务上限',
    'alerts.task.body.intro': '{company} 出现大客户预警：{level:@alerts.level}。',
    'alerts.task.body.respond':
      '3R：请在 {respondBy} 前响应（确认并与客户沟通）；{planBy} 前提交包含 2–3 个选项的初步方案。',
    'alerts.task.body.plan':
      '已完成首次响应。请在 {planBy} 前制定包含 2–3 个选项的方案，并与客户商定下一步。',
    'alerts.task.body.escalation':
      '该预警的响应任务未在 {respondBy} 前完成。请跟进 {owner}：客户需要立即响应，并在 {planBy} 前拿出方案。',
    'alerts.task.body.evidence': '发生了什么：',
    'alerts.task.body.related': '关联记录：{contacts:int} 位联系人，{deals:int} 笔交易。',
    'alerts.task.body.options': '可考虑的选项（方案中选择 2–3 个）：',
    'alerts.task.body.workflow': '由工作流创建：{reason}',
    'alerts.task.body.key': 'KAM 预警编号：{key}（用于防止重复创建此任务）。',
    'alerts.task.body.closed': '已于 {at} 自动完成：{reason}',
    'alerts.task.body.reopened': '已于 {at} 重新打开：该预警在静默期内再次出现。',
    'alerts.task.body.digest':
      '今天新增的预警超过了您的每日任务上限（{budget:int} 个任务）。以下每条预警仍适用 3R 时限：',
    'alerts.task.body.digestLine':
      '{company}：{title}（{level:@alerts.level}），请在 {respondBy} 前响应',
    'alerts.task.owner.unassigned': '任务负责人',
    'alerts.task.closed.company_removed': '该公司已在 HubSpot 中被删除或合并。',
    'alerts.task.option.remap_decision_maker':
      '弄清现在由谁决策：先询问关系最近的联系人，再与新的决策者沟通投资回报和战略价值。',
    'alerts.task.option.executive_sponsor': '请我方高层出面，与决策者进行高层对话。',
    'alerts.task.option.widen_committee':
      '拓宽关系：联系使用者（易用性、培训、快速响应）和影响者（技术可行性、与竞品的对比）。',
    'alerts.task.option.roi_case': '为决策者准备投资回报与战略价值论证。',
    'alerts.task.option.phased_offer': '提供分阶段或缩小范围的方案，以适应当前预算。',
    'alerts.task.option.competitive_proof':
      '向影响者提供证据：技术可行性、白皮书以及与竞品的对比。',
    'alerts.task.option.user_enablement': '帮助使用者：培训、提升易用性，并更快响应他们的问题。',
    'alerts.task.option.service_review':
      '召开服务复盘会：列出未解决问题及负责人和日期，并及时反馈。',
    'alerts.task.option.renewal_meeting':
      '与决策者沟通续约：已交付的价值、投资回报以及明年的计划。',
    'alerts.task.option.schedule_touch': '立即安排逾期的沟通：与采购委员会成员开会或通话。',
    'alerts.task.option.business_review':
      '进行采购业务复盘：发生了什么变化，哪些产品线或业务单元还能增长。',
  },
};
