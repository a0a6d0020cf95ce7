import { loadConfig, type AppConfig } from '../../src/config.js';
import type { AppDeps, HubSpotAccess } from '../../src/app/deps.js';
import type { Queue } from '../../src/jobs/queue.js';
import { silentLogger } from '../../src/logger.js';
import { TokenCipher } from '../../src/store/crypto.js';
import { Secret } from '../../src/config.js';
import type { Db } from '../../src/store/db.js';

/** Config and AppDeps for unit tests of the server and jobs (no HubSpot calls). */

export const TEST_CLIENT_SECRET = 'test-client-secret';
export const TEST_APP_ID = '4242';
export const TEST_BASE_URL = 'https://kam.example.com';

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({ KAM_DATA_DIR: '/tmp/kam-test-unused', LOG_LEVEL: 'silent' });
  return {
    ...base,
    mode: 'hubspot',
    publicBaseUrl: TEST_BASE_URL,
    hubspot: {
      ...base.hubspot,
      clientId: 'test-client-id',
      clientSecret: new Secret(TEST_CLIENT_SECRET),
      appId: TEST_APP_ID,
    },
    ...overrides,
  };
}

export const noHubSpot: HubSpotAccess = {
  appId: TEST_APP_ID,
  clientFor: () => Promise.reject(new Error('this test makes no HubSpot calls')),
};

export function testDeps(
  db: Db,
  options: { queue?: Queue | null; now?: () => Date } = {},
): AppDeps {
  return {
    config: testConfig(),
    db,
    queue: options.queue ?? null,
    logger: silentLogger(),
    cipher: new TokenCipher({
      current: { keyId: 'test', key: new Secret(Buffer.alloc(32, 7)) },
      previous: [],
    }),
    hubspot: noHubSpot,
    now: options.now ?? (() => new Date()),
  };
}
