import type { RouteDefinition } from '../server/mount.js';
import { companyCard } from '../card-api/company-card.js';
import { installedPortal } from '../card-api/tenant.js';
import { createPreviewRouter } from '../preview/router.js';

/**
 * `GET /preview/company/:id?portalId=` in sandbox mode only: the real card
 * components rendered outside HubSpot from what the card API would answer for
 * that company (our store). Unauthenticated, so never mounted in the real app,
 * where cards reach the data through signed `hubspot.fetch` requests.
 */
export const storePreviewRoute: RouteDefinition = {
  kind: 'router',
  path: '/',
  router: (deps) =>
    createPreviewRouter({
      companyData: async (portalId, companyId) => {
        if (!/^\d{1,20}$/.test(portalId)) return null;
        const portal = await installedPortal(deps.db, Number(portalId));
        return portal ? companyCard(deps, portal, companyId) : null;
      },
    }),
};
