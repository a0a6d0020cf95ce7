import { companyNative, fullCommittee, healthyInputs } from './story-kit.js';
import { Q, baseProps as base, strategic } from './story-base.js';
import { loneIndustry } from './names.js';
import type { StoryDef } from './story-types.js';

/**
 * Stories about the portfolio rather than alerts: healthy strategic accounts,
 * a major buyer, a potential-tier account, a disqualified one, one without
 * deals and a segment of one. Links between stories point to an earlier
 * story (Fourth Coffee → Relecloud), so a consumer streaming companies in
 * order has already created the target.
 */

export const portfolioStories: readonly StoryDef[] = [
  {
    key: 'healthy_strategic',
    title: 'Contoso Pharmaceuticals — healthy strategic account',
    industry: 'PHARMACEUTICALS',
    alerts: [],
    expect: { keyAccount: true, tier: 'strategic', stage: 'major' },
    build(kit) {
      strategic(kit);
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'healthy_strategic_2',
    title: 'Tailwind Energy — healthy strategic account',
    industry: 'OIL_ENERGY',
    alerts: [],
    expect: { keyAccount: true, tier: 'strategic', stage: 'major' },
    build(kit) {
      strategic(kit, { amount: (q) => (Q / 1.5) * 1.04 ** (q + 11) });
      return { props: { ...base(kit, this, 30_000, 9_000_000_000), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'no_deals',
    title: 'Relecloud — talking, no deals yet',
    industry: 'COMPUTER_SOFTWARE',
    alerts: [],
    expect: { stage: 'user' },
    build(kit) {
      kit.committee(fullCommittee.filter((m) => ['ceo', 'it'].includes(m.key)));
      for (const ago of [55, 34, 20, 6])
        kit.touch(ago === 34 ? 'meetings' : 'emails', ago, ago === 34 ? ['ceo', 'it'] : ['it']);
      const props = {
        ...companyNative(kit, this.title, this.industry, 250, 40_000_000),
        lifecyclestage: 'opportunity',
        kam_potential_rating: '4',
        kam_product_usage: 'trial',
      };
      return { props };
    },
  },
  {
    key: 'major',
    title: 'Fourth Coffee — major buyer',
    industry: 'FOOD_BEVERAGES',
    alerts: [],
    expect: { stage: 'major', keyAccount: true },
    build(kit) {
      strategic(kit, { touches: false });
      kit.cadence(
        400,
        3,
        7,
        fullCommittee.map((m) => m.key),
      );
      // A deal shared with Relecloud: it counts for Fourth Coffee, its primary company.
      kit.open(75, Q / 2, [kit.companyIdOf('no_deals')]);
      // Their Head of IT advises Relecloud too; the role counts here, at the primary company.
      kit.b.linkContactTo(kit.contact.it, kit.companyIdOf('no_deals'));
      return { props: { ...base(kit, this, 8000, 1_200_000_000), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'potential_tier',
    title: 'Humongous Insurance — potential tier, pilot running',
    industry: 'FINANCIAL_SERVICES',
    alerts: [],
    expect: { tier: 'potential', stage: 'customer' },
    build(kit) {
      kit.committee(fullCommittee.filter((m) => ['ceo', 'it', 'ops'].includes(m.key)));
      kit.won(kit.today - 430, 25_000, 1);
      kit.open(50, 180_000);
      kit.cadence(300, 4, 14, ['ceo', 'it', 'ops']);
      const inputs = healthyInputs(kit, {
        kam_joint_work_rating: '2',
        kam_satisfaction: '80',
        kam_product_usage: 'trial',
      });
      return { props: { ...base(kit, this, 45_000, 30_000_000_000), ...inputs } };
    },
  },
  {
    key: 'disqualified',
    title: 'Consolidated Messenger — pays in 120 days, not a key account',
    industry: 'TELECOMMUNICATIONS',
    alerts: [],
    expect: { keyAccount: false, disqualified: true },
    build(kit) {
      strategic(kit, { amount: (q) => Q * 1.03 ** (q + 11) });
      return {
        props: {
          ...base(kit, this),
          ...healthyInputs(kit, { kam_avg_days_to_pay: '120', kam_margin_pct: '12' }),
        },
      };
    },
  },
  {
    key: 'segment_of_one',
    title: 'Nod Shipping — the only maritime account',
    industry: loneIndustry,
    alerts: [],
    expect: { stage: 'repeat' },
    build(kit) {
      kit.committee(
        fullCommittee.filter((m) => ['ceo', 'procurement', 'ops', 'it'].includes(m.key)),
      );
      for (const q of [-6, -3, -1]) kit.won(kit.dayIn(q, 0.4), 90_000, 2);
      kit.cadence(400, 4, 12, ['ceo', 'procurement', 'ops', 'it']);
      return {
        props: {
          ...base(kit, this, 900, 150_000_000),
          ...healthyInputs(kit, { kam_reference_rating: '3', kam_strategic_fit_rating: '3' }),
        },
      };
    },
  },
];
