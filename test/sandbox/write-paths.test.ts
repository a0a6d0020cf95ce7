import fc from 'fast-check';
import { AppRegistry } from '../../src/sandbox/oauth/apps.js';
import { InstallRegistry } from '../../src/sandbox/oauth/installs.js';
import type { ChangeEvent, ChangeKind } from '../../src/sandbox/portal/change-events.js';
import { normalizeValue } from '../../src/sandbox/portal/property-validation.js';
import type { PropertyDef } from '../../src/sandbox/portal/property-types.js';
import { CrmRecord, intern } from '../../src/sandbox/portal/record.js';
import { applyValues, type ValueChanges } from '../../src/sandbox/portal/record-writes.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { anySubscribed, subscriptionMatches } from '../../src/sandbox/webhooks/events.js';
import { toSubscription, type Subscription } from '../../src/sandbox/webhooks/subscriptions.js';
import { WebhookTargets } from '../../src/sandbox/webhooks/targets.js';

/** The short cuts of the write path give what the plain ones gave. */

const KINDS: ChangeKind[] = ['creation', 'deletion', 'propertyChange', 'merge', 'restore'];

describe('sandbox write paths', () => {
  it('a record keeps any time it is given', () => {
    const times = fc.oneof(
      fc.integer({ min: -1e15, max: 1e15 }),
      fc.double({ noDefaultInfinity: false, noNaN: false }).filter((x) => !Object.is(x, -0)),
      fc.constantFrom(0, 1, 2 ** 20 - 1, 2 ** 20, 2 ** 53 - 1, -(2 ** 53), 1.5, NaN, Infinity),
    );
    fc.assert(
      fc.property(times, times, (created, updated) => {
        const r = new CrmRecord(1001, created);
        expect(r.createdAt).toBe(created);
        expect(r.updatedAt).toBe(created);
        r.updatedAt = updated;
        expect(r.updatedAt).toBe(updated);
        expect(r.createdAt).toBe(created);
      }),
    );
  });

  it('applyValues writes what setting each changed value in turn writes', () => {
    const portal = new Sandbox().defaultPortal;
    const type = portal.type('companies');
    const names = ['name', 'industry', 'description', 'city'];
    const stored = fc
      .uniqueArray(fc.constantFrom(...names))
      .chain((keys) =>
        fc.tuple(
          fc.constant(keys),
          fc.array(fc.constantFrom('a', 'b'), { minLength: keys.length, maxLength: keys.length }),
        ),
      );
    const writes = fc.array(
      fc.tuple(fc.constantFrom(...names), fc.constantFrom<string | null>('a', 'b', 'c', null)),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(stored, writes, ([keys, vals], values: ValueChanges) => {
        const r = portal.createObject('companies', {});
        r.props = keys.flatMap((k, i) => [intern(k), vals[i]]);
        const plain = new CrmRecord(0, 0);
        plain.props = r.props.slice();
        const expected = values.filter(([n, v]) => (plain.get(n) ?? null) !== v);
        for (const [n, v] of expected) plain.set(n, v);
        expect(applyValues(portal.core, type, r, values, {})).toEqual(expected);
        expect(r.props).toEqual(plain.props);
      }),
    );
  });

  it('numbers are stored as the text of their value', () => {
    const def = { name: 'n', type: 'number', options: [] } as unknown as PropertyDef;
    const text = fc.oneof(
      fc.integer({ min: -5, max: 2000 }).map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.constantFrom(' 7 ', '07', '7.0', '1e3', '-0', '0x10', '1023', '1024', '12.50'),
    );
    fc.assert(
      fc.property(text, (v) => {
        const n = normalizeValue(def, v);
        expect(n).toEqual({ ok: true, value: String(Number(v.trim())) });
      }),
    );
  });

  it('anySubscribed agrees with subscriptionMatches', () => {
    const names = ['name', 'kam_tier', 'amount'];
    const sub = fc.record({
      kind: fc.constantFrom(...KINDS),
      type: fc.constantFrom('company', 'contact', 'deal', 'p_widget'),
      generic: fc.boolean(),
      propertyName: fc.constantFrom(...names),
      active: fc.boolean(),
    });
    const subs = fc.array(sub, { maxLength: 6 }).map((list) =>
      list.map((s, i): Subscription =>
        toSubscription(
          {
            subscriptionType: `${s.generic ? 'object' : s.type}.${s.kind}`,
            objectType: s.type,
            propertyName: s.propertyName,
            active: s.active,
          },
          i + 1,
        ),
      ),
    );
    const change = fc.record({
      kind: fc.constantFrom(...KINDS),
      type: fc.constantFrom(
        ['companies', '0-2'],
        ['contacts', '0-1'],
        ['deals', '0-3'],
        ['2-99', '2-99'],
      ),
      propertyName: fc.option(fc.constantFrom(...names), { nil: undefined }),
    });
    fc.assert(
      fc.property(subs, change, (list, c) => {
        const e: ChangeEvent = {
          portalId: 1,
          objectType: c.type[0],
          objectTypeId: c.type[1],
          objectId: '1001',
          kind: c.kind,
          propertyName: c.propertyName,
          changeSource: 'API',
          occurredAt: 0,
        };
        expect(anySubscribed(list, c.kind, c.type[0], c.type[1], c.propertyName)).toBe(
          list.some((s) => subscriptionMatches(s, e)),
        );
      }),
    );
  });

  it('webhook targets follow installs and app changes', () => {
    const apps = new AppRegistry();
    const installs = new InstallRegistry(() => 0);
    const targets = new WebhookTargets(apps, installs, () => []);
    const app = { appId: 7, clientId: 'c7', clientSecret: 's', scopes: [] };
    apps.register(app);
    expect(targets.forPortal(1)).toEqual([]);
    installs.install(1, 7, [], 1);
    expect(targets.forPortal(1)).toEqual([]);
    apps.update(7, { webhookUrl: 'http://127.0.0.1:9/hook' });
    expect(targets.forPortal(1).map((t) => t.targetUrl)).toEqual(['http://127.0.0.1:9/hook']);
    expect(targets.forPortal(1)).toBe(targets.forPortal(1));
    apps.update(7, {
      subscriptions: [{ subscriptionType: 'company.propertyChange', propertyName: 'name' }],
    });
    expect(targets.forPortal(1)[0].subscriptions.map((s) => s.propertyName)).toEqual(['name']);
    installs.uninstall(1, 7);
    expect(targets.forPortal(1)).toEqual([]);
  });
});
