import type { Handler } from '../src/server/handler.js';
import type { RouteDefinition } from '../src/server/mount.js';
import { cardDataRoutes } from './card-data.js';
import { workflowActionRoutes } from './workflow-action.js';
import { installHandler, oauthCallbackHandler, type OAuthHandler } from './oauth.js';
import { handleWebhook, WEBHOOK_BODY_LIMIT_BYTES, WEBHOOK_PATH } from './webhook.js';

/**
 * Every function entry point the server mounts. Thin handlers over src/; a
 * new one (cards, workflow actions) is one line here.
 */

/** BE1's OAuth handlers take `{ query, headers }` and are built per deps. */
const oauth =
  (make: (deps: Parameters<Handler>[0]) => OAuthHandler): Handler =>
  (deps, req) =>
    make(deps)({ query: req.query, headers: req.headers });

export const serverlessRoutes: RouteDefinition[] = [
  {
    kind: 'handler',
    method: 'POST',
    path: WEBHOOK_PATH,
    handler: handleWebhook,
    bodyLimitBytes: WEBHOOK_BODY_LIMIT_BYTES,
  },
  { kind: 'handler', method: 'GET', path: '/install', handler: oauth(installHandler) },
  { kind: 'handler', method: 'GET', path: '/oauth/callback', handler: oauth(oauthCallbackHandler) },
  ...workflowActionRoutes,
  // Last: a router at the root serving /cards/…, /settings…, /portfolio (src/card-api).
  ...cardDataRoutes,
];
