import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { Secret, type AppConfig } from '../config.js';
import { ConfigError, UpstreamError } from '../errors.js';
import { demoAppConfig } from '../sandbox/oauth/apps.js';
import { callHubSpot, type CallOptions } from './call.js';
import { RefreshTokenRevokedError } from './portal-errors.js';

/**
 * HubSpot's OAuth endpoints through the api-client: code exchange, refresh,
 * token metadata. In sandbox mode the sandbox's demo app is ours.
 *
 * The api-client keeps only HubSpot's generic error fields, dropping the
 * `status` (BAD_REFRESH_TOKEN, BAD_AUTH_CODE, …) that tells an uninstall from a
 * wrong client secret; a middleware keeps the raw error body so we can read it.
 */

export interface OAuthApp {
  clientId: string;
  clientSecret: Secret;
  /** Our HubSpot app id when known (HUBSPOT_APP_ID; the demo app in sandbox mode). */
  appId: string | null;
}

export function oauthApp(
  config: Pick<AppConfig, 'mode' | 'hubspot'>,
  env: NodeJS.ProcessEnv = process.env,
): OAuthApp {
  if (config.mode === 'sandbox') {
    const demo = demoAppConfig(env);
    return {
      clientId: demo.clientId,
      clientSecret: new Secret(demo.clientSecret),
      appId: config.hubspot.appId ?? String(demo.appId),
    };
  }
  const { clientId, clientSecret, appId } = config.hubspot;
  if (clientId === null || clientSecret === null) {
    throw new ConfigError([
      {
        variable: 'HUBSPOT_CLIENT_ID',
        problem: 'is required to install the app in HubSpot',
        fix: 'copy the client id and secret from your HubSpot app (Auth tab)',
      },
    ]);
  }
  return { clientId, clientSecret, appId };
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
}

const tokenResponse = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresIn: z.number().int().positive(),
});

const oauthErrorBody = z.object({
  status: z.string().optional(),
  error: z.string().optional(),
});
type OAuthErrorBody = z.infer<typeof oauthErrorBody>;

interface ResponseLike {
  httpStatusCode: number;
  body: { text(): Promise<string>; binary(): Promise<Buffer> };
}

/** An api-client for the OAuth endpoints that remembers the last error body it saw. */
function oauthClient(config: Pick<AppConfig, 'hubspot'>): {
  client: Client;
  lastError: () => OAuthErrorBody;
} {
  let last: OAuthErrorBody = {};
  const client = new Client({
    basePath: config.hubspot.baseUrl,
    numberOfApiCallRetries: 0,
    middleware: [
      {
        pre: (ctx: unknown) => ctx,
        post: async (ctx: unknown) => {
          const res = ctx as ResponseLike;
          if (res.httpStatusCode < 400) return ctx;
          const text = await res.body.text();
          // The body can be read once: hand the api-client a copy.
          res.body = { text: async () => text, binary: async () => Buffer.from(text) };
          try {
            const parsed = oauthErrorBody.safeParse(JSON.parse(text));
            last = parsed.success ? parsed.data : {};
          } catch {
            last = {};
          }
          return ctx;
        },
      },
    ],
  });
  return { client, lastError: () => last };
}

function tokenSetOf(raw: unknown, what: string): TokenSet {
  const parsed = tokenResponse.safeParse(raw);
  if (!parsed.success)
    throw new UpstreamError(`HubSpot's ${what} answer has no usable tokens`, 200);
  return {
    accessToken: parsed.data.accessToken,
    refreshToken: parsed.data.refreshToken,
    expiresInSeconds: parsed.data.expiresIn,
  };
}

const TOKEN_OPERATION = 'POST /oauth/v1/token';

/** Exchanges an authorization code (single use, 10 minutes) for a token pair. */
export async function exchangeCode(
  config: Pick<AppConfig, 'mode' | 'hubspot'>,
  input: { code: string; redirectUri: string },
  options: CallOptions = {},
): Promise<TokenSet> {
  const app = oauthApp(config);
  const { client } = oauthClient(config);
  const raw = await callHubSpot(
    TOKEN_OPERATION,
    () =>
      client.oauth.tokensApi.create(
        'authorization_code',
        input.code,
        input.redirectUri,
        app.clientId,
        app.clientSecret.reveal(),
      ),
    options,
  );
  return tokenSetOf(raw, 'code exchange');
}

/**
 * A new access token for a refresh token. BAD_REFRESH_TOKEN (RFC 6749
 * invalid_grant) means the app was uninstalled: RefreshTokenRevokedError.
 * Anything else (a wrong client secret, HubSpot down) is an UpstreamError and
 * must not be taken for an uninstall.
 */
export async function refreshTokens(
  config: Pick<AppConfig, 'mode' | 'hubspot'>,
  refreshToken: string,
  options: CallOptions = {},
): Promise<TokenSet> {
  const app = oauthApp(config);
  const { client, lastError } = oauthClient(config);
  try {
    const raw = await callHubSpot(
      TOKEN_OPERATION,
      () =>
        client.oauth.tokensApi.create(
          'refresh_token',
          undefined,
          undefined,
          app.clientId,
          app.clientSecret.reveal(),
          refreshToken,
        ),
      options,
    );
    return tokenSetOf(raw, 'refresh');
  } catch (error) {
    const body = lastError();
    const status = error instanceof UpstreamError ? error.upstreamStatus : null;
    if (
      status === 400 &&
      (body.status === 'BAD_REFRESH_TOKEN' ||
        (body.status === undefined && body.error === 'invalid_grant'))
    ) {
      throw new RefreshTokenRevokedError(body.status ?? null);
    }
    throw error;
  }
}

const tokenInfo = z.object({
  hubId: z.number().int().positive(),
  appId: z.number().int().optional(),
  userId: z.number().int().optional(),
  hubDomain: z.string().optional(),
  scopes: z.array(z.string()).default([]),
});
export type AccessTokenInfo = z.infer<typeof tokenInfo>;

/** GET /oauth/v1/access-tokens/{token}: which portal (hub_id) and app a token belongs to. */
export async function accessTokenInfo(
  config: Pick<AppConfig, 'hubspot'>,
  accessToken: string,
  options: CallOptions = {},
): Promise<AccessTokenInfo> {
  const { client } = oauthClient(config);
  const raw = await callHubSpot(
    'GET /oauth/v1/access-tokens/{token}',
    () => client.oauth.accessTokensApi.get(accessToken),
    options,
  );
  const parsed = tokenInfo.safeParse(raw);
  if (!parsed.success) throw new UpstreamError("HubSpot's token information has no hub id", 200);
  return parsed.data;
}
