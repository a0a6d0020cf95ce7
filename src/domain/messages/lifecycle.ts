import type { CatalogPart } from './types.js';

/** Messages of the lifecycle area (§3): code → template with {param} placeholders. */
export const messages: CatalogPart = {
  en: {
    'lifecycle.stage.stranger': 'Stranger',
    'lifecycle.stage.user': 'User',
    'lifecycle.stage.customer': 'Customer',
    'lifecycle.stage.repeat': 'Repeat deals',
    'lifecycle.stage.major': 'Major deals',

    'lifecycle.rule.major':
      'Major deals: won deals in {wonQuarters:int} of the last {window:int} quarters, and {months:int}-month revenue of {revenue:money} reaches the segment threshold of {threshold:money} (its {percentile}th percentile).',
    'lifecycle.rule.repeat_below_threshold':
      'Repeat deals: won deals in {wonQuarters:int} of the last {window:int} quarters, but {months:int}-month revenue of {revenue:money} is below the segment threshold of {threshold:money} (its {percentile}th percentile) for major deals.',
    'lifecycle.rule.repeat_no_threshold':
      'Repeat deals: won deals in {wonQuarters:int} of the last {window:int} quarters ({months:int}-month revenue {revenue:money}); it cannot be rated major because its segment has no revenue threshold yet.',
    'lifecycle.rule.repeat': 'Repeat deals: won deals in {wonQuarters:int} of the last {window:int} quarters (at least {min:int} needed).',
    'lifecycle.rule.customer':
      'Customer: {wonDeals:int} won deal(s) so far, won in {wonQuarters:int} of the last {window:int} quarters ({min:int} needed for repeat deals).',
    'lifecycle.rule.user_engaged': 'User: engaged on {lastTouch:date} (within {days:int} days), no purchase yet.',
    'lifecycle.rule.user_open_deal': 'User: {openDeals:int} open deal(s), no purchase yet.',
    'lifecycle.rule.user_trial': 'User: trying our product, no purchase yet.',
    'lifecycle.rule.user_active': 'User: actively using our product, no purchase yet.',
    'lifecycle.rule.stranger': 'Stranger: no purchase, no open deal, no product use and no engagement in the last {days:int} days.',

    'lifecycle.control.stranger': 'Next: a sales plan — targets, channels, their needs and their buying process.',
    'lifecycle.control.user': 'Next: assess the 8 purchase factors against the main competitor.',
    'lifecycle.control.customer': 'Next: analyse the competitors at this account.',
    'lifecycle.control.repeat': 'Next: map the buying committee — decision maker, influencers, users, buyer and gatekeeper.',
    'lifecycle.control.major': 'Next: keep growing together — joint planning and wider cooperation.',

    'lifecycle.pinned': 'Stage pinned by hand as {stage:@lifecycle.stage}; the rules give {computedStage:@lifecycle.stage}.',
  },
  'zh-CN': {
    'lifecycle.stage.stranger': '陌生',
    'lifecycle.stage.user': '用户',
    'lifecycle.stage.customer': '客户',
    'lifecycle.stage.repeat': '小型交易',
    'lifecycle.stage.major': '大型交易',

    'lifecycle.rule.major':
      '大型交易:近 {window:int} 个季度中有 {wonQuarters:int} 个季度成交,近 {months:int} 个月收入 {revenue:money},达到同细分市场的大型交易门槛 {threshold:money}(第 {percentile} 百分位)。',
    'lifecycle.rule.repeat_below_threshold':
      '小型交易:近 {window:int} 个季度中有 {wonQuarters:int} 个季度成交,但近 {months:int} 个月收入 {revenue:money} 低于同细分市场的大型交易门槛 {threshold:money}(第 {percentile} 百分位)。',
    'lifecycle.rule.repeat_no_threshold':
      '小型交易:近 {window:int} 个季度中有 {wonQuarters:int} 个季度成交(近 {months:int} 个月收入 {revenue:money});所在细分市场暂无收入门槛,无法判定为大型交易。',
    'lifecycle.rule.repeat': '小型交易:近 {window:int} 个季度中有 {wonQuarters:int} 个季度成交(至少需要 {min:int} 个)。',
    'lifecycle.rule.customer':
      '客户:累计成交 {wonDeals:int} 笔,近 {window:int} 个季度中有 {wonQuarters:int} 个季度成交(达到 {min:int} 个季度即为小型交易)。',
    'lifecycle.rule.user_engaged': '用户:{lastTouch:date} 有过接触({days:int} 天内),尚未采购。',
    'lifecycle.rule.user_open_deal': '用户:有 {openDeals:int} 个进行中的商机,尚未采购。',
    'lifecycle.rule.user_trial': '用户:正在试用我们的产品,尚未采购。',
    'lifecycle.rule.user_active': '用户:正在使用我们的产品,尚未采购。',
    'lifecycle.rule.stranger': '陌生:没有成交、没有进行中的商机、没有使用产品,近 {days:int} 天也没有接触。',

    'lifecycle.control.stranger': '下一步:制定销售计划——目标客户、渠道、客户需求及其采购决策流程。',
    'lifecycle.control.user': '下一步:对照主要竞争对手,评估八大采购影响因素。',
    'lifecycle.control.customer': '下一步:深入分析该客户处的竞争对手。',
    'lifecycle.control.repeat': '下一步:梳理采购决策链——决策者、影响者、使用者、采购者和看门者。',
    'lifecycle.control.major': '下一步:持续共同发展——联合规划,拓展合作领域。',

    'lifecycle.pinned': '阶段已手动锁定为“{stage:@lifecycle.stage}”;按规则计算为“{computedStage:@lifecycle.stage}”。',
  },
};
