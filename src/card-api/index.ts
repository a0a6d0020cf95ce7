/** The card API behind `hubspot.fetch` (see docs/card-api.md). */
export { createCardApiRouter, type CardApiOptions } from './router.js';
export { cardDataProvider } from './provider.js';
export { verifyCardRequest, type CardCaller } from './verify.js';
export { computeWhatIf, type PreviewOk } from './what-if.js';
export { createPreviewRunner, type PreviewRunner } from './preview-runner.js';
