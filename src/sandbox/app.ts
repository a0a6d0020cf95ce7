import express, { type Express, type RequestHandler, type Router } from 'express';
import { authenticate } from './auth.js';
import { crmRouter } from './crm/router.js';
import { errorHandler, unknownPathHandler } from './errors.js';
import { jsonBody } from './json-body.js';
import type { Sandbox } from './sandbox.js';

/**
 * Extension points for the layers built on the core (OAuth, rate limits,
 * faults, admin, explorer). Register them with `sandbox.use(...)` before listen.
 */
export interface SandboxHooks {
  /** Mounted before authentication and the CRM routes (OAuth token endpoint, /_sandbox admin, explorer). */
  routers: Array<Router | RequestHandler>;
  /** Run after authentication (res.locals.auth is set) and before the CRM routes: rate limits, fault injection. */
  before: RequestHandler[];
}

/** express.json's '20mb'. */
const JSON_LIMIT_BYTES = 20 * 1024 * 1024;

export function createSandboxApp(sandbox: Sandbox, hooks: SandboxHooks): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Repeated keys become arrays; HubSpot's list params are comma-separated anyway.
  app.set('query parser', 'simple');
  app.use(jsonBody(JSON_LIMIT_BYTES));
  for (const r of hooks.routers) app.use(r);
  app.use(authenticate(sandbox.tokens, () => sandbox.clock.now()));
  for (const h of hooks.before) app.use(h);
  app.use(crmRouter(sandbox));
  app.use(unknownPathHandler);
  app.use(errorHandler);
  return app;
}
