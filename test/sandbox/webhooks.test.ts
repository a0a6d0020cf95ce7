import { Signature } from '@hubspot/api-client';
import type { ChangeEvent } from '../../src/sandbox/portal/change-events.js';
import { FaultInjector } from '../../src/sandbox/faults/injector.js';
import { WebhookDispatcher, type WebhookTarget } from '../../src/sandbox/webhooks/dispatcher.js';
import { webhookBatchSchema, type WebhookEvent } from '../../src/sandbox/webhooks/events.js';
import {
  fromComponent,
  toSubscription,
  webhooksComponentSchema,
} from '../../src/sandbox/webhooks/subscriptions.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

const SECRET = 'test-secret';

const change = (over: Partial<ChangeEvent> = {}): ChangeEvent => ({
  portalId: 101,
  objectType: 'companies',
  objectTypeId: '0-2',
  objectId: '5001',
  kind: 'propertyChange',
  propertyName: 'kam_tier',
  propertyValue: 'strategic',
  changeSource: 'INTEGRATION',
  sourceId: 'app-7',
  occurredAt: 1_700_000_000_000,
  ...over,
});

const subs = [
  toSubscription({ subscriptionType: 'company.propertyChange', propertyName: 'kam_tier' }, 11),
  toSubscription({ subscriptionType: 'object.creation', objectType: 'task' }, 12),
  toSubscription({ subscriptionType: 'contact.associationChange' }, 13),
  toSubscription({ subscriptionType: 'company.merge' }, 14),
  toSubscription({ subscriptionType: 'contact.deletion', active: false }, 15),
];

function setup(receiver: Receiver, over: Partial<WebhookTarget> = {}, faults?: FaultInjector) {
  const target: WebhookTarget = {
    portalId: 101,
    appId: 7,
    clientSecret: SECRET,
    targetUrl: receiver.url,
    subscriptions: subs,
    maxConcurrentRequests: 4,
    legacySignatureVersion: 'v1',
    ...over,
  };
  return new WebhookDispatcher({
    targets: (portalId) => (portalId === 101 ? [target] : []),
    now: () => 1_700_000_000_000,
    faults,
    settings: { timeScale: 1_000_000, batchWindowMs: 5, timeoutMs: 2000 },
  });
}

const events = (r: Receiver): WebhookEvent[] =>
  r.received.flatMap((x) => webhookBatchSchema.parse(JSON.parse(x.body)));

describe('webhook subscriptions', () => {
  it('reads the 2026.03 component format', () => {
    const loaded = fromComponent(
      webhooksComponentSchema.parse({
        uid: 'webhooks',
        type: 'webhooks',
        config: {
          settings: { targetUrl: 'https://example.com/webhook', maxConcurrentRequests: 10 },
          subscriptions: {
            crmObjects: [
              {
                subscriptionType: 'object.propertyChange',
                objectType: 'company',
                propertyName: 'kam_tier',
                active: true,
              },
            ],
            legacyCrmObjects: [{ subscriptionType: 'contact.deletion', active: true }],
            hubEvents: [{ subscriptionType: 'contact.privacyDeletion', active: false }],
          },
        },
      }),
    );
    expect(loaded.targetUrl).toBe('https://example.com/webhook');
    expect(loaded.subscriptions.map((s, i) => toSubscription(s, i + 1))).toMatchObject([
      {
        subscriptionType: 'object.propertyChange',
        objectType: 'company',
        kind: 'propertyChange',
        generic: true,
      },
      {
        subscriptionType: 'contact.deletion',
        objectType: 'contact',
        kind: 'deletion',
        generic: false,
      },
      { subscriptionType: 'contact.privacyDeletion', kind: 'privacyDeletion', active: false },
    ]);
  });
  it('rejects unknown subscription types', () => {
    expect(() => toSubscription({ subscriptionType: 'company.explode' }, 1)).toThrow(
      'unknown webhook subscriptionType',
    );
  });
});

