import { inspect } from 'node:util';
import { loadConfig, parseEncryptionKey } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { apiBucketFor } from '../../src/store/rate-limit.js';

const KEY = Buffer.alloc(32, 7).toString('base64');
const SECRET = 'super-secret-client-secret';

function problemsOf(env: NodeJS.ProcessEnv): { variable: string; problem: string; fix: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  test('defaults to sandbox mode on the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'sandbox',
      role: 'all',
      port: 3000,
      publicBaseUrl: 'http://localhost:3000',
      database: { kind: 'pglite' },
      hubspot: { clientId: null, clientSecret: null, baseUrl: 'http://127.0.0.1:3001' },
      sandbox: { port: 3001 },
      encryption: { current: null, previous: [] },
      logLevel: 'info',
      workerLeaseSeconds: 600,
    });
    expect(config.dataDir).toMatch(/\.kam-data$/);
    expect(config.sandbox.accessToken.reveal()).toBe('sandbox-token');
  });

  test("the portal's API limit is a setting (default 110 per 10 s) and shapes the shared bucket", () => {
    expect(loadConfig({}).hubspot.requestsPer10s).toBe(110);
    expect(loadConfig({ HUBSPOT_REQUESTS_PER_10S: '190' }).hubspot.requestsPer10s).toBe(190);
    expect(apiBucketFor(190)).toEqual({ capacity: 5, refillPer10s: 180, bucket: 'api' });
    expect(problemsOf({ HUBSPOT_REQUESTS_PER_10S: '5' })[0]).toMatchObject({
      variable: 'HUBSPOT_REQUESTS_PER_10S',
    });
  });

  test('the worker lease is configurable and bounded', () => {
    expect(loadConfig({ KAM_WORKER_LEASE_SECONDS: '20' }).workerLeaseSeconds).toBe(20);
    expect(() => loadConfig({ KAM_WORKER_LEASE_SECONDS: '1' })).toThrow(/KAM_WORKER_LEASE_SECONDS/);
  });

  test('reads a full HubSpot configuration', () => {
    const config = loadConfig({
      HUBSPOT_CLIENT_ID: 'cid',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_APP_ID: '123',
      PUBLIC_BASE_URL: 'https://kam.example.com/',
      KAM_ENCRYPTION_KEY: KEY,
      KAM_ENCRYPTION_KEY_ID: 'k2026',
      KAM_ENCRYPTION_PREVIOUS_KEYS: `k2025:${Buffer.alloc(32, 1).toString('hex')}`,
      DATABASE_URL: 'postgres://u:p@db:5432/kam',
      KAM_PROCESS_ROLE: 'worker',
      PORT: '8080',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      mode: 'hubspot',
      role: 'worker',
      port: 8080,
      publicBaseUrl: 'https://kam.example.com',
      database: { kind: 'postgres', poolSize: 10 },
      hubspot: { clientId: 'cid', appId: '123', baseUrl: 'https://api.hubapi.com' },
      logLevel: 'debug',
    });
    expect(config.hubspot.clientSecret?.reveal()).toBe(SECRET);
    expect(config.encryption.current?.keyId).toBe('k2026');
    expect(config.encryption.previous.map((k) => k.keyId)).toEqual(['k2025']);
  });

  test('never shows secrets when logged or serialised', () => {
    const config = loadConfig({
      HUBSPOT_CLIENT_ID: 'cid',
      HUBSPOT_CLIENT_SECRET: SECRET,
      PUBLIC_BASE_URL: 'https://kam.example.com',
      KAM_ENCRYPTION_KEY: KEY,
      DATABASE_URL: 'postgres://u:dbpassword@db/kam',
    });
    for (const text of [
      JSON.stringify(config),
      inspect(config, { depth: 10 }),
      `${String(config.hubspot.clientSecret)}`,
    ]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('dbpassword');
      expect(text).not.toContain(KEY);
    }
  });

  test('names every bad variable with the fix, without echoing secret values', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      HUBSPOT_CLIENT_ID: 'cid',
      LOG_LEVEL: 'loud',
      KAM_ENCRYPTION_KEY: 'not-a-key-but-secret',
      DATABASE_URL: 'mysql://x',
      KAM_ENCRYPTION_PREVIOUS_KEYS: 'k0:also-secret',
    });
    const byVar = Object.fromEntries(problems.map((p) => [p.variable, p]));
    expect(Object.keys(byVar).sort()).toEqual(
      [
        'DATABASE_URL',
        'HUBSPOT_CLIENT_SECRET',
        'KAM_ENCRYPTION_KEY',
        'KAM_ENCRYPTION_PREVIOUS_KEYS',
        'LOG_LEVEL',
        'PORT',
        'PUBLIC_BASE_URL',
      ].sort(),
    );
    expect(byVar.PORT.problem).toMatch(/whole number/);
    expect(byVar.KAM_ENCRYPTION_KEY.fix).toMatch(/randomBytes\(32\)/);
    const message = problems.map((p) => `${p.problem} ${p.fix}`).join('\n');
    expect(message).not.toContain('not-a-key-but-secret');
    expect(message).not.toContain('also-secret');
  });

  test('requires https and an encryption key with HubSpot credentials', () => {
    const problems = problemsOf({
      HUBSPOT_CLIENT_ID: 'c',
      HUBSPOT_CLIENT_SECRET: 's',
      PUBLIC_BASE_URL: 'http://kam.example.com',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual([
      'KAM_ENCRYPTION_KEY',
      'PUBLIC_BASE_URL',
    ]);
  });

  test('refuses a web/worker split on the embedded database', () => {
    const [problem] = problemsOf({ KAM_PROCESS_ROLE: 'web' });
    expect(problem).toMatchObject({
      variable: 'KAM_PROCESS_ROLE',
      fix: expect.stringMatching(/DATABASE_URL/),
    });
  });

  test('the ConfigError message lists each variable and its fix', () => {
    expect(() => loadConfig({ SANDBOX_PORT: '70000' })).toThrow(
      /SANDBOX_PORT: must be between 1 and 65535\. Fix: /,
    );
  });

  test('accepts keys as base64 or hex, 32 bytes only', () => {
    expect(parseEncryptionKey(KEY)?.length).toBe(32);
    expect(parseEncryptionKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseEncryptionKey(Buffer.alloc(16).toString('base64'))).toBeNull();
  });
});
