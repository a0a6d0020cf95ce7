import { Router } from 'express';
import type { Sandbox } from '../sandbox.js';
import { portalOf } from './http.js';

/** The zone's offset from UTC at `at`, in milliseconds (Intl gives the zone's wall clock). */
function offsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

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
    const offset = offsetMs(portal.timeZone, sandbox.clock.now());
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
