import { Signature } from '@hubspot/api-client';
import type { Request, Response } from 'express';
import { loopbackOnly } from '../../src/sandbox/admin/loopback.js';
import {
  DEMO_APP_ID,
  DEFAULT_CLIENT_SECRET,
  startSandbox,
  webhookBatchSchema,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { startReceiver, type Receiver } from './webhooks-receiver.js';

type Json = Record<string, unknown>;

describe('sandbox admin API', () => {
  let sb: RunningSandbox;
  let receiver: Receiver;
  const admin = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> => {
    const res = await fetch(`${sb.url}/_sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Json };
  };

  beforeEach(async () => {
    receiver = await startReceiver();
    sb = await startSandbox({
      webhooksFile: false,
      appMetaFile: false,
      demoApp: {
        subscriptions: [
          {
            subscriptionType: 'object.propertyChange',
            objectType: 'company',
            propertyName: 'kam_tier',
          },
        ],
      },
      delivery: { timeScale: 1_000_000, batchWindowMs: 5 },
      seed: { source: 'fixture' },
    });
  });
  afterEach(async () => {
    await sb.close();
    await receiver.close();
  });

  it('creates, seeds and lists portals; moves the clock', async () => {
    const created = await admin('POST', '/portals', {
      seed: { source: 'fixture' },
      installDemoApp: true,
    });
    expect(created.status).toBe(201);
    const portalId = Number(created.json.portalId);
    expect(created.json.staticToken).toBe(`sandbox-token:${portalId}`);
    const summary = await admin('GET', '');
    expect((summary.json.portals as Json[]).map((p) => p.portalId)).toEqual([
      sb.sandbox.defaultPortalId,
      portalId,
    ]);

    const before = sb.runtime.now();
    const moved = await admin('POST', '/clock', { advanceMs: 86_400_000 });
    expect(Number(moved.json.now) - before).toBeGreaterThanOrEqual(86_400_000);
    expect((await admin('POST', '/portals/999/seed', {})).status).toBe(404);
    expect((await admin('POST', '/portals', { portalId: 'x' })).status).toBe(400);
  });

  it('installs with a webhook URL; app writes come back as signed webhooks naming the app', async () => {
    const portalId = sb.sandbox.defaultPortalId ?? 0;
    const installed = await admin('POST', `/portals/${portalId}/install`, {
      webhookUrl: receiver.url,
    });
    const client = sb.client({ accessToken: String(installed.json.accessToken) });
    const page = await client.crm.companies.basicApi.getPage(1);
    sb.runtime
      .portal()
      .properties.createGroup('companies', {
        name: 'kam',
        label: 'KAM',
        displayOrder: 0,
        archived: false,
      });
    sb.runtime.portal().properties.create('companies', {
      name: 'kam_tier',
      label: 'Tier',
      type: 'string',
      fieldType: 'text',
      groupName: 'kam',
      description: '',
      options: [],
      displayOrder: 0,
      hidden: false,
      hasUniqueValue: false,
      formField: false,
      calculated: false,
      externalOptions: false,
      hubspotDefined: false,
      readOnlyValue: false,
      createdAt: 0,
      updatedAt: 0,
      archived: false,
    });
    await client.crm.companies.basicApi.update(page.results[0].id, {
      properties: { kam_tier: 'strategic' },
    });
    await sb.runtime.webhooks.whenIdle();

    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    const [event] = webhookBatchSchema.parse(JSON.parse(req.body));
    expect(event).toMatchObject({
      portalId,
      appId: DEMO_APP_ID,
      subscriptionType: 'object.propertyChange',
      objectTypeId: '0-2',
      propertyName: 'kam_tier',
      propertyValue: 'strategic',
      changeSource: 'INTEGRATION',
      sourceId: `app-${DEMO_APP_ID}`,
      objectId: Number(page.results[0].id),
    });
    expect(
      Signature.isValid({
        signatureVersion: 'v3',
        signature: String(req.headers['x-hubspot-signature-v3']),
        clientSecret: DEFAULT_CLIENT_SECRET,
        requestBody: req.body,
        method: 'POST',
        url: req.url,
        timestamp: Number(req.headers['x-hubspot-request-timestamp']),
      }),
    ).toBe(true);

    const log = await admin('GET', `/webhooks/deliveries?portalId=${portalId}`);
    expect((log.json.deliveries as Json[]).map((d) => d.outcome)).toEqual(['delivered']);
    const calls = await admin('GET', `/calls?portalId=${portalId}&appId=${DEMO_APP_ID}`);
    expect(calls.json.counts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'GET /crm/v3/objects/:objectType', count: 1 }),
        expect.objectContaining({
          operation: 'PATCH /crm/v3/objects/:objectType/:objectId',
          count: 1,
        }),
      ]),
    );
  });

  it('controls faults, rate limits and search lag, and resets everything', async () => {
    const client = sb.client();
    const fault = await admin('POST', '/faults', {
      path: '/crm/v3/objects/*',
      action: { kind: 'status', status: 502 },
    });
    expect(fault.status).toBe(201);
    await expect(client.crm.companies.basicApi.getPage(1)).rejects.toMatchObject({ code: 502 });
    expect((await admin('DELETE', `/faults/${String(fault.json.id)}`)).status).toBe(200);
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();

    const limits = await admin('PUT', '/rate-limits', { tenSecondlyMax: 7 });
    expect(limits.json).toMatchObject({ tenSecondlyMax: 7, searchPerSecond: 5, enabled: true });
    expect((await admin('PUT', '/rate-limits', { tenSecondlyMax: -1 })).status).toBe(400);
    expect(
      (await admin('PUT', `/portals/${sb.sandbox.defaultPortalId}/search-lag`, { ms: 1500 })).json,
    ).toEqual({ searchIndexLagMs: 1500 });
    expect((await admin('PUT', '/faults/webhooks', { dropRate: 0.5, seed: 3 })).json).toMatchObject(
      { dropRate: 0.5 },
    );

    await admin('POST', '/portals', {});
    const reset = await admin('POST', '/reset', { seed: false });
    expect(reset.status).toBe(200);
    const summary = await admin('GET', '');
    expect(summary.json.portals).toHaveLength(1);
    expect((summary.json.portals as Array<{ objects: Json }>)[0].objects).toEqual({});
    expect((await admin('GET', '/calls')).json.total).toBe(0);
    expect((await admin('GET', '/faults')).json).toMatchObject({
      rules: [],
      webhooks: { dropRate: 0 },
    });
    expect((await admin('GET', '/rate-limits')).json).toMatchObject({ tenSecondlyMax: 110 });
    // The reset re-installed the demo app with fresh tokens.
    await expect(
      sb
        .client({ accessToken: String((reset.json.demoInstall as Json).accessToken) })
        .crm.companies.basicApi.getPage(1),
    ).resolves.toBeDefined();
  });

  it('answers loopback callers only', () => {
    const res = { status: jest.fn().mockReturnThis(), json: jest.fn() };
    const next = jest.fn();
    loopbackOnly(
      { socket: { remoteAddress: '10.1.2.3' } } as unknown as Request,
      res as unknown as Response,
      next,
    );
    expect(res.status).toHaveBeenCalledWith(403);
    loopbackOnly(
      { socket: { remoteAddress: '::1' } } as unknown as Request,
      res as unknown as Response,
      next,
    );
    expect(next).toHaveBeenCalled();
  });
});

describe('seeding and the project webhooks file', () => {
  it('seeds a portal from the demo generator with the app properties in place', async () => {
    const sb = await startSandbox({ appMetaFile: false });
    try {
      const res = await fetch(`${sb.url}/_sandbox/portals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          seed: { source: 'demo', companies: 3, seed: 7 },
          installDemoApp: true,
        }),
      });
      const { portalId, install } = (await res.json()) as {
        portalId: number;
        install: { accessToken: string };
      };
      const portal = sb.runtime.portal(portalId);
      expect(portal.stats().objects.companies.live).toBe(3);
      expect(portal.properties.get('companies', 'kam_potential_rating')).toBeDefined();
      const page = await sb
        .client({ accessToken: install.accessToken })
        .crm.companies.basicApi.getPage(3, undefined, ['kam_potential_rating']);
      expect(page.results).toHaveLength(3);
      // The project's webhooks component (when present) gives the demo app its subscriptions.
      const subs = sb.runtime.targets.subscriptionsOf(sb.runtime.demoApp);
      expect(subs.every((s) => s.id > 0 && s.objectType.length > 0)).toBe(true);
    } finally {
      await sb.close();
    }
  });
});
