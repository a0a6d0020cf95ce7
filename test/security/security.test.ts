import { handleUninstall } from '../../src/install/uninstall.js';
import { waitFor } from '../helpers/test-db.js';
import {
  cardCall,
  dumpHits,
  plaintextTokens,
  portalRowCounts,
  postWebhook,
  startSecurityEnv,
  type SecurityEnv,
  type WebhookPost,
} from './harness.js';

/**
 * The security suite (issue 8), against the real thing: the sandbox portal and
 * our app installed into it through OAuth, over loopback HTTP, PGlite in
 * memory. Tests run in order: the last ones delete data (privacy, uninstall).
 */

let env: SecurityEnv;
/** Every token the portal held during the run (refreshes add new ones). */
const tokens = new Set<string>();
const remember = async () => {
  for (const t of await plaintextTokens(env)) tokens.add(t);
};

beforeAll(async () => {
  env = await startSecurityEnv();
  await remember();
}, 180_000);
afterAll(async () => env?.close(), 60_000);

const db = () => env.store.db;

/** A property change the way HubSpot delivers it; objectId picks the inbox row we look for. */
function change(objectId: number, eventId = objectId) {
  return {
    eventId,
    subscriptionId: 1,
    portalId: env.portalId,
    appId: 1,
    occurredAt: env.clock.now(),
    subscriptionType: 'deal.propertyChange',
    attemptNumber: 0,
    objectId,
    propertyName: 'amount',
    propertyValue: '1',
    changeSource: 'CRM_UI',
  };
}

async function inboxRows(objectId: number): Promise<number> {
  const { rows } = await db().query<{ n: number }>(
    'SELECT count(*)::int AS n FROM webhook_inbox WHERE portal_id = $1 AND object_id = $2',
    [env.portalId, String(objectId)],
  );
  return rows[0].n;
}

describe('webhook endpoint', () => {
  test.each<[string, Omit<WebhookPost, 'body'>]>([
    ['a forged signature', { secret: 'not-our-client-secret' }],
    ['a tampered body', { signedBody: '[{"eventId":1}]' }],
    ['a timestamp older than 5 minutes', { timestamp: Date.now() - 5 * 60_000 - 1_000 }],
    ['no signature header', { omit: ['x-hubspot-signature-v3'] }],
    ['no timestamp header', { omit: ['x-hubspot-request-timestamp'] }],
  ])('%s → 401 and nothing stored', async (_name, forgery) => {
    const body = JSON.stringify([change(990_001)]);
    const res = await postWebhook(env, { body, ...forgery });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(await inboxRows(990_001)).toBe(0);
    expect(await inboxRows(990_002)).toBe(0);
  });

  test('the same event delivered again inside the window → 200 and stored once', async () => {
    const events = [change(990_010)];
    const first = await postWebhook(env, { body: JSON.stringify(events) });
    const again = await postWebhook(env, {
      body: JSON.stringify(events.map((e) => ({ ...e, attemptNumber: 1 }))),
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.json).toMatchObject({ stored: 0, duplicates: 1 });
    expect(await inboxRows(990_010)).toBe(1);
  });

  test('a malformed body → 400 with a clear message, nothing stored', async () => {
    const notJson = await postWebhook(env, { body: '[{"eventId": 1,' });
    expect(notJson.status).toBe(400);
    expect(notJson.text).toMatch(/JSON array/);
    const badField = await postWebhook(env, {
      body: JSON.stringify([{ ...change(990_020), occurredAt: 'yesterday' }]),
    });
    expect(badField.status).toBe(400);
    expect(badField.text).toContain('occurredAt');
    expect(await inboxRows(990_020)).toBe(0);
  });

  test('a body over 1 MB → 413 with a clear message', async () => {
    const res = await postWebhook(env, {
      body: JSON.stringify([{ ...change(990_030), pad: 'x'.repeat(1024 * 1024) }]),
    });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await inboxRows(990_030)).toBe(0);
  });
});

