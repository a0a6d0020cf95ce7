import { SandboxClock } from '../../src/sandbox/clock.js';
import type { ChangeEvent } from '../../src/sandbox/portal/change-events.js';
import { PortalState } from '../../src/sandbox/portal/portal-state.js';

const T0 = Date.UTC(2025, 0, 1);

function portal() {
  const clock = new SandboxClock({ start: T0, frozen: true });
  const p = new PortalState({ portalId: 123 }, clock);
  const events: ChangeEvent[] = [];
  p.onChange((e) => events.push(e));
  return { p, clock, events };
}

describe('sandbox PortalState (direct API)', () => {
  it('emits creation, propertyChange, associationChange and deletion events', () => {
    const { p, clock, events } = portal();
    const c = p.createObject('companies', { name: 'Acme' }, { changeSource: 'CRM_UI' });
    expect(events.map((e) => [e.kind, e.propertyName])).toEqual([
      ['creation', undefined],
      ['propertyChange', 'name'],
    ]);
    expect(events[0]).toMatchObject({
      portalId: 123,
      objectType: 'companies',
      objectTypeId: '0-2',
      objectId: String(c.id),
      changeSource: 'CRM_UI',
      occurredAt: T0,
    });
    events.length = 0;
    clock.advance(1000);
    p.updateObject('companies', c.id, { name: 'Acme', domain: 'acme.com' });
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'propertyChange',
        propertyName: 'domain',
        propertyValue: 'acme.com',
        occurredAt: T0 + 1000,
      }),
    ]);
    events.length = 0;
    const ct = p.createObject('contacts', { email: 'a@acme.com' }, { silent: true });
    expect(events).toEqual([]);
    p.associate('contacts', ct.id, 'companies', c.id, [{ associationTypeId: 1 }]);
    const assoc = events
      .filter((e) => e.kind === 'associationChange')
      .map((e) => e.association?.associationTypeId);
    expect(assoc.sort()).toEqual([1, 279]);
    events.length = 0;
    p.archiveObject('companies', c.id);
    p.restoreObject('companies', c.id);
    expect(events.map((e) => e.kind)).toEqual(['deletion', 'restore']);
  });

  it('emits merge events naming both records', () => {
    const { p, events } = portal();
    const a = p.createObject('contacts', { email: 'a@x.com' });
    const b = p.createObject('contacts', { email: 'b@x.com', firstname: 'B' });
    events.length = 0;
    p.mergeObjects('contacts', a.id, b.id);
    const merge = events.find((e) => e.kind === 'merge');
    expect(merge).toMatchObject({ primaryObjectId: String(a.id), mergedObjectIds: [String(b.id)] });
    expect(p.getObject('contacts', a.id)?.get('firstname')).toBe('B');
    expect(p.getObject('contacts', a.id)?.get('email')).toBe('a@x.com');
  });

  it('rolls up last contacted from activities on the company and its contacts', () => {
    const { p } = portal();
    const co = p.createObject('companies', { name: 'Acme' });
    const ct = p.createObject('contacts', { email: 'a@acme.com' });
    p.associate('contacts', ct.id, 'companies', co.id);
    const t1 = Date.UTC(2025, 1, 1);
    const meeting = p.createObject('meetings', { hs_timestamp: t1, hs_meeting_title: 'Kick-off' });
    p.associate('meetings', meeting.id, 'contacts', ct.id);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(p.getObject('companies', co.id)?.get('notes_last_contacted')).toBe(iso(t1));
    expect(p.getObject('contacts', ct.id)?.get('hs_last_sales_activity_timestamp')).toBe(iso(t1));

    const t2 = Date.UTC(2025, 2, 1);
    const call = p.createObject(
      'calls',
      { hs_timestamp: t2 },
      { associations: [{ to: { id: co.id }, types: [{ associationTypeId: 182 }] }] },
    );
    expect(p.getObject('companies', co.id)?.get('notes_last_contacted')).toBe(iso(t2));

    p.updateObject('calls', call.id, { hs_timestamp: Date.UTC(2025, 0, 10) });
    expect(p.getObject('companies', co.id)?.get('notes_last_contacted')).toBe(iso(t1));
    p.archiveObject('meetings', meeting.id);
    expect(p.getObject('companies', co.id)?.get('notes_last_contacted')).toBe(
      iso(Date.UTC(2025, 0, 10)),
    );
    const note = p.createObject('notes', {
      hs_note_body: 'not a sales activity',
      hs_timestamp: Date.UTC(2025, 5, 1),
    });
    p.associate('notes', note.id, 'companies', co.id);
    expect(p.getObject('companies', co.id)?.get('notes_last_contacted')).toBe(
      iso(Date.UTC(2025, 0, 10)),
    );
  });

  it('uses the movable clock for every timestamp and honours explicit createdate', () => {
    const { p, clock } = portal();
    const a = p.createObject('deals', { dealname: 'old', createdate: '2024-06-30T12:00:00Z' });
    expect(a.createdAt).toBe(Date.parse('2024-06-30T12:00:00Z'));
    clock.advance(90 * 86_400_000);
    p.updateObject('deals', a.id, { amount: 5 });
    expect(p.getValue('deals', a, 'hs_lastmodifieddate')).toBe(
      new Date(T0 + 90 * 86_400_000).toISOString(),
    );
    clock.set(Date.UTC(2026, 0, 1));
    expect(p.createObject('deals', { dealname: 'new' }).createdAt).toBe(Date.UTC(2026, 0, 1));
  });

  it('counts objects and associations in stats()', () => {
    const { p } = portal();
    const co = p.createObject('companies', { name: 'Acme' });
    const d = p.createObject('deals', { dealname: 'x' });
    p.associate('deals', d.id, 'companies', co.id);
    p.archiveObject('deals', d.id);
    expect(p.stats()).toMatchObject({
      objects: { companies: { live: 1, archived: 0 }, deals: { live: 0, archived: 1 } },
      associations: 1,
      owners: 5,
    });
    expect(p.associatedIds('companies', co.id, 'deals')).toEqual([]);
  });
});

describe('SandboxClock', () => {
  it('moves only when told to when frozen, and keeps running otherwise', () => {
    const frozen = new SandboxClock({ start: 1000, frozen: true });
    expect(frozen.now()).toBe(1000);
    frozen.advance(500);
    expect(frozen.now()).toBe(1500);
    frozen.set(42);
    expect(frozen.now()).toBe(42);
    const running = new SandboxClock({ start: Date.UTC(2030, 0, 1) });
    expect(Math.abs(running.now() - Date.UTC(2030, 0, 1))).toBeLessThan(60_000);
    running.advance(86_400_000);
    expect(running.now()).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 2));
  });
});
