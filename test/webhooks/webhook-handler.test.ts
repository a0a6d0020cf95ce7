import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpApp } from '../../src/server/app.js';
import { serverlessRoutes } from '../../serverless/index.js';
import { signV3 } from '../../src/sandbox/webhooks/signature.js';
import { openTestStore, type TestStore } from '../helpers/test-db.js';
import { TEST_APP_ID, TEST_BASE_URL, TEST_CLIENT_SECRET, testDeps } from '../server/test-deps.js';

// The webhook endpoint over loopback HTTP: signatures, validation, the inbox.
let store: TestStore;
let server: Server;
let url: string;

beforeAll(async () => {
  store = await openTestStore();
  const app = createHttpApp(testDeps(store.db), { routes: serverlessRoutes });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hubspot`;
}, 60_000);
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await store?.close();
});

let nextEventId = 1;
const event = (over: Record<string, unknown> = {}) => ({
  eventId: nextEventId++,
  subscriptionId: 11,
  portalId: 501,
  appId: Number(TEST_APP_ID),
  occurredAt: 1_767_225_600_000 + nextEventId,
  subscriptionType: 'object.propertyChange',
  objectTypeId: '0-3',
  attemptNumber: 0,
  objectId: 9001,
  propertyName: 'amount',
  propertyValue: '1000',
  changeSource: 'CRM_UI',
  ...over,
});

interface PostOptions {
  body?: string;
  timestamp?: number;
  secret?: string;
  signedBody?: string;
  headers?: Record<string, string>;
  omit?: string[];
}

async function post(
  events: unknown,
  o: PostOptions = {},
): Promise<{ status: number; body: unknown }> {
  const body = o.body ?? JSON.stringify(events);
  const timestamp = o.timestamp ?? Date.now();
  // HubSpot signs the public URL it called, not the loopback one we are reached on.
  const signature = signV3(
    o.secret ?? TEST_CLIENT_SECRET,
    'POST',
    `${TEST_BASE_URL}/webhooks/hubspot`,
    o.signedBody ?? body,
    timestamp,
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-hubspot-signature-v3': signature,
    'x-hubspot-request-timestamp': String(timestamp),
    ...o.headers,
  };
  for (const h of o.omit ?? []) delete headers[h];
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

async function rows(portalId: number) {
  const { rows } = await store.db.query<{
    status: string;
    object_id: string;
    property_name: string | null;
  }>(
    'SELECT status, object_id, property_name FROM webhook_inbox WHERE portal_id = $1 ORDER BY id',
    [portalId],
  );
  return rows;
}

describe('POST /webhooks/hubspot', () => {
  test('a valid v3 request is acknowledged and stored once, also when delivered again', async () => {
    const events = [event({ portalId: 601 })];
    const first = await post(events);
    expect(first).toEqual({
      status: 200,
      body: { received: 1, stored: 1, duplicates: 0, ignored: 0 },
    });
    const again = await post(events.map((e) => ({ ...e, attemptNumber: 1 })));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await rows(601)).toEqual([
      { status: 'pending', object_id: '9001', property_name: 'amount' },
    ]);
  });

  test.each([
    ['a forged signature', { secret: 'not-the-secret' }],
    ['a tampered body', { signedBody: '[]' }],
    ['a timestamp older than 5 minutes', { timestamp: Date.now() - 5 * 60_000 - 1_000 }],
    ['a timestamp far in the future', { timestamp: Date.now() + 10 * 60_000 }],
    ['no signature header', { omit: ['x-hubspot-signature-v3'] }],
    ['no timestamp header', { omit: ['x-hubspot-request-timestamp'] }],
  ])('%s → 401 and nothing stored', async (_name, options: PostOptions) => {
    const res = await post([event({ portalId: 602 })], options);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await rows(602)).toEqual([]);
  });

  test('a malformed event → 400 naming the field', async () => {
    const res = await post([
      event({ portalId: 603 }),
      { ...event({ portalId: 603 }), occurredAt: 'yesterday' },
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(res.body)).toContain('body[1].occurredAt');
    expect(await rows(603)).toEqual([]);
  });

  test('a body that is not JSON → 400', async () => {
    const res = await post(null, { body: '{not json' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('JSON array');
  });

  test('a body over 1 MB → 413 with a clear message', async () => {
    const res = await post(null, { body: JSON.stringify([{ pad: 'x'.repeat(1024 * 1024) }]) });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(JSON.stringify(res.body)).toMatch(/larger than 1048576 bytes/);
  });

  test('events caused by our own writes are stored as ignored', async () => {
    const res = await post([
      event({
        portalId: 604,
        objectTypeId: '0-2',
        objectId: 77,
        propertyName: 'name',
        changeSource: 'INTEGRATION',
        sourceId: TEST_APP_ID,
      }),
      event({
        portalId: 604,
        objectTypeId: '0-2',
        objectId: 78,
        propertyName: 'name',
        changeSource: 'INTEGRATION',
        sourceId: `app-${TEST_APP_ID}`,
      }),
      event({
        portalId: 604,
        objectTypeId: '0-2',
        objectId: 79,
        propertyName: 'name',
        changeSource: 'INTEGRATION',
        sourceId: '999',
      }),
    ]);
    expect(res.body).toMatchObject({ received: 3, stored: 1, ignored: 2 });
    expect((await rows(604)).map((r) => [r.object_id, r.status])).toEqual([
      ['79', 'pending'],
      ['77', 'ignored'],
      ['78', 'ignored'],
    ]);
  });

  test('association changes (no objectId) are stored under from:to', async () => {
    const res = await post([
      event({
        portalId: 605,
        subscriptionType: 'object.associationChange',
        objectTypeId: undefined,
        objectId: undefined,
        propertyName: undefined,
        associationType: 'CONTACT_TO_COMPANY',
        fromObjectId: 11,
        toObjectId: 22,
        associationRemoved: true,
      }),
    ]);
    expect(res.status).toBe(200);
    expect(await rows(605)).toEqual([
      { status: 'pending', object_id: '11:22', property_name: 'assoc:CONTACT_TO_COMPANY:removed' },
    ]);
  });

  test('errors never echo the signature', async () => {
    const res = await post([event({ portalId: 606 })], { secret: 'nope' });
    expect(JSON.stringify(res.body)).not.toMatch(/[A-Za-z0-9+/]{43}=/);
  });
});
