import { Router } from 'express';
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

/** Every CRM route, scoped to the authenticated portal. */
export function crmRouter(sandbox: Sandbox): Router {
  const r = Router();
  // Specific paths before the generic /:objectType/:objectId ones.
  r.use(searchRouter(sandbox));
  r.use(batchRouter(sandbox));
  r.use(objectsRouter(sandbox));
  r.use(associationsRouter(sandbox));
  r.use(associationsBatchRouter(sandbox));
  r.use(labelsRouter(sandbox));
  r.use(propertiesRouter(sandbox));
  r.use(schemasRouter(sandbox));
  r.use(ownersRouter(sandbox));
  r.use(accountInfoRouter(sandbox));
  return r;
}
