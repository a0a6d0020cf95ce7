import { fullCommittee, healthyInputs } from './story-kit.js';
import { Q, baseProps as base, strategic } from './story-base.js';
import type { StoryDef } from './story-types.js';

/**
 * Stories that each raise one alert reason of spec §6 (every reason at least
 * once). Each starts from a well-run strategic account and changes one thing.
 */

export const alertStories: readonly StoryDef[] = [
  {
    key: 'decision_maker_left',
    title: 'Northwind Logistics — decision maker left',
    industry: 'LOGISTICS_AND_SUPPLY_CHAIN',
    alerts: ['decision_maker_left'],
    expect: { keyAccount: true },
    needsPrevious: true,
    build(kit) {
      // The CFO (a decision maker) is marked as gone; the CEO remains.
      strategic(kit, {
        committee: fullCommittee.map((m) => (m.key === 'cfo' ? { ...m, left: true } : m)),
        touches: false,
      });
      kit.cadence(400, 3, 7, ['ceo', 'procurement', 'ops', 'it', 'assistant']);
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'decision_maker_archived',
    title: 'Tailspin Medical — decision maker about to leave (archive in test)',
    industry: 'HOSPITAL_HEALTH_CARE',
    alerts: ['decision_maker_left'],
    expect: { keyAccount: true },
    needsPrevious: true,
    build(kit) {
      strategic(kit);
      return { props: { ...base(kit, this), ...healthyInputs(kit) }, archive: [kit.contact.cfo] };
    },
  },
  {
    key: 'budget_frozen',
    title: 'Litware Retail — budget frozen',
    industry: 'RETAIL',
    alerts: ['budget_frozen'],
    expect: { keyAccount: true },
    build(kit) {
      strategic(kit);
      return {
        props: { ...base(kit, this), ...healthyInputs(kit, { kam_budget_status: 'frozen' }) },
      };
    },
  },
  {
    key: 'competitor_entered',
    title: 'Fabrikam Machinery — competitor entered',
    industry: 'MACHINERY',
    alerts: ['competitor_entered'],
    expect: { keyAccount: true },
    build(kit) {
      strategic(kit);
      const inputs = healthyInputs(kit, {
        kam_competitor_active: 'true',
        kam_pf_price: '-1',
        kam_pf_brand: '0',
      });
      return { props: { ...base(kit, this), ...inputs } };
    },
  },
  {
    key: 'satisfaction_low',
    title: 'Adatum Health — satisfaction 58',
    industry: 'HOSPITAL_HEALTH_CARE',
    alerts: ['satisfaction_low'],
    expect: { keyAccount: true },
    build(kit) {
      strategic(kit);
      return { props: { ...base(kit, this), ...healthyInputs(kit, { kam_satisfaction: '58' }) } };
    },
  },
  {
    key: 'renewal_unclear',
    title: 'Proseware Software — renewal in 45 days, intent unclear',
    industry: 'COMPUTER_SOFTWARE',
    alerts: ['renewal_unclear'],
    expect: { keyAccount: true },
    build(kit) {
      strategic(kit);
      const renewal = kit.ctx.calendar.dateOfDay(kit.today + 45);
      return {
        props: {
          ...base(kit, this),
          ...healthyInputs(kit, { kam_renewal_date: renewal, kam_renewal_intent: 'unclear' }),
        },
      };
    },
  },
  {
    key: 'revenue_falling',
    title: 'Woodgrove Financial — revenue down two quarters',
    industry: 'FINANCIAL_SERVICES',
    alerts: ['revenue_falling'],
    expect: { keyAccount: true },
    build(kit) {
      // Same number of deals, half the size in the last two completed quarters (and since).
      strategic(kit, { amount: (q) => (Q / 2) * 1.03 ** (q + 11) * (q >= -2 ? 0.5 : 1) });
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'frequency_falling',
    title: 'Wingtip Telecom — buying less often',
    industry: 'TELECOMMUNICATIONS',
    alerts: ['frequency_falling'],
    expect: { keyAccount: true },
    build(kit) {
      kit.committee(fullCommittee);
      // Two a quarter until a year ago, then six in the half-year before the last, one since.
      kit.quarterlyWins(-11, -5, () => Q / 2);
      for (const ago of [195, 220, 245, 270, 300, 330]) kit.won(kit.today - ago, Q / 2);
      kit.won(kit.today - 40, Q * 1.5);
      kit.open(60, Q / 2);
      kit.cadence(
        400,
        3,
        7,
        fullCommittee.map((m) => m.key),
      );
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'cadence_overdue',
    title: 'Blue Yonder Freight — no touch in five months',
    industry: 'LOGISTICS_AND_SUPPLY_CHAIN',
    alerts: ['cadence_overdue'],
    expect: {},
    build(kit) {
      strategic(kit, { touches: false });
      kit.cadence(
        520,
        150,
        10,
        fullCommittee.map((m) => m.key),
      );
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'no_decision_maker',
    title: 'Coho Foods — key account without a decision maker',
    industry: 'FOOD_BEVERAGES',
    alerts: ['no_decision_maker'],
    expect: { keyAccount: true },
    build(kit) {
      const committee = fullCommittee.filter((m) => !m.roles.includes('decision_maker'));
      strategic(kit, { committee });
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'single_threaded',
    title: 'Alpine Outfitters — single-threaded through the CEO',
    industry: 'RETAIL',
    alerts: ['single_threaded'],
    expect: { keyAccount: true },
    build(kit) {
      strategic(kit, { touches: false });
      kit.cadence(
        400,
        100,
        7,
        fullCommittee.map((m) => m.key),
      );
      for (let ago = 85; ago >= 3; ago -= 7)
        kit.touch(ago % 2 === 0 ? 'meetings' : 'calls', ago, ['ceo']);
      return { props: { ...base(kit, this), ...healthyInputs(kit) } };
    },
  },
  {
    key: 'stage_moved_back',
    title: 'Trey Research — stage moved back to customer',
    industry: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
    alerts: ['stage_moved_back'],
    expect: { stage: 'customer' },
    needsPrevious: true,
    build(kit) {
      kit.committee(fullCommittee.filter((m) => ['ceo', 'procurement', 'ops'].includes(m.key)));
      // Won in Q−9, Q−5 and Q−2: "repeat" while Q−5 and Q−2 were both in the last four quarters.
      for (const q of [-9, -5, -2]) kit.won(kit.dayIn(q, 0.5), 45_000, 2);
      kit.cadence(400, 5, 30, ['ceo', 'procurement', 'ops']);
      const inputs = healthyInputs(kit, {
        kam_potential_rating: '3',
        kam_reference_rating: '2',
        kam_strategic_fit_rating: '3',
        kam_satisfaction: '76',
      });
      return { props: { ...base(kit, this, 400, 60_000_000), ...inputs } };
    },
  },
  {
    key: 'health_fell',
    title: 'Lucerne Builders — health fell since last quarter',
    industry: 'CONSTRUCTION',
    alerts: ['health_fell'],
    expect: {},
    needsPrevious: true,
    build(kit) {
      kit.committee(
        fullCommittee
          .filter((m) => ['ceo', 'procurement', 'ops'].includes(m.key))
          .map((m) => (m.key === 'ceo' ? { ...m, stance: 'neutral', closeness: 3 } : m)),
      );
      kit.quarterlyWins(-11, 0, (q) => (Q / 4) * 1.03 ** (q + 11) * (q >= -3 ? 0.85 : 1), 2);
      kit.cadence(400, 120, 10, ['ceo', 'procurement', 'ops']);
      kit.touch('emails', 60, ['procurement']);
      kit.touch('emails', 20, ['procurement']);
      const inputs = healthyInputs(kit, { kam_satisfaction: '71', kam_joint_work_rating: '2' });
      return { props: { ...base(kit, this, 3000, 500_000_000), ...inputs } };
    },
  },
  {
    key: 'service_wobble',
    title: "Margie's Motors — one late delivery",
    industry: 'AUTOMOTIVE',
    alerts: ['service_wobble'],
    expect: {},
    build(kit) {
      strategic(kit, { amount: (q) => (Q / 5) * 1.02 ** (q + 11) });
      const note =
        'One shipment arrived three days late last month; the customer was informed and accepted the new date.';
      return {
        props: {
          ...base(kit, this, 2500, 700_000_000),
          ...healthyInputs(kit, { kam_service_issue: note }),
        },
      };
    },
  },
];
