import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Authorization codes, access tokens and refresh tokens. Access tokens live
 * 30 minutes on the sandbox clock; refresh tokens live until revoked (by
 * DELETE, revoke or uninstall). Codes are single-use and short-lived.
 */
export const ACCESS_TOKEN_TTL_MS = 30 * 60 * 1000;
export const AUTH_CODE_TTL_MS = 10 * 60 * 1000;

export interface Grant {
  portalId: number;
  appId: number;
  clientId: string;
  scopes: string[];
  userId: number;
}

export interface AuthCode extends Grant {
  code: string;
  redirectUri: string;
  expiresAt: number;
}

export interface AccessToken extends Grant {
  token: string;
  expiresAt: number;
  refreshToken?: string;
}

export interface RefreshToken extends Grant {
  token: string;
}

export interface IssuedTokens {
  access: AccessToken;
  refresh: RefreshToken;
}

export class TokenStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly now: () => number,
    private readonly accessTtlMs = ACCESS_TOKEN_TTL_MS,
  ) {}

  get accessTokenTtlMs(): number {
    return this.accessTtlMs;
  }

  issueCode(grant: Grant, redirectUri: string): AuthCode {
    const code: AuthCode = {
      ...grant,
      code: randomUUID(),
      redirectUri,
      expiresAt: this.now() + AUTH_CODE_TTL_MS,
    };
    this.codes.set(code.code, code);
    return code;
  }

  /** Takes a code out (single use); undefined when unknown, used or expired. */
  consumeCode(code: string): AuthCode | undefined {
    const found = this.codes.get(code);
    if (!found) return undefined;
    this.codes.delete(code);
    return found.expiresAt > this.now() ? found : undefined;
  }

  /** New access + refresh token pair for a fresh grant. */
  issue(grant: Grant): IssuedTokens {
    const refresh: RefreshToken = { ...grant, token: `na1-${randomUUID()}` };
    this.refresh.set(refresh.token, refresh);
    return { access: this.issueAccess(refresh), refresh };
  }

  /** A new access token from a live refresh token (HubSpot keeps the refresh token). */
  issueAccess(refresh: RefreshToken): AccessToken {
    const access: AccessToken = {
      portalId: refresh.portalId,
      appId: refresh.appId,
      clientId: refresh.clientId,
      scopes: refresh.scopes,
      userId: refresh.userId,
      token: `sbx-${refresh.portalId}-${randomBytes(24).toString('base64url')}`,
      expiresAt: this.now() + this.accessTtlMs,
      refreshToken: refresh.token,
    };
    this.access.set(access.token, access);
    return access;
  }

  getAccess(token: string): AccessToken | undefined {
    return this.access.get(token);
  }

  getRefresh(token: string): RefreshToken | undefined {
    return this.refresh.get(token);
  }

  deleteRefresh(token: string): boolean {
    return this.refresh.delete(token);
  }

  deleteAccess(token: string): boolean {
    return this.access.delete(token);
  }

  /** Revokes every code and token of an app in a portal (uninstall). */
  revokeApp(portalId: number, appId: number): number {
    let count = 0;
    for (const map of [this.codes, this.access, this.refresh] as Array<Map<string, Grant>>) {
      for (const [key, value] of map) {
        if (value.portalId === portalId && value.appId === appId) {
          map.delete(key);
          count++;
        }
      }
    }
    return count;
  }

  /** Forgets everything of a portal (portal reset). */
  dropPortal(portalId: number): void {
    for (const map of [this.codes, this.access, this.refresh] as Array<Map<string, Grant>>) {
      for (const [key, value] of map) if (value.portalId === portalId) map.delete(key);
    }
  }

  /** Drops access tokens expired for more than a day, so long runs do not grow without bound. */
  sweep(): void {
    const cutoff = this.now() - 24 * 3600 * 1000;
    for (const [key, value] of this.access) if (value.expiresAt < cutoff) this.access.delete(key);
  }
}