describe('OAuth', () => {
  test('a callback whose state we did not issue is rejected and stores nothing', async () => {
    const before = await db().query('SELECT portal_id FROM oauth_tokens ORDER BY portal_id');
    const res = await fetch(`${env.baseUrl}/oauth/callback?code=stolen-code&state=forged-state`, {
      redirect: 'manual',
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await res.text()).toMatch(/Install failed|not completed/);
    expect(
      (await db().query('SELECT portal_id FROM oauth_tokens ORDER BY portal_id')).rows,
    ).toEqual(before.rows);
  });

  test('a real state presented without the browser that started the install is rejected', async () => {
    const start = await fetch(`${env.baseUrl}/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location') ?? '', env.baseUrl).searchParams.get(
      'state',
    );
    expect(state).toBeTruthy();
    // No cookie: someone else's browser (login CSRF).
    const res = await fetch(
      `${env.baseUrl}/oauth/callback?code=some-code&state=${encodeURIComponent(state ?? '')}`,
      {
        redirect: 'manual',
      },
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('card API tenancy and settings', () => {
  const OTHER = 990_000_001;

  async function companyOfPortal(): Promise<string> {
    const { rows } = await db().query<{ id: string }>(
      'SELECT id FROM mirror_companies WHERE portal_id = $1 AND NOT archived ORDER BY id LIMIT 1',
      [env.portalId],
    );
    return rows[0].id;
  }

  test('a card request for a company of another portal → 404', async () => {
    const id = await companyOfPortal();
    expect((await cardCall(env, 'GET', `/cards/company/${id}`)).status).toBe(200);
    // Another installed portal asks for our portal's company.
    await db().query(
      `INSERT INTO portals (portal_id, install_state, installed_at, currency, time_zone)
       VALUES ($1, 'installed', now(), 'USD', 'UTC') ON CONFLICT DO NOTHING`,
      [OTHER],
    );
    // Before its first backfill finished, an unknown id is "not evaluated yet": still nothing of ours.
    const early = await cardCall(env, 'GET', `/cards/company/${id}`, { portalId: OTHER });
    expect([early.status, early.json]).toMatchObject([200, { status: 'not_evaluated' }]);
    expect(Object.keys(early.json as object).sort()).toEqual([
      'appObjectsAvailable',
      'reevaluationQueued',
      'status',
    ]);
    await db().query(
      `INSERT INTO sync_checkpoints (portal_id, kind, progress) VALUES ($1, 'backfill:companies', '{"finished": true}')`,
      [OTHER],
    );
    const res = await cardCall(env, 'GET', `/cards/company/${id}`, { portalId: OTHER });
    expect([res.status, res.json]).toMatchObject([404, { error: { message: expect.any(String) } }]);
  });

  test('settings values that try SQL or script injection are stored inert', async () => {
    const got = await cardCall(env, 'GET', '/settings');
    expect(got.status).toBe(200);
    const current = (
      got.json as { settings: Record<string, unknown> & { mapping: Record<string, unknown> } }
    ).settings;
    const sql = "x'); DROP TABLE portals; --";
    const script = '<script>alert(1)</script>';
    const next = {
      ...current,
      mapping: {
        ...current.mapping,
        buyingRoleFallback: { [sql]: 'buyer', [script]: 'user', DECISION_MAKER: 'decision_maker' },
      },
    };
    const saved = await cardCall(env, 'PUT', '/settings', {
      body: next,
      headers: { 'idempotency-key': 'security-suite-settings-1' },
    });
    expect([saved.status, saved.json]).toMatchObject([200, { status: 'ok' }]);
    const back = await cardCall(env, 'GET', '/settings');
    const stored = (
      back.json as { settings: { mapping: { buyingRoleFallback: Record<string, string> } } }
    ).settings;
    expect(stored.mapping.buyingRoleFallback).toEqual(next.mapping.buyingRoleFallback);
    // The tables are all still there and the portal row too.
    const { rows } = await db().query<{ n: number }>(
      'SELECT count(*)::int AS n FROM portals WHERE portal_id = $1',
      [env.portalId],
    );
    expect(rows[0].n).toBe(1);
  });
  test('a company name carrying a script is stored as text and shown escaped in the sandbox explorer', async () => {
    const script = '<script>alert("kam")</script>';
    const id = await companyOfPortal();
    const client = env.session.sandbox.client({
      accessToken: env.session.sandbox.sandbox.staticToken,
    });
    await client.crm.companies.basicApi.update(id, { properties: { name: `Acme ${script}` } });
    await waitFor(
      async () => {
        const { rows } = await db().query<{ name: string }>(
          "SELECT properties->>'name' AS name FROM mirror_companies WHERE portal_id = $1 AND id = $2",
          [env.portalId, id],
        );
        return rows[0]?.name === `Acme ${script}`;
      },
      60_000,
      200,
    );
    const page = await (
      await fetch(`${env.session.sandbox.url}/?portal=${env.portalId}&limit=1000`)
    ).text();
    expect(page).toContain('Acme &lt;script&gt;');
    expect(page).not.toContain(script);
  }, 90_000);
});

describe('secrets', () => {
  test('a change in HubSpot syncs through the whole path (the run the log scan covers)', async () => {
    const p = env.session.sandbox.runtime.portal(env.portalId);
    const deal = [...p.core.store(p.type('deals')).all()].find((d) => !d.archived);
    expect(deal).toBeDefined();
    const client = env.session.sandbox.client({
      accessToken: env.session.sandbox.sandbox.staticToken,
    });
    await client.crm.deals.basicApi.update(String(deal!.id), { properties: { amount: '424242' } });
    await waitFor(
      async () => {
        const { rows } = await db().query<{ amount: string }>(
          "SELECT properties->>'amount' AS amount FROM mirror_deals WHERE portal_id = $1 AND id = $2",
          [env.portalId, String(deal!.id)],
        );
        return rows[0]?.amount === '424242';
      },
      60_000,
      200,
    );
    await remember();
  }, 90_000);

  test('tokens are unreadable in a database dump', async () => {
    expect(tokens.size).toBeGreaterThanOrEqual(2);
    expect(await dumpHits(db(), [...tokens, env.encryptionKey])).toEqual([]);
    const { rows } = await db().query<{ n: number }>(
      'SELECT count(*)::int AS n FROM oauth_tokens WHERE portal_id = $1',
      [env.portalId],
    );
    expect(rows[0].n).toBe(1);
  }, 60_000);

  test('the logs of the install and sync contain no token or secret', () => {
    expect(env.logs.length).toBeGreaterThan(10);
    const text = env.logs.join('');
    const key = Buffer.from(env.encryptionKey, 'base64');
    const secrets = [
      ...tokens,
      env.config.hubspot.clientSecret?.reveal() ?? '',
      env.encryptionKey,
      key.toString('hex'),
      key.toString('base64url'),
    ].filter((s) => s.length >= 8);
    for (const s of secrets)
      expect({ leaked: text.includes(s), prefix: s.slice(0, 4) }).toEqual({
        leaked: false,
        prefix: s.slice(0, 4),
      });
  });
});

describe('data deletion', () => {
  test('a privacy deletion removes the contact from the mirror and from alert evidence', async () => {
    const { rows } = await db().query<{ id: string; email: string }>(
      `SELECT c.id, c.properties->>'email' AS email FROM mirror_contacts c
         JOIN assoc_contact_company a ON a.portal_id = c.portal_id AND a.contact_id = c.id
        WHERE c.portal_id = $1 AND coalesce(c.properties->>'email', '') <> '' ORDER BY c.id LIMIT 1`,
      [env.portalId],
    );
    expect(rows).toHaveLength(1);
    const { id, email } = rows[0];
    const client = env.session.sandbox.client({
      accessToken: env.session.sandbox.sandbox.staticToken,
    });
    await client.crm.contacts.basicApi.purge({ objectId: id });
    const gone = async () => {
      const found = await db().query(
        `SELECT 1 FROM mirror_contacts WHERE portal_id = $1 AND id = $2
         UNION ALL SELECT 1 FROM assoc_contact_company WHERE portal_id = $1 AND contact_id = $2`,
        [env.portalId, id],
      );
      return found.rowCount === 0;
    };
    await waitFor(gone, 60_000, 200);
    // No trace of the person anywhere in our store: mirror, evidence, evaluations.
    await waitFor(async () => (await dumpHits(db(), [email])).length === 0, 30_000, 500).catch(
      () => undefined,
    );
    expect(await dumpHits(db(), [email])).toEqual([]);
    const { rows: evidence } = await db().query(
      `SELECT 1 FROM alerts WHERE portal_id = $1 AND evidence::text LIKE '%' || $2 || '%'`,
      [env.portalId, JSON.stringify(id)],
    );
    expect(evidence).toEqual([]);
  }, 120_000);

  test('an uninstall deletes every row of the portal; other portals keep theirs', async () => {
    const before = await portalRowCounts(db(), env.portalId);
    expect(before.mirror_companies).toBeGreaterThan(0);
    expect(before.oauth_tokens).toBe(1);
    env.session.sandbox.runtime.uninstall(env.portalId);
    // What the token refresh or HubSpot's uninstall event leads to.
    await handleUninstall(env.session.app.deps, env.portalId);
    const after = await portalRowCounts(db(), env.portalId);
    const left = Object.entries(after).filter(([table, n]) => n > 0 && table !== 'portals');
    expect(left).toEqual([]);
    const { rows } = await db().query<{ install_state: string }>(
      'SELECT install_state FROM portals WHERE portal_id = $1',
      [env.portalId],
    );
    expect(rows).toEqual([{ install_state: 'uninstalled' }]);
    expect(await dumpHits(db(), [...tokens])).toEqual([]);
  }, 60_000);
});
