import { Client } from '@hubspot/api-client';
import { SandboxClock } from '../../src/sandbox/clock.js';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';

const REDIRECT = 'http://localhost:3000/oauth/callback';
const MIN = 60_000;

interface ApiErr {
  code: number;
  body: unknown;
}
const failure = async (p: Promise<unknown>): Promise<ApiErr> => {
  try {
    await p;
  } catch (err) {
    return err as ApiErr;
  }
  throw new Error('expected the call to fail');
};

describe('sandbox OAuth through @hubspot/api-client', () => {
  let sb: RunningSandbox;
  let clock: SandboxClock;
  let oauth: Client['oauth'];

  beforeEach(async () => {
    clock = new SandboxClock({ start: Date.parse('2026-03-02T09:00:00Z'), frozen: true });
    sb = await startSandbox({
      clock,
      webhooksFile: false,
      appMetaFile: false,
      installDemoApp: false,
    });
    oauth = new Client({ basePath: sb.url }).oauth;
  });
  afterEach(() => sb.close());

  async function authorize(
    scope = 'oauth crm.objects.companies.read',
    state = 'st-1',
  ): Promise<URL> {
    const q = new URLSearchParams({
      client_id: DEFAULT_CLIENT_ID,
      redirect_uri: REDIRECT,
      scope,
      state,
    });
    const res = await fetch(`${sb.url}/oauth/authorize?${q}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  it('grants at once, exchanges the code, and the token works until it expires; refresh works', async () => {
    const back = await authorize();
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code') ?? '';

    const tokens = await oauth.tokensApi.create(
      'authorization_code',
      code,
      REDIRECT,
      DEFAULT_CLIENT_ID,
      DEFAULT_CLIENT_SECRET,
    );
    expect(tokens.expiresIn).toBe(1800);
    expect(tokens.tokenType).toBe('bearer');

    const info = await oauth.accessTokensApi.get(tokens.accessToken);
    expect(info).toMatchObject({
      hubId: sb.sandbox.defaultPortalId,
      appId: 1_000_001,
      scopes: ['oauth', 'crm.objects.companies.read'],
    });
    expect(info.expiresIn).toBe(1800);

    const api = new Client({ basePath: sb.url, accessToken: tokens.accessToken });
    await expect(api.crm.companies.basicApi.getPage(5)).resolves.toHaveProperty('results');

    // A code is single-use.
    const reused = await failure(
      oauth.tokensApi.create(
        'authorization_code',
        code,
        REDIRECT,
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
      ),
    );
    expect(reused.code).toBe(400);

    clock.advance(31 * MIN);
    const expired = await failure(api.crm.companies.basicApi.getPage(5));
    expect(expired.code).toBe(401);
    expect(JSON.stringify(expired.body)).toContain('expired');

    const refreshed = await oauth.tokensApi.create(
      'refresh_token',
      undefined,
      undefined,
      DEFAULT_CLIENT_ID,
      DEFAULT_CLIENT_SECRET,
      tokens.refreshToken,
    );
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    const api2 = new Client({ basePath: sb.url, accessToken: refreshed.accessToken });
    await expect(api2.crm.companies.basicApi.getPage(5)).resolves.toHaveProperty('results');

    const refreshInfo = await oauth.refreshTokensApi.get(tokens.refreshToken);
    expect(refreshInfo).toMatchObject({
      hubId: sb.sandbox.defaultPortalId,
      clientId: DEFAULT_CLIENT_ID,
      token: tokens.refreshToken,
    });
  });

  it('answers HubSpot-style errors for bad client, secret, refresh token and grant type', async () => {
    const badSecret = await fetch(`${sb.url}/oauth/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        client_secret: 'nope',
        refresh_token: 'x',
      }),
    });
    expect(badSecret.status).toBe(400);
    expect(await badSecret.json()).toMatchObject({
      status: 'BAD_CLIENT_SECRET',
      error: 'invalid_client',
    });

    const badRefresh = await fetch(`${sb.url}/oauth/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        client_secret: DEFAULT_CLIENT_SECRET,
        refresh_token: 'na1-unknown',
      }),
    });
    expect(await badRefresh.json()).toMatchObject({
      status: 'BAD_REFRESH_TOKEN',
      message: 'missing or invalid refresh token',
      error: 'invalid_grant',
    });

    const badClient = await failure(
      oauth.tokensApi.create('authorization_code', 'x', REDIRECT, 'who', 'what'),
    );
    expect(badClient.code).toBe(400);

    const badGrant = await fetch(`${sb.url}/oauth/v3/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: DEFAULT_CLIENT_ID,
        client_secret: DEFAULT_CLIENT_SECRET,
      }),
    });
    expect(await badGrant.json()).toMatchObject({
      status: 'BAD_GRANT_TYPE',
      error: 'unsupported_grant_type',
    });

    const q = new URLSearchParams({ client_id: 'unknown', redirect_uri: REDIRECT, scope: 'oauth' });
    const page = await fetch(`${sb.url}/oauth/authorize?${q}`, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('BAD_CLIENT_ID');
  });

  it('serves the v3 token, introspect and revoke endpoints (form body)', async () => {
    const code = (await authorize()).searchParams.get('code') ?? '';
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${sb.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams({
          client_id: DEFAULT_CLIENT_ID,
          client_secret: DEFAULT_CLIENT_SECRET,
          ...form,
        }),
      });
    const tokenRes = await post('/oauth/v3/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
    });
    expect(tokenRes.status).toBe(200);
    const tokens = (await tokenRes.json()) as {
      access_token: string;
      refresh_token: string;
      expires_in: number;
      hub_id: number;
    };
    expect(tokens).toMatchObject({ expires_in: 1800, hub_id: sb.sandbox.defaultPortalId });

    const active = await (
      await post('/oauth/v3/token/introspect', { token: tokens.access_token })
    ).json();
    expect(active).toMatchObject({
      active: true,
      token_use: 'access_token',
      hub_id: sb.sandbox.defaultPortalId,
    });
    const refreshActive = await (
      await post('/oauth/v3/token/introspect', { token: tokens.refresh_token })
    ).json();
    expect(refreshActive).toMatchObject({ active: true, token_use: 'refresh_token' });

    expect((await post('/oauth/v3/token/revoke', { token: tokens.refresh_token })).status).toBe(
      200,
    );
    expect(
      await (await post('/oauth/v3/token/introspect', { token: tokens.refresh_token })).json(),
    ).toEqual({ active: false });
    const refresh = await post('/oauth/v3/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token,
    });
    expect(await refresh.json()).toMatchObject({ status: 'BAD_REFRESH_TOKEN' });
  });

  it('uninstall revokes the tokens: refresh then fails with BAD_REFRESH_TOKEN', async () => {
    const installed = sb.runtime.install(sb.sandbox.defaultPortalId ?? 0);
    const events: string[] = [];
    sb.runtime.installs.onEvent((e) => events.push(e.type));
    const api = new Client({ basePath: sb.url, accessToken: installed.accessToken });
    await api.crm.companies.basicApi.getPage(1);

    // The app uninstalls itself with its own token, as HubSpot's appinstalls API allows.
    const res = await fetch(`${sb.url}/appinstalls/v3/external-install`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${installed.accessToken}` },
    });
    expect(res.status).toBe(204);
    expect(events).toEqual(['app.uninstall']);
    expect((await failure(api.crm.companies.basicApi.getPage(1))).code).toBe(401);
    const refresh = await failure(
      oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        DEFAULT_CLIENT_ID,
        DEFAULT_CLIENT_SECRET,
        installed.refreshToken,
      ),
    );
    expect(refresh.code).toBe(400);
    expect((await failure(oauth.refreshTokensApi.get(installed.refreshToken))).code).toBe(404);
  });

  it('keeps portals apart: a token acts on its own portal only', async () => {
    const other = sb.runtime.createPortal({ installDemoApp: true });
    const first = sb.runtime.install(sb.sandbox.defaultPortalId ?? 0);
    sb.runtime
      .portal(other.portal.portalId)
      .createObject('companies', { name: 'Only in the other portal' });
    const mine = new Client({ basePath: sb.url, accessToken: first.accessToken });
    const theirs = new Client({ basePath: sb.url, accessToken: other.install?.accessToken ?? '' });
    expect((await mine.crm.companies.basicApi.getPage(10)).results).toHaveLength(0);
    expect(
      (await theirs.crm.companies.basicApi.getPage(10)).results.map((c) => c.properties.name),
    ).toEqual(['Only in the other portal']);
    const info = await oauth.accessTokensApi.get(other.install?.accessToken ?? '');
    expect(info.hubId).toBe(other.portal.portalId);
  });
});
