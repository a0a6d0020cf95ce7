import type { CompanyCardResponse } from '../cards/contract.js';
import { isAppError } from '../errors.js';
import { companyCard, type CardDeps } from './company-card.js';
import { installedPortal } from './tenant.js';

/**
 * The company card data of our store for the HTML preview (`src/preview/`,
 * `GET /preview/company/:id?portalId=…` under `npm start`): the same answer
 * the card gets through `hubspot.fetch`, or null for a company the portal
 * does not have.
 */
export function cardDataProvider(
  deps: CardDeps,
): (portalId: string, companyId: string) => Promise<CompanyCardResponse | null> {
  return async (portalId, companyId) => {
    const id = /^\d{1,15}$/.test(portalId) ? Number(portalId) : NaN;
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const portal = await installedPortal(deps.db, id);
    if (!portal) return { status: 'not_installed' };
    try {
      return await companyCard(deps, portal, companyId);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  };
}
