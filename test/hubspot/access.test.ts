import { UpstreamError } from '../../src/errors.js';
import { callHubSpot } from '../../src/hubspot/call.js';
import { PortalNotInstalledError } from '../../src/hubspot/portal-errors.js';
import { loadTokens, saveTokens } from '../../src/hubspot/tokens.js';
import { MIN, startHarness, tokenCalls, type Harness } from './harness.js';

let h: Harness;
let portalId: number;

beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.close());

beforeEach(async () => {
  portalId = await h.installDirect();
  h.sb.runtime.calls.reset();
});

const companies = async () =>
  (await h.access.clientFor(portalId)).crm.companies.basicApi.getPage(1);
/** As our modules call: retried, one more try after a 401. */
const viaCall = async () => {
  const client = await h.access.clientFor(portalId);
  return callHubSpot('GET /crm/v3/objects/companies', () =>
    client.crm.companies.basicApi.getPage(1),
  );
};

describe('HubSpot access: tokens from the store, refreshed before expiry', () => {
  it('uses the stored token, then refreshes it once less than five minutes remain', async () => {
    const before = h.access.refreshes;
    await companies();
    expect(h.access.refreshes).toBe(before);

    h.clock.advance(26 * MIN); // 4 minutes left of 30: still valid, but inside the margin
    const stored = await loadTokens(h.store.db, h.deps.cipher, portalId);
    await companies();
    expect(h.access.refreshes).toBe(before + 1);
    expect(tokenCalls(h.sb)).toBe(1);
    const after = await loadTokens(h.store.db, h.deps.cipher, portalId);
    expect(after?.accessToken).not.toBe(stored?.accessToken);
    expect(after?.expiresAt.getTime()).toBe(h.clock.now() + 30 * MIN);

    // Past the old token's expiry the client keeps working with the new one.
    h.clock.advance(10 * MIN);
    await expect(companies()).resolves.toHaveProperty('results');
    expect(tokenCalls(h.sb)).toBe(1);
  });

  it('refreshes once for many concurrent callers', async () => {
    h.clock.advance(27 * MIN);
    const before = h.access.refreshes;
    const results = await Promise.all(Array.from({ length: 12 }, () => companies()));
    expect(results).toHaveLength(12);
    expect(h.access.refreshes).toBe(before + 1);
    expect(tokenCalls(h.sb)).toBe(1);
  });

  it('refreshes once when HubSpot rejects the token (a storm of 401s), then works', async () => {
    const stored = await loadTokens(h.store.db, h.deps.cipher, portalId);
    if (!stored) throw new Error('no tokens');
    // A token HubSpot does not know, stored as if valid for another 20 minutes.
    await saveTokens(
      h.store.db,
      h.deps.cipher,
      portalId,
      {
        ...stored,
        accessToken: 'revoked-elsewhere',
        expiresAt: new Date(h.clock.now() + 20 * MIN),
      },
      h.deps.now(),
    );
    h.access.forget(portalId);
    const pages = await Promise.all(Array.from({ length: 8 }, () => viaCall()));
    expect(pages).toHaveLength(8);
    expect(tokenCalls(h.sb)).toBe(1);
  });

  it('does not refresh again when the token got after a 401 is refused too', async () => {
    const stored = await loadTokens(h.store.db, h.deps.cipher, portalId);
    if (!stored) throw new Error('no tokens');
    await saveTokens(
      h.store.db,
      h.deps.cipher,
      portalId,
      { ...stored, accessToken: 'refused', expiresAt: new Date(h.clock.now() + 20 * MIN) },
      h.deps.now(),
    );
    h.access.forget(portalId);
    await viaCall(); // 401, one refresh, then fine
    expect(tokenCalls(h.sb)).toBe(1);
    // The new token stops working as well (the install went away): no second refresh.
    h.sb.runtime.uninstall(portalId);
    const err = await viaCall().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect((err as UpstreamError).upstreamStatus).toBe(401);
    expect(tokenCalls(h.sb)).toBe(1);
  });

  it('takes BAD_REFRESH_TOKEN after an uninstall as the uninstall: the portal is purged', async () => {
    await h.store.db.query(
      `INSERT INTO mirror_companies (portal_id, id, properties) VALUES ($1, '1', '{}')`,
      [portalId],
    );
    await companies();
    h.sb.runtime.uninstall(portalId);
    const failures = await Promise.allSettled(Array.from({ length: 6 }, () => viaCall()));
    for (const f of failures) {
      expect(f.status).toBe('rejected');
      if (f.status === 'rejected') expect(f.reason).toBeInstanceOf(PortalNotInstalledError);
    }
    // One refresh attempt for the whole storm.
    expect(tokenCalls(h.sb)).toBe(1);
    const portal = await h.store.db.query<{ install_state: string }>(
      'SELECT install_state FROM portals WHERE portal_id = $1',
      [portalId],
    );
    expect(portal.rows[0].install_state).toBe('uninstalled');
    const left = await h.store.db.query(
      `SELECT (SELECT count(*) FROM oauth_tokens WHERE portal_id = $1)::int AS tokens,
              (SELECT count(*) FROM mirror_companies WHERE portal_id = $1)::int AS companies`,
      [portalId],
    );
    expect(left.rows[0]).toEqual({ tokens: 0, companies: 0 });
    await expect(h.access.clientFor(portalId)).rejects.toBeInstanceOf(PortalNotInstalledError);
  });

  it('does not take a refused client secret for an uninstall', async () => {
    h.clock.advance(28 * MIN);
    const previous = process.env.SANDBOX_CLIENT_SECRET;
    process.env.SANDBOX_CLIENT_SECRET = 'not-the-secret';
    try {
      const err = await companies().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UpstreamError);
      expect((err as UpstreamError).upstreamStatus).toBe(400);
    } finally {
      if (previous === undefined) delete process.env.SANDBOX_CLIENT_SECRET;
      else process.env.SANDBOX_CLIENT_SECRET = previous;
    }
    const portal = await h.store.db.query<{ install_state: string }>(
      'SELECT install_state FROM portals WHERE portal_id = $1',
      [portalId],
    );
    expect(portal.rows[0].install_state).toBe('installed');
    await expect(companies()).resolves.toHaveProperty('results');
  });

  it('answers PortalNotInstalledError for a portal it never saw', async () => {
    await expect(h.access.clientFor(987654)).rejects.toBeInstanceOf(PortalNotInstalledError);
  });
});
