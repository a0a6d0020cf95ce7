import type { AppConfig } from '../config.js';
import { UnauthorizedError } from '../errors.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyV3Signature } from '../webhooks/signature.js';

/**
 * Who is calling: the portal and user of a `hubspot.fetch` request, taken only
 * from what HubSpot signed. HubSpot appends `userId`, `portalId`, `userEmail`
 * and `appId` to the query of every `hubspot.fetch` call and signs method, URL
 * (query included), body and timestamp with our client secret (v3). The UI
 * cannot change those values without breaking the signature; a repeated
 * identity parameter (the UI adding its own `portalId` before HubSpot's) is
 * refused as ambiguous.
 *
 * Sandbox mode (`npm start` without HubSpot credentials) has no client
 * secret; there an unsigned request from loopback that did not pass a proxy
 * may name its portal in the query (the local preview and developer tools).
 */

export interface CardCaller {
  portalId: number;
  userId: string | null;
  userEmail: string | null;
  appId: string | null;
  via: 'signature' | 'sandbox-loopback';
}

export interface IncomingCardRequest {
  method: string;
  /** Path and query as received (what HubSpot signed, after the public base URL). */
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** The TCP peer (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Headers a reverse proxy adds: such a request came from elsewhere, whatever the TCP peer. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'];

function headerOf(req: IncomingCardRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function queryOf(originalUrl: string): URLSearchParams {
  const q = originalUrl.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : originalUrl.slice(q + 1));
}

/** The single value of an identity parameter; two values means someone added their own. */
function single(params: URLSearchParams, name: string): string | null {
  const all = params.getAll(name);
  if (all.length > 1) throw new UnauthorizedError(`The request carries ${name} more than once`);
  const v = all[0]?.trim();
  return v === undefined || v === '' ? null : v;
}

export function callerFromQuery(originalUrl: string, via: CardCaller['via']): CardCaller {
  const params = queryOf(originalUrl);
  const portal = single(params, 'portalId');
  const portalId = portal !== null && /^\d{1,15}$/.test(portal) ? Number(portal) : NaN;
  if (!Number.isSafeInteger(portalId) || portalId <= 0)
    throw new UnauthorizedError('The request does not name its HubSpot portal (portalId)');
  return {
    portalId,
    userId: single(params, 'userId'),
    userEmail: single(params, 'userEmail'),
    appId: single(params, 'appId'),
    via,
  };
}

export function isSandboxLoopback(config: AppConfig, req: IncomingCardRequest): boolean {
  return (
    config.mode === 'sandbox' &&
    req.remoteAddress !== undefined &&
    LOOPBACK.has(req.remoteAddress) &&
    PROXY_HEADERS.every((h) => headerOf(req, h) === undefined)
  );
}

/**
 * Verifies a card API request and returns its caller, or throws
 * UnauthorizedError (missing, forged or stale signature; no portal; a
 * request for another app).
 */
export function verifyCardRequest(
  config: AppConfig,
  req: IncomingCardRequest,
  nowMs: number,
): CardCaller {
  const signature = headerOf(req, SIGNATURE_HEADER);
  const timestamp = headerOf(req, TIMESTAMP_HEADER);
  const signed = signature !== undefined || timestamp !== undefined;
  if (!signed && isSandboxLoopback(config, req))
    return callerFromQuery(req.originalUrl, 'sandbox-loopback');
  const secret = config.hubspot.clientSecret;
  if (secret === null)
    throw new UnauthorizedError(
      'Signed requests cannot be checked: HUBSPOT_CLIENT_SECRET is not configured',
    );
  try {
    verifyV3Signature(
      {
        method: req.method,
        url: `${config.publicBaseUrl}${req.originalUrl}`,
        rawBody: req.rawBody,
        signature,
        timestamp,
      },
      secret.reveal(),
      nowMs,
    );
  } catch (error) {
    // The shared checker speaks of webhooks; these are card requests.
    if (error instanceof UnauthorizedError && /signature$/.test(error.message))
      throw new UnauthorizedError('Invalid request signature');
    throw error;
  }
  const caller = callerFromQuery(req.originalUrl, 'signature');
  const ours = config.hubspot.appId;
  if (ours !== null && caller.appId !== null && caller.appId !== ours)
    throw new UnauthorizedError('The request was made for another app');
  return caller;
}
