import { Router } from 'express';
import type { Sandbox } from '../sandbox.js';
import { ZonedCalendar } from '../../sync/local-date.js';
import { portalOf } from './http.js';

function offsetText(ms: number): string {
  const abs = Math.abs(ms) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${ms < 0 ? '-' : '+'}${hh}:${mm}`;
}

/**
 * GET /account-info/v3/details: the portal's time zone and company currency,
 * which the app reads at install (HubSpot's shape; any authenticated token).
 */
export function accountInfoRouter(sandbox: Sandbox): Router {
  const r = Router();
  r.get('/account-info/v3/details', (_req, res) => {
    const portal = portalOf(sandbox, res);
    const offset = new ZonedCalendar(portal.timeZone).offsetAt(sandbox.clock.now());
    res.json({
      portalId: portal.portalId,
      accountType: 'STANDARD',
      timeZone: portal.timeZone,
      companyCurrency: portal.currency,
      additionalCurrencies: [],
      utcOffset: offsetText(offset),
      utcOffsetMilliseconds: offset,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });
  return r;
}
