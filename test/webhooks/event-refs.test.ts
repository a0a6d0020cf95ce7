import { webhookEventSchema } from '../../src/webhooks/event-schema.js';
import { mapEvents } from '../../src/webhooks/event-refs.js';
import { isOwnWrite } from '../../src/webhooks/own-writes.js';

let id = 1;
const ev = (over: Record<string, unknown>) =>
  webhookEventSchema.parse({
    eventId: id++,
    portalId: 1,
    occurredAt: 1000 + id,
    subscriptionType: 'object.propertyChange',
    ...over,
  });

describe('webhook events → object refs', () => {
  test('property changes, creations and restores name the object; classic and generic types', () => {
    const m = mapEvents([
      ev({ objectTypeId: '0-3', objectId: 5, propertyName: 'amount' }),
      ev({ subscriptionType: 'contact.propertyChange', objectId: 6, propertyName: 'kam_stance' }),
      ev({ subscriptionType: 'object.creation', objectTypeId: '0-47', objectId: 7 }),
      ev({ subscriptionType: 'company.restore', objectId: 8 }),
    ]);
    expect(m.refs).toEqual([
      { objectType: 'deals', objectId: '5' },
      { objectType: 'contacts', objectId: '6' },
      { objectType: 'meetings', objectId: '7' },
      { objectType: 'companies', objectId: '8' },
    ]);
  });

  test('a burst to one object is one ref; the latest event decides deleted or not', () => {
    const m = mapEvents([
      ev({ objectTypeId: '0-1', objectId: 9, occurredAt: 3 }),
      ev({ subscriptionType: 'object.deletion', objectTypeId: '0-1', objectId: 9, occurredAt: 2 }),
      ev({ objectTypeId: '0-1', objectId: 9, occurredAt: 1 }),
      ev({ subscriptionType: 'object.deletion', objectTypeId: '0-3', objectId: 10, occurredAt: 4 }),
    ]);
    expect(m.refs).toEqual([
      { objectType: 'contacts', objectId: '9' },
      { objectType: 'deals', objectId: '10', deleted: true },
    ]);
  });

  test('merges re-read the survivor and drop the merged ids', () => {
    const m = mapEvents([
      ev({
        subscriptionType: 'object.merge',
        objectTypeId: '0-2',
        objectId: 20,
        primaryObjectId: 20,
        mergedObjectIds: [21],
        newObjectId: 20,
      }),
    ]);
    expect(m.refs).toEqual([
      { objectType: 'companies', objectId: '20' },
      { objectType: 'companies', objectId: '21', deleted: true },
    ]);
  });

  test('association changes reach both ends; privacy deletions and task changes are reported', () => {
    const m = mapEvents([
      ev({
        subscriptionType: 'object.associationChange',
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
        fromObjectId: 30,
        toObjectId: 31,
        associationRemoved: true,
      }),
      ev({
        subscriptionType: 'contact.associationChange',
        associationType: 'DEAL_TO_COMPANY',
        fromObjectId: 32,
        toObjectId: 31,
      }),
      ev({ subscriptionType: 'contact.privacyDeletion', objectId: 33 }),
      ev({
        objectTypeId: '0-27',
        objectId: 34,
        propertyName: 'hs_task_status',
        propertyValue: 'COMPLETED',
      }),
      ev({ objectTypeId: '0-5', objectId: 35 }),
    ]);
    const byKey = (r: { objectType: string; objectId: string }) => `${r.objectType}:${r.objectId}`;
    expect([...m.refs].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual([
      { objectType: 'companies', objectId: '31' },
      { objectType: 'contacts', objectId: '30' },
      { objectType: 'contacts', objectId: '33', deleted: true },
      { objectType: 'deals', objectId: '32' },
    ]);
    expect(m.privacyDeletedContacts).toEqual(['33']);
    expect(m.tasks).toEqual([
      expect.objectContaining({
        taskId: '34',
        propertyName: 'hs_task_status',
        propertyValue: 'COMPLETED',
      }),
    ]);
    expect(m.unmapped).toBe(1);
  });

  test('own writes: INTEGRATION with our app id (plain or app-<id>) only', () => {
    const own = (over: Record<string, unknown>) => isOwnWrite(ev({ objectId: 1, ...over }), '77');
    expect(own({ changeSource: 'INTEGRATION', sourceId: '77' })).toBe(true);
    expect(own({ changeSource: 'INTEGRATION', sourceId: 'app-77' })).toBe(true);
    expect(own({ changeSource: 'INTEGRATION', sourceId: '78' })).toBe(false);
    expect(own({ changeSource: 'CRM_UI', sourceId: '77' })).toBe(false);
    expect(own({ changeSource: 'CRM_UI' })).toBe(false);
  });
});
