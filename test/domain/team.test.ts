import { evaluateTeam } from '../../src/domain/team.js';
import { computeFacts } from '../../src/domain/facts.js';
import type { Account, MessageRef } from '../../src/domain/snapshot.js';
import { messages } from '../../src/domain/messages/team.js';
import { ctxAt, lost, makeAccount, open, won } from './builders.js';

function run(account: Account, isKeyAccount = true) {
  const ctx = ctxAt();
  return evaluateTeam(account, computeFacts(account, ctx), ctx, isKeyAccount);
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

const fullTeam = { solutionManagerId: 's1', deliveryManagerId: 'd1', serviceManagerId: 'v1' };

describe('§9 team — phase from the deals', () => {
  const cases: [string, Partial<Account>, string, string[]][] = [
    ['no deals → winning', {}, 'winning', ['account_manager', 'solution_manager']],
    ['an open deal, no purchase yet → winning', { deals: [open()] }, 'winning', ['account_manager', 'solution_manager']],
    ['only lost deals → winning', { deals: [lost('2026-01-01')] }, 'winning', ['account_manager', 'solution_manager']],
    ['a customer with an open deal → closing', { deals: [won(1, '2025-01-01'), open()] }, 'closing', ['account_manager', 'solution_manager', 'delivery_manager']],
    ['a customer without open deals → delivery', { deals: [won(1, '2025-01-01'), lost('2026-01-01')] }, 'delivery', ['service_manager', 'delivery_manager', 'account_manager']],
  ];
  it.each(cases)('%s', (_name, overrides, phase, required) => {
    const r = run(makeAccount({ ...overrides, team: fullTeam }));
    expect(r.phase).toBe(phase);
    expect(r.required).toEqual(required);
    expect(r.missing).toEqual([]);
    expect(r.gap).toBe(false);
    expect(r.explanation).toEqual([{ code: `team.phase.${phase}`, params: expect.any(Object) }]);
    expectCatalogued(r.explanation[0]);
  });
});

describe('§9 team — members and gaps', () => {
  it('the owner is the account manager; every role is listed', () => {
    const r = run(makeAccount({ ownerId: 'o1', team: { solutionManagerId: 's1' } }));
    expect(r.members).toEqual([
      { role: 'account_manager', userId: 'o1' },
      { role: 'solution_manager', userId: 's1' },
      { role: 'delivery_manager', userId: null },
      { role: 'service_manager', userId: null },
    ]);
  });

  const cases: [string, Parameters<typeof makeAccount>[0], boolean, string[], boolean][] = [
    ['key account without an owner while winning', { ownerId: null, team: { solutionManagerId: 's1' } }, true, ['account_manager'], true],
    ['key customer missing service and delivery', { deals: [won(1, '2025-01-01')], team: { solutionManagerId: 's1' } }, true, ['service_manager', 'delivery_manager'], true],
    ['not a key account: missing roles but no gap', { deals: [won(1, '2025-01-01')] }, false, ['service_manager', 'delivery_manager'], false],
    ['a role outside the phase is not needed', { team: { solutionManagerId: 's1' } }, true, [], false],
    ['closing without a delivery manager', { deals: [won(1, '2025-01-01'), open()], team: { solutionManagerId: 's1', serviceManagerId: 'v1' } }, true, ['delivery_manager'], true],
  ];
  it.each(cases)('%s', (_name, overrides, isKey, missing, gap) => {
    const r = run(makeAccount(overrides), isKey);
    expect(r.missing).toEqual(missing);
    expect(r.gap).toBe(gap);
    const roleRefs = r.explanation.slice(1);
    expect(roleRefs).toEqual(missing.map((role) => ({ code: gap ? 'team.gap.role' : 'team.missing.role', params: { role } })));
    for (const ref of r.explanation) expectCatalogued(ref);
  });
});

describe('§9 team — messages', () => {
  it('every template exists in both languages with the same placeholders', () => {
    const en = Object.keys(messages.en).sort();
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(en);
    const names = (t: string) => [...t.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const code of en) expect(names(messages['zh-CN'][code])).toEqual(names(messages.en[code]));
  });
});
