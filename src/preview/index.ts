/** The HTML preview of our HubSpot UI outside HubSpot. */
export {
  renderCardHtml,
  renderCardTree,
  type PreviewComponent,
  type PreviewOptions,
} from './render-card.js';
export {
  createPreviewRouter,
  type CompanyDataProvider,
  type PreviewRouterOptions,
} from './router.js';
export { buildDemoCards, type DemoCards } from './demo-data.js';
export { escapeHtml } from './escape.js';
