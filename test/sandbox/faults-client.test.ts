import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

interface ApiErr {
  code: number;
}

describe('fault injection seen through @hubspot/api-client', () => {
  let sb: RunningSandbox;
  beforeEach(async () => {
    sb = await startSandbox({ webhooksFile: false, appMetaFile: false });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await sb.close();
  });

  it('injects 5xx for the next N calls; the api-client retries through them', async () => {
    sb.runtime.faults.add({
      path: '/crm/v3/objects/companies',
      method: 'GET',
      action: { kind: 'status', status: 503 },
      times: 2,
    });
    await expect(
      sb.client({ numberOfApiCallRetries: 3 }).crm.companies.basicApi.getPage(1),
    ).resolves.toHaveProperty('results');
    const calls = sb.runtime.calls.recent({ portalId: sb.sandbox.defaultPortalId });
    expect(calls.map((c) => [c.path, c.status])).toEqual([
      ['/crm/v3/objects/companies', 503],
      ['/crm/v3/objects/companies', 503],
      ['/crm/v3/objects/companies', 200],
    ]);
  });

  it('fails without retries, only on the matching portal', async () => {
    const other = sb.runtime.createPortal({ installDemoApp: true });
    sb.runtime.faults.add({
      path: '/crm/**',
      portalId: other.portal.portalId,
      action: { kind: 'status', status: 500 },
    });
    const err = (await sb
      .client({ accessToken: other.install?.accessToken })
      .crm.companies.basicApi.getPage(1)
      .catch((e: unknown) => e)) as ApiErr;
    expect(err.code).toBe(500);
    await expect(sb.client().crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
  });

  it('hangs on a timeout fault until the client gives up', async () => {
    sb.runtime.faults.add({ path: '/crm/v3/objects/companies', action: { kind: 'timeout' } });
    const token = sb.runtime.demoInstall?.accessToken ?? '';
    await expect(
      fetch(`${sb.url}/crm/v3/objects/companies`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(sb.runtime.faultMiddleware.hangingCount).toBeLessThanOrEqual(1);
  });
});
