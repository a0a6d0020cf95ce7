import { MIN, startHarness, tokenCalls, type Harness } from '../harness.js';

/**
 * Two processes (two pools on one PostgreSQL database) asking for the same
 * portal's token as it nears expiry: the row lock lets one refresh, the other
 * finds the fresh token. Runs in the PostgreSQL suite (test/postgres imports it).
 */
export function accessProcessesSuite(): void {
  describe('token refresh across processes (PostgreSQL row lock)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ kind: 'postgres' });
    }, 120_000);
    afterAll(() => h?.close());

    it('refreshes once when two processes need a new token at the same time', async () => {
      const portalId = await h.installDirect();
      const other = await h.siblingAccess();
      h.clock.advance(27 * MIN);
      h.sb.runtime.calls.reset();
      const call = async (access: typeof other) =>
        (await access.clientFor(portalId)).crm.companies.basicApi.getPage(1);
      await Promise.all([
        ...Array.from({ length: 5 }, () => call(h.access)),
        ...Array.from({ length: 5 }, () => call(other)),
      ]);
      expect(tokenCalls(h.sb)).toBe(1);
      expect(h.access.refreshes + other.refreshes).toBe(1);
      expect(await h.access.accessToken(portalId)).toBe(await other.accessToken(portalId));
    });
  });
}
