import { timingSafeEqual } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { UnauthorizedError } from '../errors.js';

/**
 * HubSpot's v3 request signature: base64 HMAC-SHA256(clientSecret, method +
 * uri + body + timestamp). The hash comes from the api-client's `Signature`
 * helper; the comparison is ours because `Signature.isValid` compares with
 * `===` (not constant-time) and only rejects timestamps in the past.
 */

export const SIGNATURE_HEADER = 'x-hubspot-signature-v3';
export const TIMESTAMP_HEADER = 'x-hubspot-request-timestamp';
/** HubSpot's own window (the api-client's MAX_ALLOWED_TIMESTAMP): 5 minutes. */
export const MAX_SIGNATURE_AGE_MS = Signature.MAX_ALLOWED_TIMESTAMP;

export interface SignedRequest {
  method: string;
  /** The URL HubSpot called (public base URL + path and query), not the one behind a proxy. */
  url: string;
  rawBody: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** HubSpot signs the URI with these characters decoded (its v3 validation guide). */
const decodedInUri: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

export function signatureUri(url: string): string {
  return url.replace(
    /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
    (m) => decodedInUri[m.toUpperCase()],
  );
}

function equalConstantTime(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare equal lengths always, so the time does not reveal where they differ.
  const same = timingSafeEqual(
    Buffer.concat([left, Buffer.alloc(Math.max(0, right.length - left.length))]),
    Buffer.concat([right, Buffer.alloc(Math.max(0, left.length - right.length))]),
  );
  return same && left.length === right.length;
}

/**
 * Throws UnauthorizedError unless the request carries a valid v3 signature
 * made within `MAX_SIGNATURE_AGE_MS` of `nowMs` (either side, for clock skew).
 * Messages say what is wrong without echoing the signature.
 */
export function verifyV3Signature(
  request: SignedRequest,
  clientSecret: string,
  nowMs: number,
): void {
  const { signature, timestamp } = request;
  if (!signature || !timestamp) {
    throw new UnauthorizedError(
      'Missing X-HubSpot-Signature-v3 or X-HubSpot-Request-Timestamp header',
    );
  }
  if (!/^\d{1,16}$/.test(timestamp)) {
    throw new UnauthorizedError('X-HubSpot-Request-Timestamp must be milliseconds since the epoch');
  }
  const ts = Number(timestamp);
  if (Math.abs(nowMs - ts) > MAX_SIGNATURE_AGE_MS) {
    throw new UnauthorizedError('Request timestamp is more than 5 minutes away; request rejected');
  }
  const expected = Signature.getSignature(request.method.toUpperCase(), 'v3', {
    signatureVersion: 'v3',
    signature,
    clientSecret,
    requestBody: request.rawBody,
    url: signatureUri(request.url),
    timestamp: ts,
  });
  if (!equalConstantTime(expected, signature)) {
    throw new UnauthorizedError('Invalid webhook signature');
  }
}
