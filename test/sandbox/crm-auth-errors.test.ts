import { Client } from '@hubspot/api-client';
import express from 'express';
import { apiError, raw, startCrm, type Crm } from './crm-harness.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';

describe('sandbox auth, errors and hooks', () => {
  let crm: Crm;
  afterEach(() => crm.close());

  it('answers 401 INVALID_AUTHENTICATION for missing and unknown tokens', async () => {
    crm = await startCrm();
    const none = await fetch(`${crm.url}/crm/v3/objects/companies`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      status: 'error',
      category: 'INVALID_AUTHENTICATION',
    });
    const wrong = new Client({ accessToken: 'nope', basePath: crm.url, numberOfApiCallRetries: 0 });
    const err = await apiError(wrong.crm.companies.basicApi.getPage());
    expect(err.code).toBe(401);
    expect(err.body).toMatchObject({ category: 'INVALID_AUTHENTICATION' });
    expect(err.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 401 EXPIRED_AUTHENTICATION for expired resolver tokens', async () => {
    crm = await startCrm();
    crm.sandbox.tokens.addResolver((t) =>
      t === 'old'
        ? { portalId: crm.portal.portalId, appId: 7, expiresAt: crm.clock.now() - 7_200_000 }
        : undefined,
    );
    const res = await raw(crm, 'GET', '/crm/v3/objects/companies', undefined, 'old');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 2 hour(s) ago.',
    });
  });

  it('records the app as the change source for app tokens', async () => {
    crm = await startCrm();
    crm.sandbox.tokens.addResolver((t) =>
      t === 'app-token' ? { portalId: crm.portal.portalId, appId: 42 } : undefined,
    );
    const events: Array<{ kind: string; changeSource: string; sourceId?: string }> = [];
    crm.portal.onChange((e) => events.push(e));
    await raw(
      crm,
      'POST',
      '/crm/v3/objects/companies',
      { properties: { name: 'Via app' } },
      'app-token',
    );
    expect(events[0]).toMatchObject({
      kind: 'creation',
      changeSource: 'INTEGRATION',
      sourceId: 'app-42',
    });
  });

  it('answers unknown paths, unknown types and bad JSON in HubSpot’s shape', async () => {
    crm = await startCrm();
    const unknown = await raw(crm, 'GET', '/crm/v3/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND' });
    expect(typeof unknown.body?.correlationId).toBe('string');
    const type = await raw(crm, 'GET', '/crm/v3/objects/spaceships');
    expect(type.status).toBe(400);
    const res = await fetch(`${crm.url}/crm/v3/objects/companies`, {
      method: 'POST',
      headers: { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
  });

  it('lets other layers mount routers before auth and middleware after it', async () => {
    const sandbox = new Sandbox({ staticToken: 'sandbox-token' });
    const seen: number[] = [];
    sandbox.use({
      routers: [express.Router().get('/_sandbox/ping', (_req, res) => void res.json({ ok: true }))],
      before: [
        (_req, res, next) => {
          const auth = res.locals.auth as { portalId: number };
          seen.push(auth.portalId);
          next();
        },
      ],
    });
    const { url } = await sandbox.listen();
    crm = { sandbox, url, close: () => sandbox.close() } as unknown as Crm;
    expect(await (await fetch(`${url}/_sandbox/ping`)).json()).toEqual({ ok: true });
    await fetch(`${url}/crm/v3/objects/companies`, {
      headers: { authorization: 'Bearer sandbox-token' },
    });
    expect(seen).toEqual([sandbox.defaultPortal.portalId]);
    expect(() => sandbox.use({ before: [] })).toThrow();
  });

  it('scopes data to the token’s portal', async () => {
    crm = await startCrm();
    const other = crm.sandbox.createPortal({ portalId: 777 });
    other.createObject('companies', { name: 'Elsewhere' });
    crm.portal.createObject('companies', { name: 'Here' });
    const mine = await raw(crm, 'GET', '/crm/v3/objects/companies?properties=name');
    const theirs = await raw(
      crm,
      'GET',
      '/crm/v3/objects/companies?properties=name',
      undefined,
      'sandbox-token:777',
    );
    const names = (b: unknown) =>
      (b as { results: Array<{ properties: { name: string } }> }).results.map(
        (r) => r.properties.name,
      );
    expect(names(mine.body)).toEqual(['Here']);
    expect(names(theirs.body)).toEqual(['Elsewhere']);
  });
});
