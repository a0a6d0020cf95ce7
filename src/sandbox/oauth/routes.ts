import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { authenticate, authOf, type TokenRegistry } from '../auth.js';
import { html, page } from '../explorer/html.js';
import { OAuthError } from './oauth-errors.js';
import { authorizeRequestSchema, tokenRequestSchema, type OAuthService } from './service.js';

export interface OAuthRoutesOptions {
  oauth: OAuthService;
  registry: TokenRegistry;
  now: () => number;
}

const clientFormSchema = z.object({
  token: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

function sendOAuthError(res: Response, err: unknown): void {
  if (err instanceof OAuthError) {
    res.status(err.httpStatus).json(err.toBody());
    return;
  }
  throw err;
}

/** v1 took the fields as query parameters too; v3 only reads the body. */
const formOf = (req: Request, allowQuery: boolean): unknown => ({
  ...(allowQuery ? (req.query as Record<string, unknown>) : {}),
  ...((req.body ?? {}) as Record<string, unknown>),
});

/** HubSpot's OAuth endpoints: authorize, token (v1 + v3), token info, introspect, revoke, uninstall. */
export function oauthRouter(options: OAuthRoutesOptions): Router {
  const { oauth } = options;
  const router = express.Router();
  const form = express.urlencoded({ extended: false });

  router.get('/oauth/authorize', (req, res) => {
    const parsed = authorizeRequestSchema.safeParse(req.query);
    if (!parsed.success) {
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Authorization failed',
            html`<h1>Authorization failed</h1>
              <p>
                ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
              </p>`,
          ),
        );
      return;
    }
    try {
      res.redirect(302, oauth.authorize(parsed.data));
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      res
        .status(400)
        .type('html')
        .send(
          page(
            'Authorization failed',
            html`<h1>Authorization failed</h1>
              <p><code>${err.status}</code>: ${err.message}</p>`,
          ),
        );
    }
  });

  for (const version of ['v1', 'v3'] as const) {
    router.post(`/oauth/${version}/token`, form, (req, res) => {
      try {
        res.json(oauth.token(tokenRequestSchema.parse(formOf(req, version === 'v1')), version));
      } catch (err) {
        sendOAuthError(res, err);
      }
    });
  }

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const info = oauth.accessTokenInfo(req.params.token);
    if (!info) {
      res
        .status(404)
        .json(
          new OAuthError(
            'BAD_ACCESS_TOKEN',
            'missing or expired access token',
            'invalid_grant',
            404,
          ).toBody(),
        );
      return;
    }
    res.json(info);
  });

  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const info = oauth.refreshTokenInfo(req.params.token);
    if (!info) {
      res
        .status(404)
        .json(
          new OAuthError(
            'BAD_REFRESH_TOKEN',
            'missing or invalid refresh token',
            'invalid_grant',
            404,
          ).toBody(),
        );
      return;
    }
    res.json(info);
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    if (!oauth.deleteRefreshToken(req.params.token)) {
      res
        .status(404)
        .json(
          new OAuthError(
            'BAD_REFRESH_TOKEN',
            'missing or invalid refresh token',
            'invalid_grant',
            404,
          ).toBody(),
        );
      return;
    }
    res.status(204).end();
  });

  router.post('/oauth/v3/token/introspect', form, (req, res) => {
    try {
      res.json(oauth.introspect(clientFormSchema.parse(formOf(req, false))));
    } catch (err) {
      sendOAuthError(res, err);
    }
  });

  router.post('/oauth/v3/token/revoke', form, (req, res) => {
    try {
      oauth.revoke(clientFormSchema.parse(formOf(req, false)));
      res.status(200).end();
    } catch (err) {
      sendOAuthError(res, err);
    }
  });

  // The app uninstalls itself with its own access token.
  for (const path of [
    '/appinstalls/v3/external-install',
    '/appinstalls/2026-03/external-install',
  ]) {
    router.delete(path, authenticate(options.registry, options.now), (_req, res) => {
      const auth = authOf(res.locals);
      if (auth.appId === undefined) {
        res
          .status(403)
          .json({
            status: 'error',
            message: 'This endpoint needs an OAuth access token',
            category: 'MISSING_SCOPES',
          });
        return;
      }
      oauth.uninstall(auth.portalId, auth.appId);
      res.status(204).end();
    });
  }

  return router;
}
