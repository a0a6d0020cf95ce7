import { evaluateCommittee, touchesAny, touchMemberIds } from '../../src/domain/committee.js';
import { computeFacts } from '../../src/domain/facts.js';
import { dayNumber, fromDayNumber } from '../../src/domain/dates.js';
import type { EvalContext } from '../../src/domain/context.js';
import type { Account, Contact, MessageRef } from '../../src/domain/snapshot.js';
import { messages } from '../../src/domain/messages/committee.js';
import { contact, ctxAt, engagement, makeAccount } from './builders.js';

const TODAY = dayNumber('2026-11-23');
const ago = (n: number) => fromDayNumber(TODAY - n);

function run(account: Account, ctx: EvalContext = ctxAt()) {
  return evaluateCommittee(account, computeFacts(account, ctx), ctx);
}

/** An account whose contacts were touched `daysAgo` days ago (null = never). */
function withTouches(people: [Partial<Contact>, number | null][]): Account {
  const contacts = people.map(([c]) => contact(c));
  const engagements = people.flatMap(([, d], i) => (d === null ? [] : [engagement({ date: ago(d), contactIds: [contacts[i].id] })]));
  return makeAccount({ contacts, engagements });
}

function expectCatalogued(ref: MessageRef) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const template = messages[locale][ref.code];
    expect(template).toBeDefined();
    for (const m of template.matchAll(/\{([A-Za-z_]\w*)(:@([\w.]+))?[^}]*\}/g)) {
      expect(ref.params).toHaveProperty(m[1]);
      if (m[3]) expect(messages[locale][`${m[3]}.${String(ref.params[m[1]])}`]).toBeDefined();
    }
  }
}

const codes = (gaps: MessageRef[]) => gaps.map((g) => g.code);

describe('§4 committee — members and roles', () => {
  it('members are the contacts not marked as left, with their ratings and last touch', () => {
    const dm = contact({ id: 'dm', name: 'Dana', roles: ['decision_maker'], stance: 'supporter', closeness: 4, solutionAcceptance: 3, priceAcceptance: 2 });
    const gone = contact({ id: 'gone', roles: ['buyer'], left: true });
    const account = makeAccount({ contacts: [dm, gone], engagements: [engagement({ date: ago(10), contactIds: ['dm', 'gone'] })] });
    const r = run(account);
    expect(r.members).toEqual([
      {
        contactId: 'dm',
        name: 'Dana',
        roles: ['decision_maker'],
        stance: 'supporter',
        closeness: 4,
        solutionAcceptance: 3,
        priceAcceptance: 2,
        lastTouch: ago(10),
      },
    ]);
    expect(r.rolesFilled).toEqual(['decision_maker']);
    expect(r.rolesMissing).toEqual(['gatekeeper', 'buyer', 'user', 'influencer']);
  });

  it('roles come out in the canonical order, each once', () => {
    const r = run(
      makeAccount({
        contacts: [contact({ roles: ['influencer', 'user'] }), contact({ roles: ['user', 'gatekeeper'] })],
      }),
    );
    expect(r.rolesFilled).toEqual(['gatekeeper', 'user', 'influencer']);
    expect(r.rolesMissing).toEqual(['buyer', 'decision_maker']);
  });

  it('a decision maker who left is no longer a decision maker', () => {
    const r = run(makeAccount({ contacts: [contact({ roles: ['decision_maker'], left: true }), contact({ roles: ['buyer'] })] }));
    expect(r.hasDecisionMaker).toBe(false);
    expect(r.decisionMakerIds).toEqual([]);
    expect(codes(r.gaps)).toContain('committee.gap.no_decision_maker');
  });
});

describe('§4 committee — decision makers', () => {
  const cases: [string, Partial<Contact>[], { has: boolean; opposing: boolean; closeness: number | null }][] = [
    ['no decision maker', [{ roles: ['buyer'], stance: 'opponent', closeness: 5 }], { has: false, opposing: false, closeness: null }],
    ['a supporting DM', [{ roles: ['decision_maker'], stance: 'supporter', closeness: 3 }], { has: true, opposing: false, closeness: 3 }],
    ['an opposing DM', [{ roles: ['decision_maker'], stance: 'opponent', closeness: 2 }], { has: true, opposing: true, closeness: 2 }],
    ['an opposing influencer is not an opposing DM', [{ roles: ['decision_maker'] }, { roles: ['influencer'], stance: 'opponent' }], { has: true, opposing: false, closeness: null }],
    ['best closeness among DMs', [{ roles: ['decision_maker'], closeness: 2 }, { roles: ['decision_maker'], closeness: 4 }, { roles: ['user'], closeness: 5 }], { has: true, opposing: false, closeness: 4 }],
    ['unrated closeness is skipped', [{ roles: ['decision_maker'], closeness: null }, { roles: ['decision_maker', 'buyer'], closeness: 1 }], { has: true, opposing: false, closeness: 1 }],
  ];
  it.each(cases)('%s', (_name, people, want) => {
    const r = run(makeAccount({ contacts: people.map((p) => contact(p)) }));
    expect(r.hasDecisionMaker).toBe(want.has);
    expect(r.opposingDecisionMaker).toBe(want.opposing);
    expect(r.closenessToDecisionMaker).toBe(want.closeness);
    expect(codes(r.gaps).includes('committee.gap.opposing_decision_maker')).toBe(want.opposing);
    expect(codes(r.gaps).includes('committee.gap.no_decision_maker')).toBe(!want.has);
  });

  it('lists the decision makers and names the opponents', () => {
    const r = run(
      makeAccount({
        contacts: [
          contact({ id: 'a', name: 'Ann', roles: ['decision_maker'], stance: 'opponent' }),
          contact({ id: 'b', name: 'Bo', roles: ['decision_maker'], stance: 'opponent' }),
        ],
      }),
    );
    expect(r.decisionMakerIds).toEqual(['a', 'b']);
    expect(r.gaps[0]).toEqual({ code: 'committee.gap.opposing_decision_maker', params: { names: 'Ann, Bo' } });
  });
});

