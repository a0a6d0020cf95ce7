// Copy of extensions/app/shared/hooks.ts, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import { hubspot } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { createApi, type Api, type Fetcher } from './api.js';
import { createI18n, type I18n, type Locale, type TextTable } from './i18n.js';

/** In HubSpot: `hubspot.fetch` (signed by HubSpot, retried once on a 5xx). */
export const hubspotFetcher: Fetcher = (url, init) => hubspot.fetch(url, init);

/** Props every card takes: tests and the HTML preview pass their own fetcher. */
export interface CardProps {
  fetcher?: Fetcher;
}

export function useApi(fetcher: Fetcher): Api {
  return useMemo(() => createApi(fetcher), [fetcher]);
}

export function useI18n(
  locale: Locale,
  texts: readonly TextTable[],
  portal: { currency: string | null; timeZone: string } | null,
): I18n {
  const currency = portal?.currency ?? null;
  const timeZone = portal?.timeZone ?? 'UTC';
  return useMemo(
    () => createI18n({ locale, texts, currency, timeZone }),
    [locale, texts, currency, timeZone],
  );
}
