import { Router, type RequestHandler } from 'express';
import type { Sandbox } from '../sandbox.js';
import { accountInfoRouter } from './account-info-routes.js';
import { associationsBatchRouter } from './associations-batch-routes.js';
import { associationsRouter } from './associations-routes.js';
import { batchRouter } from './batch-routes.js';
import { labelsRouter } from './labels-routes.js';
import { objectsRouter } from './objects-routes.js';
import { ownersRouter } from './owners-routes.js';
import { propertiesRouter } from './properties-routes.js';
import { schemasRouter } from './schemas-routes.js';
import { searchRouter } from './search-routes.js';

/** One router of several, tried in order. */
function group(...routers: Router[]): Router {
  const g = Router();
  for (const r of routers) g.use(r);
  return g;
}

/** Hands calls under `prefix` (any case, as express matches) to `router`, others on. */
function under(prefix: string, router: Router): RequestHandler {
  return (req, res, next) =>
    req.path.toLowerCase().startsWith(prefix) ? router(req, res, next) : next();
}

/**
 * Every CRM route, scoped to the authenticated portal. Calls are sorted by
 * path prefix first, so one walks only the routes of its own API.
 */
export function crmRouter(sandbox: Sandbox): Router {
  const r = Router();
  // Specific paths before the generic /:objectType/:objectId ones.
  r.use(
    under(
      '/crm/v3/objects/',
      group(searchRouter(sandbox), batchRouter(sandbox), objectsRouter(sandbox)),
    ),
  );
  r.use(under('/crm/v4/objects/', associationsRouter(sandbox)));
  const labels = labelsRouter(sandbox);
  r.use(under('/crm/v4/associations/', group(associationsBatchRouter(sandbox), labels)));
  // Labels also answer at /crm/associations/v4/….
  r.use(labels);
  r.use(propertiesRouter(sandbox));
  r.use(schemasRouter(sandbox));
  r.use(ownersRouter(sandbox));
  r.use(accountInfoRouter(sandbox));
  return r;
}
