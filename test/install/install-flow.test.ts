import { createOAuthHandlers, type HttpResponseLike } from '../../serverless/oauth.js';
import { kamProperties } from '../../src/hubspot/data-model.js';
import { PROVISIONED_TYPES } from '../../src/hubspot/provisioning.js';
import { loadTokens } from '../../src/hubspot/tokens.js';
import { appScopes, handleUninstall } from '../../src/install/index.js';
import { getSettings } from '../../src/sync/settings-store.js';
import { MIN, startHarness, type Harness } from '../hubspot/harness.js';

let h: Harness;
let handlers: ReturnType<typeof createOAuthHandlers>;

beforeAll(async () => {
  // A portal outside UTC: the install reads its zone and currency from account-info.
  h = await startHarness({
    queue: true,
    sandbox: { defaultPortal: { timeZone: 'Asia/Shanghai', currency: 'CNY' } },
  });
  handlers = createOAuthHandlers(h.deps);
}, 120_000);
afterAll(() => h?.close(), 30_000);

interface Started {
  authorize: URL;
  cookie: string;
}

async function startInstall(): Promise<Started> {
  const res = await handlers.install({ query: {}, headers: {} });
  expect(res.status).toBe(302);
  return {
    authorize: new URL(res.headers.Location),
    cookie: res.headers['Set-Cookie'].split(';')[0],
  };
}

/** The browser at HubSpot's consent screen: the sandbox grants and redirects back. */
async function consent(authorize: URL): Promise<URL> {
  const res = await fetch(authorize, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function callback(back: URL, cookie: string | null): Promise<HttpResponseLike> {
  return handlers.callback({
    query: Object.fromEntries(back.searchParams),
    headers: cookie === null ? {} : { cookie: `other=1; ${cookie}` },
  });
}

async function install(): Promise<HttpResponseLike> {
  const { authorize, cookie } = await startInstall();
  return callback(await consent(authorize), cookie);
}

const backfillJobs = async () =>
  (
    await h.store.db.query<{ data: { portalId: number } }>(
      `SELECT data FROM pgboss.job WHERE name = 'backfill' ORDER BY created_on`,
    )
  ).rows.map((r) => r.data);

describe('install through the OAuth flow', () => {
  const portalId = 20000001;

  it('authorizes with the app scopes, stores tokens encrypted, provisions and queues the backfill', async () => {
    const { authorize, cookie } = await startInstall();
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${h.sb.url}/oauth/authorize`);
    const scopes = appScopes();
    expect(authorize.searchParams.get('scope')).toBe(scopes.required.join(' '));
    expect(authorize.searchParams.get('optional_scope')).toBe(scopes.optional.join(' '));
    expect(authorize.searchParams.get('redirect_uri')).toBe('http://localhost:3999/oauth/callback');
    expect(cookie).toMatch(/^kam_oauth_state=[\w-]+$/);

    const back = await consent(authorize);
    expect(`${back.origin}${back.pathname}`).toBe('http://localhost:3999/oauth/callback');
    const done = await callback(back, cookie);
    expect(done.status).toBe(200);
    expect(done.body).toContain('installed');
    expect(done.headers['Set-Cookie']).toContain('Max-Age=0');

    const portal = await h.store.db.query(
      'SELECT install_state, scopes, time_zone, currency, provisioning_version FROM portals WHERE portal_id = $1',
      [portalId],
    );
    expect(portal.rows[0]).toMatchObject({
      install_state: 'installed',
      time_zone: 'Asia/Shanghai',
      currency: 'CNY',
      provisioning_version: 1,
    });
    // Settings (and so every local date the engine counts) follow the portal's zone.
    expect((await getSettings(h.store.db, portalId)).timeZone).toBe('Asia/Shanghai');
    expect(portal.rows[0].scopes).toEqual([...scopes.required, ...scopes.optional]);

    const tokens = await loadTokens(h.store.db, h.deps.cipher, portalId);
    if (!tokens) throw new Error('no tokens stored');
    const raw = await h.store.db.query<Record<string, unknown>>(
      'SELECT * FROM oauth_tokens WHERE portal_id = $1',
      [portalId],
    );
    const rawText = JSON.stringify(raw.rows[0]);
    expect(rawText).not.toContain(tokens.accessToken);
    expect(rawText).not.toContain(tokens.refreshToken);
    expect(tokens.expiresAt.getTime()).toBe(h.clock.now() + 30 * MIN);

    const sandboxPortal = h.sb.sandbox.getPortal(portalId);
    for (const type of PROVISIONED_TYPES)
      for (const def of kamProperties[type])
        expect(sandboxPortal?.properties.get(type, def.name)?.type).toBe(def.type);

    expect(await backfillJobs()).toEqual([{ portalId }]);
    // The stored token works through our access layer.
    const client = await h.access.clientFor(portalId);
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toHaveProperty('results');
  });

  it('installs again after an uninstall', async () => {
    await handleUninstall(h.deps, portalId);
    await expect(h.access.clientFor(portalId)).rejects.toThrow(/does not have KAM/);
    h.counter.total = 0;
    h.counter.byOperation.clear();
    const done = await install();
    expect(done.status).toBe(200);
    const row = await h.store.db.query(
      'SELECT install_state, uninstalled_at FROM portals WHERE portal_id = $1',
      [portalId],
    );
    expect(row.rows[0]).toEqual({ install_state: 'installed', uninstalled_at: null });
    // The data model was already there: provisioning only read it.
    expect(
      [...h.counter.byOperation.keys()].some((op) =>
        op.startsWith('POST /crm/v3/properties/companies/batch/create'),
      ),
    ).toBe(false);
    const client = await h.access.clientFor(portalId);
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toHaveProperty('results');
  });
});

describe('the state check', () => {
  const refused = (res: HttpResponseLike) => {
    expect(res.status).toBe(403);
    expect(res.body).toContain('start the install again');
  };

  it('refuses a state issued to another browser', async () => {
    const mine = await startInstall();
    const theirs = await startInstall();
    refused(await callback(await consent(theirs.authorize), mine.cookie));
  });

  it('refuses a callback without the cookie', async () => {
    const { authorize } = await startInstall();
    refused(await callback(await consent(authorize), null));
  });

  it('refuses a forged or altered state', async () => {
    const { authorize, cookie } = await startInstall();
    const back = await consent(authorize);
    const [payload, signature] = (back.searchParams.get('state') ?? '').split('.');
    const altered = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        e: Date.now() * 2,
      }),
    ).toString('base64url');
    back.searchParams.set('state', `${altered}.${signature}`);
    refused(await callback(back, cookie));
    back.searchParams.set('state', 'made-up');
    refused(await callback(back, cookie));
  });

  it('refuses a state used before, and an expired one', async () => {
    const { authorize, cookie } = await startInstall();
    const back = await consent(authorize);
    expect((await callback(back, cookie)).status).toBe(200);
    refused(await callback(back, cookie));

    const late = await startInstall();
    const lateBack = await consent(late.authorize);
    h.clock.advance(11 * MIN);
    const res = await callback(lateBack, late.cookie);
    refused(res);
    expect(res.body).toContain('expired');
  });

  it('says so when the user declines at HubSpot', async () => {
    const res = await handlers.callback({
      query: { error: 'access_denied', error_description: 'The user declined' },
      headers: {},
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain('The user declined');
  });
});