describe('§4 committee — engagement and single-threading (window 90 days)', () => {
  const cases: [string, [Partial<Contact>, number | null][], { engaged: number; single: boolean; gap: string | null }][] = [
    ['two members touched → multi-threaded', [[{ roles: ['decision_maker'] }, 5], [{ roles: ['user'] }, 30]], { engaged: 2, single: false, gap: null }],
    ['one of two touched → single-threaded', [[{ roles: ['decision_maker'] }, 5], [{ roles: ['user'] }, null]], { engaged: 1, single: true, gap: 'committee.gap.single_threaded' }],
    ['touch 89 days ago is inside the window', [[{ roles: ['decision_maker'] }, 5], [{ roles: ['user'] }, 89]], { engaged: 2, single: false, gap: null }],
    ['touch 90 days ago is outside the window', [[{ roles: ['decision_maker'] }, 5], [{ roles: ['user'] }, 90]], { engaged: 1, single: true, gap: 'committee.gap.single_threaded' }],
    ['nobody touched → not single-threaded, an engagement gap', [[{ roles: ['decision_maker'] }, 200], [{ roles: ['user'] }, null]], { engaged: 0, single: false, gap: 'committee.gap.not_engaged' }],
    ['a contact without a role does not count when roles are mapped', [[{ roles: ['decision_maker'] }, 5], [{ roles: [] }, 5]], { engaged: 1, single: true, gap: 'committee.gap.single_threaded' }],
    ['no roles mapped: every contact counts', [[{ roles: [] }, 5], [{ roles: [] }, 5]], { engaged: 2, single: false, gap: null }],
    ['no roles mapped, one touched → single-threaded', [[{ roles: [] }, 5], [{ roles: [] }, null]], { engaged: 1, single: true, gap: 'committee.gap.single_threaded' }],
    ['one sole contact touched → single-threaded', [[{ roles: ['decision_maker'] }, 1]], { engaged: 1, single: true, gap: 'committee.gap.single_threaded' }],
  ];
  it.each(cases)('%s', (_name, people, want) => {
    const r = run(withTouches(people));
    expect(r.engagedContacts).toBe(want.engaged);
    expect(r.singleThreaded).toBe(want.single);
    const engagementGaps = codes(r.gaps).filter((c) => c === 'committee.gap.single_threaded' || c === 'committee.gap.not_engaged');
    expect(engagementGaps).toEqual(want.gap === null ? [] : [want.gap]);
  });

  it('the window follows settings.health.interactionWindowDays', () => {
    const account = withTouches([[{ roles: ['decision_maker'] }, 5], [{ roles: ['user'] }, 40]]);
    expect(run(account, ctxAt('2026-11-23', { health: { interactionWindowDays: 30 } })).singleThreaded).toBe(true);
  });

  it('one engagement with two members engages both', () => {
    const a = contact({ roles: ['decision_maker'] });
    const b = contact({ roles: ['buyer'] });
    const r = run(makeAccount({ contacts: [a, b], engagements: [engagement({ date: ago(3), contactIds: [a.id, b.id] })] }));
    expect(r.engagedContacts).toBe(2);
  });

  it('the single-threaded gap names the one person', () => {
    const r = run(withTouches([[{ name: 'Li Lei', roles: ['buyer'] }, 3], [{ roles: ['user'] }, null]]));
    expect(r.gaps).toContainEqual({ code: 'committee.gap.single_threaded', params: { name: 'Li Lei', days: 90 } });
  });
});

