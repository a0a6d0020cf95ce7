import { createHash, createHmac } from 'node:crypto';

/**
 * HubSpot's request signatures. v1 = sha256(secret + body) hex, v2 =
 * sha256(secret + method + uri + body) hex, both in `X-HubSpot-Signature` with
 * `X-HubSpot-Signature-Version`; v3 = base64 HMAC-SHA256(secret, method + uri +
 * body + timestamp) in `X-HubSpot-Signature-v3` with `X-HubSpot-Request-Timestamp`.
 */
export type LegacySignatureVersion = 'v1' | 'v2';

export interface SignInput {
  method: string;
  url: string;
  body: string;
  clientSecret: string;
  /** Milliseconds since the epoch (wall clock: receivers compare it with their own time). */
  timestamp: number;
  legacyVersion: LegacySignatureVersion;
}

export function signV1(clientSecret: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + body)
    .digest('hex');
}

export function signV2(clientSecret: string, method: string, url: string, body: string): string {
  return createHash('sha256')
    .update(clientSecret + method + url + body)
    .digest('hex');
}

export function signV3(
  clientSecret: string,
  method: string,
  url: string,
  body: string,
  timestamp: number,
): string {
  return createHmac('sha256', clientSecret)
    .update(method + url + body + String(timestamp))
    .digest('base64');
}

export function signatureHeaders(input: SignInput): Record<string, string> {
  const { method, url, body, clientSecret, timestamp, legacyVersion } = input;
  const legacy =
    legacyVersion === 'v1' ? signV1(clientSecret, body) : signV2(clientSecret, method, url, body);
  return {
    'X-HubSpot-Signature': legacy,
    'X-HubSpot-Signature-Version': legacyVersion,
    'X-HubSpot-Signature-v3': signV3(clientSecret, method, url, body, timestamp),
    'X-HubSpot-Request-Timestamp': String(timestamp),
  };
}
