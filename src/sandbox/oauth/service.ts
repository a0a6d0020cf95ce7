import { z } from 'zod';
import type { TokenInfo } from '../auth.js';
import type { AppConfig, AppRegistry } from './apps.js';
import type { InstallRegistry } from './installs.js';
import {
  OAuthError,
  badAuthCode,
  badClientId,
  badClientSecret,
  badGrantType,
  badRedirectUri,
  badRefreshToken,
} from './oauth-errors.js';
import type { AccessToken, IssuedTokens, RefreshToken, TokenStore } from './token-store.js';

/** Form fields of POST /oauth/v1/token and /oauth/v3/token. */
export const tokenRequestSchema = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  refresh_token: z.string().optional(),
});
export type TokenRequest = z.infer<typeof tokenRequestSchema>;

export const authorizeRequestSchema = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  scope: z.string().default(''),
  optional_scope: z.string().default(''),
  state: z.string().optional(),
  /** Sandbox extension: which portal installs (HubSpot asks the user). */
  portalId: z.coerce.number().int().optional(),
});
export type AuthorizeRequest = z.infer<typeof authorizeRequestSchema>;

/** Snake-case body the api-client's TokenResponseIF maps. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'bearer';
  hub_id?: number;
  user_id?: number;
  scopes?: string[];
}

export interface OAuthServiceOptions {
  apps: AppRegistry;
  installs: InstallRegistry;
  tokens: TokenStore;
  now: () => number;
  portalExists: (portalId: number) => boolean;
  defaultPortalId: () => number | undefined;
  /** The HubSpot user who "clicks install". */
  userId?: number;
}

const splitScopes = (s: string): string[] => s.split(/[\s,+]+/).filter(Boolean);

export class OAuthService {
  constructor(private readonly o: OAuthServiceOptions) {}

  /** The consent screen that always says yes: records the install and returns the redirect. */
  authorize(req: AuthorizeRequest): string {
    const app = this.o.apps.byClientId(req.client_id);
    if (!app) throw badClientId();
    if (app.redirectUris.length > 0 && !app.redirectUris.includes(req.redirect_uri))
      throw badRedirectUri();
    const portalId = req.portalId ?? this.o.defaultPortalId();
    if (portalId === undefined || !this.o.portalExists(portalId)) {
      throw new OAuthError(
        'BAD_PORTAL',
        `unknown portal ${portalId ?? '(none)'}`,
        'invalid_request',
      );
    }
    const requested = splitScopes(req.scope);
    const optional = splitScopes(req.optional_scope);
    const allowed = app.scopes;
    const missing = allowed.length > 0 ? requested.filter((s) => !allowed.includes(s)) : [];
    if (missing.length > 0) {
      throw new OAuthError(
        'BAD_SCOPE',
        `scopes not configured for the app: ${missing.join(' ')}`,
        'invalid_scope',
      );
    }
    const granted = [
      ...requested,
      ...optional.filter((s) => allowed.length === 0 || allowed.includes(s)),
    ];
    const userId = this.o.userId ?? 1;
    this.o.installs.install(portalId, app.appId, granted, userId);
    const code = this.o.tokens.issueCode(
      { portalId, appId: app.appId, clientId: app.clientId, scopes: granted, userId },
      req.redirect_uri,
    );
    const target = new URL(req.redirect_uri);
    target.searchParams.set('code', code.code);
    if (req.state !== undefined) target.searchParams.set('state', req.state);
    return target.toString();
  }

  /** Both token endpoints: authorization_code and refresh_token grants. */
  token(form: TokenRequest, version: 'v1' | 'v3'): TokenResponse {
    const app = this.client(form);
    if (form.grant_type === 'authorization_code') {
      const code = form.code ? this.o.tokens.consumeCode(form.code) : undefined;
      if (!code || code.clientId !== app.clientId) throw badAuthCode();
      if (form.redirect_uri !== code.redirectUri) throw badRedirectUri();
      if (!this.o.installs.get(code.portalId, code.appId)) throw badAuthCode();
      return this.response(this.o.tokens.issue(code), version);
    }
    if (form.grant_type === 'refresh_token') {
      const refresh = form.refresh_token ? this.o.tokens.getRefresh(form.refresh_token) : undefined;
      if (!refresh || refresh.clientId !== app.clientId) throw badRefreshToken();
      if (!this.o.installs.get(refresh.portalId, refresh.appId)) throw badRefreshToken();
      return this.response({ access: this.o.tokens.issueAccess(refresh), refresh }, version);
    }
    throw badGrantType(form.grant_type);
  }

  /** For the sandbox's token registry: live OAuth tokens of installed apps. */
  readonly resolve = (token: string): TokenInfo | undefined => {
    const access = this.o.tokens.getAccess(token);
    if (!access || !this.o.installs.get(access.portalId, access.appId)) return undefined;
    return {
      portalId: access.portalId,
      appId: access.appId,
      expiresAt: access.expiresAt,
      scopes: access.scopes,
    };
  };

