// Copy of extensions/app/shared/context.ts, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import { useExtensionContext } from '@hubspot/ui-extensions';
import { localeOf, type Locale } from './i18n.js';

/** What our UI needs from HubSpot's extension context, whatever the location. */
export interface KamContext {
  locale: Locale;
  /** The CRM record's id on record cards; null on the settings page and app pages. */
  objectId: string | null;
  portalId: string | null;
  /** The portal's time zone, for times shown before our backend answers with its own. */
  timeZone: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const idOf = (value: unknown): string | null =>
  typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : null;

/** Reads the context defensively: the shape differs per location and HubSpot may omit fields. */
export function kamContextOf(context: unknown): KamContext {
  const ctx = isRecord(context) ? context : {};
  const user = isRecord(ctx.user) ? ctx.user : {};
  const portal = isRecord(ctx.portal) ? ctx.portal : {};
  const crm = isRecord(ctx.crm) ? ctx.crm : {};
  const rawLocale =
    typeof user.locale === 'string'
      ? user.locale
      : typeof user.language === 'string'
        ? user.language
        : null;
  return {
    locale: localeOf(rawLocale),
    objectId: idOf(crm.objectId),
    portalId: idOf(portal.id),
    timeZone: typeof portal.timezone === 'string' && portal.timezone ? portal.timezone : 'UTC',
  };
}

export function useKamContext(): KamContext {
  return kamContextOf(useExtensionContext());
}
