import { enqueueWebhookEvents, type InboxEvent } from '../../../src/store/webhook-inbox.js';
import type { TestStore } from '../../helpers/test-db.js';

const event = (over: Partial<InboxEvent> = {}): InboxEvent => ({
  portalId: 301,
  subscriptionType: 'company.propertyChange',
  eventId: 1001,
  objectId: 55,
  occurredAt: 1_767_225_600_123,
  propertyName: 'industry',
  payload: { eventId: 1001, objectId: 55, propertyValue: 'TECH' },
  ...over,
});

export function inboxSuite(getStore: () => TestStore): void {
  describe('webhook inbox', () => {
    const db = () => getStore().db;
    const count = async (portalId: number) =>
      (
        await db().query<{ n: number }>(
          'SELECT count(*) AS n FROM webhook_inbox WHERE portal_id = $1',
          [portalId],
        )
      ).rows[0].n;

    test('the same event delivered twice is stored once', async () => {
      const first = await enqueueWebhookEvents(db(), [event()]);
      const again = await enqueueWebhookEvents(db(), [event({ eventId: '1001', objectId: '55' })]);
      expect(first).toMatchObject({ inserted: 1, duplicates: 0 });
      expect(again).toEqual({ inserted: 0, duplicates: 1, ids: [] });
      expect(await count(301)).toBe(1);
    });

    test('duplicates inside one batch are stored once', async () => {
      const result = await enqueueWebhookEvents(db(), [
        event({ portalId: 302 }),
        event({ portalId: 302 }),
        event({ portalId: 302 }),
      ]);
      expect(result).toMatchObject({ inserted: 1, duplicates: 2 });
    });

    test('each part of the key tells events apart', async () => {
      const base = { portalId: 303, propertyName: null };
      const result = await enqueueWebhookEvents(db(), [
        event(base),
        event({ ...base, propertyName: undefined }), // same as null
        event({ ...base, propertyName: 'name' }),
        event({ ...base, eventId: 1002 }),
        event({ ...base, objectId: 56 }),
        event({ ...base, occurredAt: 1_767_225_600_124 }),
        event({ ...base, subscriptionType: 'company.creation' }),
        event({ ...base, portalId: 304 }),
      ]);
      expect(result).toMatchObject({ inserted: 7, duplicates: 1 });
    });

    test('keeps the payload and times exactly', async () => {
      const { ids } = await enqueueWebhookEvents(db(), [event({ portalId: 305 })]);
      const { rows } = await db().query<Record<string, unknown>>(
        'SELECT occurred_at, payload, status, attempts FROM webhook_inbox WHERE id = $1',
        [ids[0]],
      );
      expect(rows[0]).toEqual({
        occurred_at: new Date(1_767_225_600_123),
        payload: { eventId: 1001, objectId: 55, propertyValue: 'TECH' },
        status: 'pending',
        attempts: 0,
      });
    });

    test('rejects an event without a portal', async () => {
      await expect(enqueueWebhookEvents(db(), [event({ portalId: 0 })])).rejects.toThrow();
    });
  });
}
