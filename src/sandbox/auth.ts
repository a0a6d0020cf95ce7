import type { RequestHandler } from 'express';
import { z } from 'zod';
import { errorBody } from './errors.js';

/** Who a request acts as; put on `res.locals.auth` by {@link authenticate}. */
export const authContextSchema = z.object({
  portalId: z.number().int(),
  /** Set when the token was issued to an app (OAuth); changes it makes carry `sourceId: app-<appId>`. */
  appId: z.number().int().optional(),
  token: z.string(),
  scopes: z.array(z.string()).optional(),
});
export type AuthContext = z.infer<typeof authContextSchema>;

/** What a resolver knows about a token. `expiresAt` (ms) past the clock → 401 EXPIRED_AUTHENTICATION. */
export interface TokenInfo {
  portalId: number;
  appId?: number;
  expiresAt?: number;
  scopes?: string[];
}

/** Maps a bearer token to its portal; S2 registers one for OAuth-issued tokens. */
export type TokenResolver = (token: string) => TokenInfo | undefined;

const CREDENTIALS_NOT_FOUND =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

/** HubSpot words expiry as "expired 5 hour(s) ago". */
export function expiredMessage(agoMs: number): string {
  const s = Math.max(0, Math.floor(agoMs / 1000));
  const [n, unit] =
    s < 60
      ? [s, 'second']
      : s < 3600
        ? [Math.floor(s / 60), 'minute']
        : s < 86400
          ? [Math.floor(s / 3600), 'hour']
          : [Math.floor(s / 86400), 'day'];
  return `The OAuth token used to make this call expired ${n} ${unit}(s) ago.`;
}

export class TokenRegistry {
  private readonly resolvers: TokenResolver[] = [];

  /** Later resolvers are asked first, so a test can shadow the static token. */
  addResolver(resolver: TokenResolver): () => void {
    this.resolvers.unshift(resolver);
    return () => {
      const i = this.resolvers.indexOf(resolver);
      if (i >= 0) this.resolvers.splice(i, 1);
    };
  }

  resolve(token: string): TokenInfo | undefined {
    for (const r of this.resolvers) {
      const info = r(token);
      if (info) return info;
    }
    return undefined;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1].trim() : undefined;
}

/** Express middleware: 401 in HubSpot's shape unless the bearer token resolves and is live. */
export function authenticate(registry: TokenRegistry, now: () => number): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req.header('authorization'));
    const info = token ? registry.resolve(token) : undefined;
    if (!token || !info) {
      res
        .status(401)
        .json(errorBody(CREDENTIALS_NOT_FOUND, { category: 'INVALID_AUTHENTICATION' }));
      return;
    }
    const t = now();
    if (info.expiresAt !== undefined && info.expiresAt <= t) {
      res.status(401).json(
        errorBody(expiredMessage(t - info.expiresAt), {
          category: 'EXPIRED_AUTHENTICATION',
          context: { 'expire time': [new Date(info.expiresAt).toISOString()] },
        }),
      );
      return;
    }
    const auth: AuthContext = {
      portalId: info.portalId,
      appId: info.appId,
      token,
      scopes: info.scopes,
    };
    res.locals.auth = auth;
    next();
  };
}

/**
 * The context {@link authenticate} stored, or undefined before authentication.
 * Set by our own middleware, so a cheap shape check suffices on this hot path
 * (every call passes it two or three times).
 */
export function authIfAny(locals: Record<string, unknown>): AuthContext | undefined {
  const auth = locals.auth;
  return auth &&
    typeof auth === 'object' &&
    typeof (auth as { portalId?: unknown }).portalId === 'number'
    ? (auth as AuthContext)
    : undefined;
}

/** Reads the context {@link authenticate} stored; throws if a route forgot to authenticate. */
export function authOf(locals: Record<string, unknown>): AuthContext {
  return authIfAny(locals) ?? authContextSchema.parse(locals.auth);
}
