import { verifyCardRequest, type IncomingCardRequest } from '../../src/card-api/verify.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { UnauthorizedError } from '../../src/errors.js';
import { signV3 } from '../../src/sandbox/webhooks/signature.js';
import { signatureUri } from '../../src/webhooks/signature.js';

// Who is calling: only what HubSpot signed counts (pure checks, no server).

const SECRET = 'card-secret';
const BASE = 'https://kam.example.com';
const NOW = Date.parse('2026-03-02T15:00:00Z');

const hubspotConfig = (): AppConfig =>
  loadConfig({
    HUBSPOT_CLIENT_ID: 'id',
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_APP_ID: '42',
    PUBLIC_BASE_URL: BASE,
    KAM_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    LOG_LEVEL: 'silent',
  });
const sandboxConfig = (): AppConfig => loadConfig({ LOG_LEVEL: 'silent' });

const QUERY = 'userId=7&userEmail=rep%40example.com&appId=42&portalId=501';

function request(
  o: {
    path?: string;
    body?: string;
    signedBody?: string;
    signedUrl?: string;
    timestamp?: number;
    secret?: string;
    sign?: boolean;
    remote?: string;
    headers?: Record<string, string>;
  } = {},
): IncomingCardRequest {
  const path = o.path ?? `/cards/company/1001?${QUERY}`;
  const body = o.body ?? '';
  const ts = o.timestamp ?? NOW;
  const headers: Record<string, string> = { ...o.headers };
  if (o.sign !== false) {
    headers['x-hubspot-signature-v3'] = signV3(
      o.secret ?? SECRET,
      'GET',
      signatureUri(o.signedUrl ?? `${BASE}${path}`),
      o.signedBody ?? body,
      ts,
    );
    headers['x-hubspot-request-timestamp'] = String(ts);
  }
  return {
    method: 'GET',
    originalUrl: path,
    headers,
    rawBody: body,
    remoteAddress: o.remote ?? '10.0.0.5',
  };
}

const rejects = (config: AppConfig, req: IncomingCardRequest, message: RegExp) => {
  let error: unknown;
  try {
    verifyCardRequest(config, req, NOW);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UnauthorizedError);
  expect((error as Error).message).toMatch(message);
};

describe('signed requests', () => {
  test('a valid signature gives the portal and user HubSpot appended', () => {
    expect(verifyCardRequest(hubspotConfig(), request(), NOW)).toEqual({
      portalId: 501,
      userId: '7',
      userEmail: 'rep@example.com',
      appId: '42',
      via: 'signature',
    });
  });

  test('a signature made with another secret is rejected', () => {
    rejects(hubspotConfig(), request({ secret: 'forged' }), /Invalid request signature/);
  });

  test('a changed portal in the URL breaks the signature', () => {
    const req = request({ signedUrl: `${BASE}/cards/company/1001?${QUERY.replace('501', '502')}` });
    rejects(hubspotConfig(), req, /Invalid request signature/);
  });

  test('a body other than the signed one is rejected', () => {
    rejects(
      hubspotConfig(),
      request({ body: '{"a":2}', signedBody: '{"a":1}' }),
      /Invalid request signature/,
    );
  });

  test('a timestamp older (or newer) than five minutes is rejected', () => {
    rejects(hubspotConfig(), request({ timestamp: NOW - 5 * 60_000 - 1 }), /5 minutes/);
    rejects(hubspotConfig(), request({ timestamp: NOW + 5 * 60_000 + 1 }), /5 minutes/);
    expect(
      verifyCardRequest(hubspotConfig(), request({ timestamp: NOW - 4 * 60_000 }), NOW).portalId,
    ).toBe(501);
  });

  test('missing signature headers are rejected, even from loopback', () => {
    rejects(hubspotConfig(), request({ sign: false }), /Missing X-HubSpot-Signature-v3/);
    rejects(hubspotConfig(), request({ sign: false, remote: '127.0.0.1' }), /Missing/);
  });

  test('a portalId the UI added besides HubSpot\u2019s is ambiguous and rejected', () => {
    const path = `/cards/company/1001?portalId=999&${QUERY}`;
    rejects(hubspotConfig(), request({ path }), /portalId more than once/);
  });

  test('a signed request without a portal is rejected', () => {
    rejects(hubspotConfig(), request({ path: '/cards/company/1001?userId=7' }), /portalId/);
  });

  test('a request signed for another app id is rejected', () => {
    const path = `/cards/company/1001?${QUERY.replace('appId=42', 'appId=43')}`;
    rejects(hubspotConfig(), request({ path }), /another app/);
  });
});

describe('sandbox mode (npm start)', () => {
  test('an unsigned request from loopback names its portal in the query', () => {
    const caller = verifyCardRequest(
      sandboxConfig(),
      request({ sign: false, remote: '127.0.0.1' }),
      NOW,
    );
    expect(caller).toMatchObject({ portalId: 501, via: 'sandbox-loopback' });
    expect(
      verifyCardRequest(sandboxConfig(), request({ sign: false, remote: '::1' }), NOW).portalId,
    ).toBe(501);
  });

  test('not from another host, nor through a proxy on this host', () => {
    rejects(
      sandboxConfig(),
      request({ sign: false, remote: '192.168.1.9' }),
      /HUBSPOT_CLIENT_SECRET/,
    );
    const proxied = request({
      sign: false,
      remote: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    rejects(sandboxConfig(), proxied, /HUBSPOT_CLIENT_SECRET/);
  });

  test('HubSpot mode never takes the bypass', () => {
    rejects(hubspotConfig(), request({ sign: false, remote: '127.0.0.1' }), /Missing/);
  });
});