describe('webhook delivery', () => {
  let receiver: Receiver;
  let dispatcher: WebhookDispatcher | undefined;
  beforeEach(async () => {
    receiver = await startReceiver();
  });
  afterEach(async () => {
    dispatcher?.close();
    await receiver.close();
  });

  it('sends only subscribed changes, shaped like HubSpot, signed v1 and v3', async () => {
    dispatcher = setup(receiver);
    dispatcher.handle(change());
    dispatcher.handle(change({ propertyName: 'name', propertyValue: 'x' }));
    dispatcher.handle(
      change({
        objectType: 'tasks',
        objectTypeId: '0-27',
        objectId: '9',
        kind: 'creation',
        propertyName: undefined,
      }),
    );
    dispatcher.handle(change({ objectType: 'contacts', objectTypeId: '0-1', kind: 'deletion' }));
    await dispatcher.whenIdle();
    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    expect(events(receiver)).toEqual([
      expect.objectContaining({
        subscriptionId: 11,
        portalId: 101,
        appId: 7,
        subscriptionType: 'company.propertyChange',
        attemptNumber: 0,
        objectId: 5001,
        propertyName: 'kam_tier',
        propertyValue: 'strategic',
        changeSource: 'INTEGRATION',
        sourceId: 'app-7',
        occurredAt: 1_700_000_000_000,
      }),
      expect.objectContaining({
        subscriptionType: 'object.creation',
        objectTypeId: '0-27',
        objectId: 9,
      }),
    ]);
    expect(req.headers['x-hubspot-signature-version']).toBe('v1');
    expect(
      Signature.isValid({
        signature: String(req.headers['x-hubspot-signature']),
        clientSecret: SECRET,
        requestBody: req.body,
        signatureVersion: 'v1',
      }),
    ).toBe(true);
    expect(
      Signature.isValid({
        signature: String(req.headers['x-hubspot-signature-v3']),
        clientSecret: SECRET,
        requestBody: req.body,
        signatureVersion: 'v3',
        method: 'POST',
        url: req.url,
        timestamp: Number(req.headers['x-hubspot-request-timestamp']),
      }),
    ).toBe(true);
    expect(
      Signature.isValid({
        signature: String(req.headers['x-hubspot-signature']),
        clientSecret: 'wrong',
        requestBody: req.body,
      }),
    ).toBe(false);
  });

  it('signs v2 when the app asks for it', async () => {
    dispatcher = setup(receiver, { legacySignatureVersion: 'v2' });
    dispatcher.handle(change());
    await dispatcher.whenIdle();
    const [req] = receiver.received;
    expect(req.headers['x-hubspot-signature-version']).toBe('v2');
    expect(
      Signature.isValid({
        signature: String(req.headers['x-hubspot-signature']),
        clientSecret: SECRET,
        requestBody: req.body,
        signatureVersion: 'v2',
        method: 'POST',
        url: req.url,
      }),
    ).toBe(true);
  });

  it('maps association changes and merges', async () => {
    dispatcher = setup(receiver);
    dispatcher.handle(
      change({
        objectType: 'contacts',
        objectTypeId: '0-1',
        objectId: '1',
        kind: 'associationChange',
        propertyName: undefined,
        association: {
          fromObjectType: 'contacts',
          fromObjectId: '1',
          toObjectType: 'companies',
          toObjectId: '2',
          associationTypeId: 1,
          associationCategory: 'HUBSPOT_DEFINED',
          removed: false,
        },
      }),
    );
    dispatcher.handle(
      change({
        kind: 'merge',
        propertyName: undefined,
        primaryObjectId: '5001',
        mergedObjectIds: ['5002'],
      }),
    );
    await dispatcher.whenIdle();
    expect(events(receiver)).toEqual([
      expect.objectContaining({
        subscriptionType: 'contact.associationChange',
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: 1,
        toObjectId: 2,
        associationRemoved: false,
        isPrimaryAssociation: true,
      }),
      expect.objectContaining({
        subscriptionType: 'company.merge',
        objectId: 5001,
        primaryObjectId: 5001,
        mergedObjectIds: [5002],
      }),
    ]);
  });

  it('batches at most 100 events per POST', async () => {
    dispatcher = setup(receiver);
    for (let i = 0; i < 250; i++) dispatcher.handle(change({ objectId: String(i + 1) }));
    await dispatcher.whenIdle();
    expect(receiver.received.map((r) => (JSON.parse(r.body) as unknown[]).length).sort()).toEqual([
      100, 100, 50,
    ]);
    expect(new Set(events(receiver).map((e) => e.eventId)).size).toBe(250);
  });

  it('retries failures with a growing attemptNumber and logs each try', async () => {
    dispatcher = setup(receiver);
    receiver.failNext(500, 503);
    dispatcher.handle(change());
    await dispatcher.whenIdle();
    const attempts = events(receiver).map((e) => e.attemptNumber);
    expect(attempts).toEqual([0, 1, 2]);
    expect(new Set(events(receiver).map((e) => e.eventId)).size).toBe(1);
    expect(dispatcher.log.list().map((r) => [r.attemptNumber, r.outcome, r.httpStatus])).toEqual([
      [0, 'failed', 500],
      [1, 'failed', 503],
      [2, 'delivered', 200],
    ]);
  });

  it('gives up after maxAttempts', async () => {
    dispatcher = setup(receiver);
    dispatcher.configure({ maxAttempts: 3 });
    receiver.failNext(500, 500, 500, 500);
    dispatcher.handle(change());
    await dispatcher.whenIdle();
    expect(receiver.received).toHaveLength(3);
    expect(dispatcher.log.list().at(-1)?.outcome).toBe('gave-up');
  });

  it('retries a timed-out delivery', async () => {
    dispatcher = setup(receiver, { targetUrl: 'http://127.0.0.1:9/unreachable' });
    dispatcher.configure({ maxAttempts: 2 });
    dispatcher.handle(change());
    await dispatcher.whenIdle();
    const log = dispatcher.log.list();
    expect(log.map((r) => r.outcome)).toEqual(['failed', 'gave-up']);
    expect(log[0].error).toBeDefined();
  });

  it('drops and duplicates deliveries under webhook faults', async () => {
    const faults = new FaultInjector();
    faults.configureWebhooks({ dropRate: 1 });
    dispatcher = setup(receiver, {}, faults);
    dispatcher.handle(change());
    await dispatcher.whenIdle();
    expect(receiver.received).toHaveLength(0);
    expect(dispatcher.log.list()[0].outcome).toBe('dropped');

    faults.configureWebhooks({ duplicateRate: 1 });
    dispatcher.handle(change());
    await dispatcher.whenIdle();
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0].body).toBe(receiver.received[1].body);
  });

  it('lets later batches overtake a reordered one', async () => {
    const faults = new FaultInjector();
    dispatcher = setup(receiver, {}, faults);
    faults.configureWebhooks({ reorderRate: 1 });
    dispatcher.handle(change({ objectId: '1' }));
    dispatcher.flush();
    faults.configureWebhooks({});
    dispatcher.handle(change({ objectId: '2' }));
    await dispatcher.whenIdle();
    expect(events(receiver).map((e) => e.objectId)).toEqual([2, 1]);
  });
});
