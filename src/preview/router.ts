import { Router, type Request } from 'express';
import type { CompanyCardResponse } from '../cards/contract.js';
import { renderCardHtml, type PreviewComponent } from './render-card.js';

/**
 * `GET /preview/company/:id` — a company's card as HTML, outside HubSpot (for
 * demos, support and the browser test). `?card=committee` shows the Buying
 * committee card instead of Key account; `?locale=zh-CN` switches language.
 * Data comes from the provider: the backend passes its store.
 */

export type CompanyDataProvider = (
  portalId: string,
  companyId: string,
) => CompanyCardResponse | null | Promise<CompanyCardResponse | null>;

export interface PreviewRouterOptions {
  companyData: CompanyDataProvider;
  /** Which portal a request is for; by default the `portalId` query parameter. */
  portalIdOf?: (req: Request) => string | null;
}

const queryString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function createPreviewRouter({
  companyData,
  portalIdOf = (req) => queryString(req.query.portalId),
}: PreviewRouterOptions): Router {
  const router = Router();
  router.get('/preview/company/:id', async (req, res, next) => {
    try {
      const portalId = portalIdOf(req);
      const companyId = req.params.id;
      if (!portalId || !/^\d+$/.test(companyId)) {
        res.status(400).type('text/plain').send('Give a numeric company id and a portalId.');
        return;
      }
      const data = await companyData(portalId, companyId);
      if (!data) {
        res.status(404).type('text/plain').send('No such company in this portal.');
        return;
      }
      const component: PreviewComponent =
        req.query.card === 'committee' ? 'buying-committee' : 'key-account';
      const locale = queryString(req.query.locale)?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
      const html = await renderCardHtml(component, data, {
        locale,
        objectId: companyId,
        subtitle: data.status === 'ok' ? data.company.name : undefined,
      });
      res.status(200).type('text/html; charset=utf-8').send(html);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
