import { createCardApiRouter } from '../src/card-api/router.js';
import type { RouteDefinition } from '../src/server/mount.js';

/**
 * The card API (`hubspot.fetch` from the cards, settings page and app home):
 * one express Router at the root of PUBLIC_BASE_URL, serving the contract's
 * paths (`/cards/…`, `/settings…`, `/portfolio`). It parses its own bodies
 * (raw, for the v3 signature), so it needs no body parser in front of it.
 */
export const CARD_DATA_MOUNT = '/';

export const cardDataRoutes: RouteDefinition[] = [
  { kind: 'router', path: CARD_DATA_MOUNT, router: (deps) => createCardApiRouter(deps) },
];