  /** Installs without the browser round trip (admin API, tests) and returns a token pair. */
  install(portalId: number, appId: number, scopes?: string[]): IssuedTokens {
    const app = this.o.apps.get(appId);
    if (!app) throw new Error(`unknown app ${appId}`);
    if (!this.o.portalExists(portalId)) throw new Error(`unknown portal ${portalId}`);
    const userId = this.o.userId ?? 1;
    const install = this.o.installs.install(portalId, appId, scopes ?? app.scopes, userId);
    return this.o.tokens.issue({
      portalId,
      appId,
      clientId: app.clientId,
      scopes: install.scopes,
      userId,
    });
  }

  /** Uninstall: the app's tokens stop working and its refresh tokens fail with BAD_REFRESH_TOKEN. */
  uninstall(portalId: number, appId: number): boolean {
    this.o.tokens.revokeApp(portalId, appId);
    return this.o.installs.uninstall(portalId, appId);
  }

  /** GET /oauth/v1/access-tokens/{token}. */
  accessTokenInfo(token: string): Record<string, unknown> | undefined {
    const access = this.liveAccess(token);
    if (!access) return undefined;
    return {
      token: access.token,
      ...this.identity(access),
      app_id: access.appId,
      expires_in: Math.max(0, Math.floor((access.expiresAt - this.o.now()) / 1000)),
      token_type: 'access',
    };
  }

  /** GET /oauth/v1/refresh-tokens/{token}. */
  refreshTokenInfo(token: string): Record<string, unknown> | undefined {
    const refresh = this.liveRefresh(token);
    if (!refresh) return undefined;
    return {
      token: refresh.token,
      ...this.identity(refresh),
      client_id: refresh.clientId,
      token_type: 'refresh',
    };
  }

  /** POST /oauth/v3/token/introspect (client-authenticated). */
  introspect(form: {
    token?: string;
    client_id?: string;
    client_secret?: string;
  }): Record<string, unknown> {
    const app = this.client(form);
    const token = form.token ?? '';
    const access = this.liveAccess(token);
    if (access && access.appId === app.appId) {
      return {
        active: true,
        token_use: 'access_token',
        client_id: app.clientId,
        ...this.accessTokenInfo(token),
      };
    }
    const refresh = this.liveRefresh(token);
    if (refresh && refresh.appId === app.appId) {
      return {
        active: true,
        token_use: 'refresh_token',
        app_id: app.appId,
        ...this.refreshTokenInfo(token),
      };
    }
    return { active: false };
  }

  /** POST /oauth/v3/token/revoke: forgets the token (RFC 7009: unknown tokens are fine too). */
  revoke(form: { token?: string; client_id?: string; client_secret?: string }): void {
    const app = this.client(form);
    const token = form.token ?? '';
    const refresh = this.o.tokens.getRefresh(token);
    if (refresh && refresh.appId === app.appId) this.o.tokens.deleteRefresh(token);
    const access = this.o.tokens.getAccess(token);
    if (access && access.appId === app.appId) this.o.tokens.deleteAccess(token);
  }

  /** DELETE /oauth/v1/refresh-tokens/{token}. */
  deleteRefreshToken(token: string): boolean {
    return this.o.tokens.deleteRefresh(token);
  }

  private client(form: { client_id?: string; client_secret?: string }): AppConfig {
    const app = form.client_id ? this.o.apps.byClientId(form.client_id) : undefined;
    if (!app) throw badClientId();
    if (form.client_secret !== app.clientSecret) throw badClientSecret();
    return app;
  }

  private liveAccess(token: string): AccessToken | undefined {
    const access = this.o.tokens.getAccess(token);
    if (!access || access.expiresAt <= this.o.now()) return undefined;
    return this.o.installs.get(access.portalId, access.appId) ? access : undefined;
  }

  private liveRefresh(token: string): RefreshToken | undefined {
    const refresh = this.o.tokens.getRefresh(token);
    if (!refresh) return undefined;
    return this.o.installs.get(refresh.portalId, refresh.appId) ? refresh : undefined;
  }

  private identity(grant: { portalId: number; userId: number; scopes: string[] }) {
    return {
      user: `user${grant.userId}@sandbox.kam.invalid`,
      hub_domain: `sandbox-${grant.portalId}.hubspot.invalid`,
      scopes: grant.scopes,
      hub_id: grant.portalId,
      user_id: grant.userId,
    };
  }

  private response(issued: IssuedTokens, version: 'v1' | 'v3'): TokenResponse {
    const base: TokenResponse = {
      access_token: issued.access.token,
      refresh_token: issued.refresh.token,
      expires_in: Math.round(this.o.tokens.accessTokenTtlMs / 1000),
      token_type: 'bearer',
    };
    if (version === 'v1') return base;
    return {
      ...base,
      hub_id: issued.access.portalId,
      user_id: issued.access.userId,
      scopes: issued.access.scopes,
    };
  }
}