describe('§4 committee — gaps', () => {
  it('no contacts at all', () => {
    const r = run(makeAccount());
    expect(codes(r.gaps)).toEqual(['committee.gap.no_decision_maker', 'committee.gap.no_contacts']);
    expect(r.rolesMissing).toHaveLength(5);
    expect(r.roleStaleness).toEqual([]);
  });

  it('contacts without any role: one "roles unmapped" gap instead of five missing roles', () => {
    const r = run(withTouches([[{}, 3], [{}, 3]]));
    expect(codes(r.gaps)).toEqual(['committee.gap.no_decision_maker', 'committee.gap.roles_unmapped']);
    expect(r.gaps[1].params).toEqual({ contacts: 2 });
  });

  it('each missing role except the decision maker (which has its own gap)', () => {
    const r = run(withTouches([[{ roles: ['buyer', 'user'] }, 3], [{ roles: ['influencer'] }, 3]]));
    expect(r.gaps.filter((g) => g.code === 'committee.gap.role_missing').map((g) => g.params.role)).toEqual(['gatekeeper']);
    expect(codes(r.gaps)[0]).toBe('committee.gap.no_decision_maker');
  });

  it('orders the gaps: opposing DM, no DM, engagement, missing roles, stale roles', () => {
    const r = run(withTouches([[{ roles: ['decision_maker'], stance: 'opponent' }, 200], [{ roles: ['buyer'] }, null]]));
    expect(codes(r.gaps)).toEqual([
      'committee.gap.opposing_decision_maker',
      'committee.gap.not_engaged',
      'committee.gap.role_missing',
      'committee.gap.role_missing',
      'committee.gap.role_missing',
      'committee.gap.role_never_engaged',
      'committee.gap.role_stale',
    ]);
    // role_stale (decision_maker) comes after role_never_engaged (buyer) because roles follow the canonical order.
  });

  it('every gap is catalogued in both languages', () => {
    const all = [
      run(makeAccount()),
      run(withTouches([[{}, 3]])),
      run(withTouches([[{ roles: ['decision_maker'], stance: 'opponent' }, 200], [{ roles: ['buyer'] }, null]])),
      run(withTouches([[{ roles: ['decision_maker'] }, 3], [{ roles: ['user'] }, null]])),
    ].flatMap((r) => r.gaps);
    expect(new Set(all.map((g) => g.code)).size).toBe(9);
    for (const g of all) expectCatalogued(g);
  });
});

describe('§4 committee — role staleness (stale after 90 days)', () => {
  const cases: [string, number | null, { daysSince: number | null; stale: boolean }][] = [
    ['touched 10 days ago', 10, { daysSince: 10, stale: false }],
    ['touched exactly 90 days ago', 90, { daysSince: 90, stale: false }],
    ['touched 91 days ago', 91, { daysSince: 91, stale: true }],
    ['never touched', null, { daysSince: null, stale: true }],
  ];
  it.each(cases)('%s', (_name, d, want) => {
    const r = run(withTouches([[{ roles: ['decision_maker'] }, d]]));
    expect(r.roleStaleness).toEqual([
      { role: 'decision_maker', lastTouch: d === null ? null : ago(d), daysSince: want.daysSince, stale: want.stale },
    ]);
    const stale = r.gaps.filter((g) => g.code === 'committee.gap.role_stale' || g.code === 'committee.gap.role_never_engaged');
    expect(stale).toHaveLength(want.stale ? 1 : 0);
  });

  it('a role is as fresh as its most recently touched holder', () => {
    const r = run(withTouches([[{ roles: ['user'] }, 120], [{ roles: ['user', 'buyer'] }, 20]]));
    expect(r.roleStaleness).toEqual([
      { role: 'buyer', lastTouch: ago(20), daysSince: 20, stale: false },
      { role: 'user', lastTouch: ago(20), daysSince: 20, stale: false },
    ]);
  });

  it('follows settings.committee.staleDays and carries its numbers', () => {
    const r = run(withTouches([[{ roles: ['influencer'] }, 40]]), ctxAt('2026-11-23', { committee: { staleDays: 30 } }));
    expect(r.roleStaleness[0].stale).toBe(true);
    expect(r.gaps).toContainEqual({
      code: 'committee.gap.role_stale',
      params: { role: 'influencer', lastTouch: ago(40), days: 40, staleDays: 30 },
    });
  });
});

describe('§4 committee — touch helpers', () => {
  it('committee members for touches: role holders, or everyone when no role is mapped', () => {
    const mapped = run(makeAccount({ contacts: [contact({ id: 'a', roles: ['buyer'] }), contact({ id: 'b' })] }));
    expect(touchMemberIds(mapped)).toEqual(['a']);
    const unmapped = run(makeAccount({ contacts: [contact({ id: 'a' }), contact({ id: 'b' }), contact({ id: 'c', left: true })] }));
    expect(touchMemberIds(unmapped)).toEqual(['a', 'b']);
  });

  it('touchesAny', () => {
    expect(touchesAny(['x', 'a'], ['a', 'b'])).toBe(true);
    expect(touchesAny(['x'], ['a'])).toBe(false);
    expect(touchesAny([], ['a'])).toBe(false);
  });
});

describe('§4 committee — messages', () => {
  it('every template exists in both languages with the same placeholders', () => {
    const en = Object.keys(messages.en).sort();
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(en);
    const names = (t: string) => [...t.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const code of en) expect(names(messages['zh-CN'][code])).toEqual(names(messages.en[code]));
  });
});
