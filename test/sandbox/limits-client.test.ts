import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';

interface ApiErr {
  code: number;
  body: { policyName?: string; message?: string; errorType?: string };
  headers: Record<string, string>;
}

describe('rate limits seen through @hubspot/api-client', () => {
  let sb: RunningSandbox;
  beforeEach(async () => {
    sb = await startSandbox({ webhooksFile: false, appMetaFile: false });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await sb.close();
  });

  it('answers 429 TEN_SECONDLY_ROLLING past the limit, per portal and app', async () => {
    sb.runtime.limiter.configure({ tenSecondlyMax: 3 });
    const client = sb.client();
    for (let i = 0; i < 3; i++) await client.crm.companies.basicApi.getPage(1);
    const err = (await client.crm.companies.basicApi.getPage(1).catch((e: unknown) => e)) as ApiErr;
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({ errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING' });
    expect(err.headers['x-hubspot-ratelimit-remaining']).toBe('0');
    // The static token is another caller (no app), with its own budget.
    await expect(
      sb.client({ accessToken: sb.sandbox.staticToken }).crm.companies.basicApi.getPage(1),
    ).resolves.toBeDefined();
    // Switched off, the same caller passes.
    sb.runtime.limiter.configure({ enabled: false });
    await expect(client.crm.companies.basicApi.getPage(1)).resolves.toBeDefined();
  });

  it('limits search to 5 per second; the api-client retry gets through', async () => {
    const search = { filterGroups: [], properties: ['name'], limit: 1, after: '0', sorts: [] };
    const noRetry = sb.client();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => noRetry.crm.companies.searchApi.doSearch(search)),
    );
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const err = rejected[0].reason as ApiErr;
    expect(err.code).toBe(429);
    expect(err.body).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    });

    // The client's own retry waits a second on this message, then succeeds.
    const withRetry = sb.client({ numberOfApiCallRetries: 2 });
    await expect(withRetry.crm.companies.searchApi.doSearch(search)).resolves.toHaveProperty(
      'results',
    );
  });

  it('answers 413 for bodies over the size limit', async () => {
    sb.runtime.limiter.configure({ maxBodyBytes: 200 });
    const client = sb.client();
    const err = (await client.crm.companies.basicApi
      .create({ properties: { name: 'x'.repeat(500) }, associations: [] })
      .catch((e: unknown) => e)) as ApiErr;
    expect(err.code).toBe(413);
  });
});
