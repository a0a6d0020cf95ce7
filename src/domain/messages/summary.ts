import type { CatalogPart } from './types.js';

/**
 * Messages of the summary area ("why it changed since last time", written to
 * kam_score_explanation), plus the names of stages, tiers, health bands and score
 * factors that other templates look up with `{param:@summary.stageName}` etc.
 */
export const messages: CatalogPart = {
  en: {
    'summary.first':
      'First evaluation: score {score:score}, {key:@summary.keyStatus}, {tier:@summary.tierName} tier, stage {stage:@summary.stageName}, health {health:score} ({band:@summary.bandName}).',
    'summary.score.changed':
      'Score {from:score} → {to:score}, moved most by {factor:@summary.factorName} ({factorFrom:score} → {factorTo:score}).',
    'summary.score.changed_plain': 'Score {from:score} → {to:score}.',
    'summary.key.entered': 'Now a key account (top {rankPct}%).',
    'summary.key.left': 'No longer a key account (now in the top {rankPct}%).',
    'summary.key.disqualified': 'No longer a key account: disqualified (see the reason).',
    'summary.tier.changed': 'Tier {from:@summary.tierName} → {to:@summary.tierName}.',
    'summary.stage.changed': 'Lifecycle stage {from:@summary.stageName} → {to:@summary.stageName}.',
    'summary.health.changed': 'Health {from:score} → {to:score} ({band:@summary.bandName}).',
    'summary.alert.opened': 'New alert: {alert:@alerts.title} ({level:@alerts.level}).',
    'summary.alert.closed': 'Alert cleared: {alert:@alerts.title}.',
    'summary.unchanged': 'No change since the last evaluation (score {score:score}).',

    'summary.keyStatus.key': 'key account',
    'summary.keyStatus.not_key': 'not a key account',

    'summary.stageName.stranger': 'Stranger',
    'summary.stageName.user': 'User',
    'summary.stageName.customer': 'Customer',
    'summary.stageName.repeat': 'Repeat',
    'summary.stageName.major': 'Major',

    'summary.tierName.strategic': 'Strategic',
    'summary.tierName.potential': 'Potential',
    'summary.tierName.profit': 'Profit',
    'summary.tierName.ordinary': 'Ordinary',

    'summary.bandName.healthy': 'healthy',
    'summary.bandName.watch': 'watch',
    'summary.bandName.at_risk': 'at risk',

    'summary.factorName.sales': 'sales',
    'summary.factorName.potential': 'potential',
    'summary.factorName.reference': 'reference value',
    'summary.factorName.winnability': 'winnability',
  },
  'zh-CN': {
    'summary.first':
      '首次评估：得分 {score:score}，{key:@summary.keyStatus}，{tier:@summary.tierName}客户，阶段为“{stage:@summary.stageName}”，健康度 {health:score}（{band:@summary.bandName}）。',
    'summary.score.changed':
      '得分 {from:score} → {to:score}，主要受{factor:@summary.factorName}影响（{factorFrom:score} → {factorTo:score}）。',
    'summary.score.changed_plain': '得分 {from:score} → {to:score}。',
    'summary.key.entered': '已成为大客户（排名前 {rankPct}%）。',
    'summary.key.left': '已不再是大客户（当前排名前 {rankPct}%）。',
    'summary.key.disqualified': '已不再是大客户：不符合资格条件（见原因）。',
    'summary.tier.changed': '客户分层：{from:@summary.tierName} → {to:@summary.tierName}。',
    'summary.stage.changed': '生命周期阶段：{from:@summary.stageName} → {to:@summary.stageName}。',
    'summary.health.changed': '健康度 {from:score} → {to:score}（{band:@summary.bandName}）。',
    'summary.alert.opened': '新增预警：{alert:@alerts.title}（{level:@alerts.level}）。',
    'summary.alert.closed': '预警解除：{alert:@alerts.title}。',
    'summary.unchanged': '自上次评估以来无变化（得分 {score:score}）。',

    'summary.keyStatus.key': '大客户',
    'summary.keyStatus.not_key': '非大客户',

    'summary.stageName.stranger': '陌生',
    'summary.stageName.user': '用户',
    'summary.stageName.customer': '客户',
    'summary.stageName.repeat': '小型交易',
    'summary.stageName.major': '大型交易',

    'summary.tierName.strategic': '战略级',
    'summary.tierName.potential': '潜力级',
    'summary.tierName.profit': '利润级',
    'summary.tierName.ordinary': '普通级',

    'summary.bandName.healthy': '健康',
    'summary.bandName.watch': '需关注',
    'summary.bandName.at_risk': '有风险',

    'summary.factorName.sales': '销售额',
    'summary.factorName.potential': '潜力',
    'summary.factorName.reference': '示范作用',
    'summary.factorName.winnability': '能赢能做',
  },
};
