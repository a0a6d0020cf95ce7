import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../errors.js';
import { header, type HandlerRequest } from '../server/handler.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyV3Signature } from '../webhooks/signature.js';

/**
 * Workflow-action requests are signed with v2 (`X-HubSpot-Signature` =
 * hex SHA-256 of clientSecret + method + URL + body, no timestamp); when
 * HubSpot sends the v3 headers we check v3 instead (HMAC with a 5-minute
 * window). The URL is the one HubSpot called: the public base URL plus the
 * path and query, so a proxy in front does not break the check.
 */

export const V2_SIGNATURE_HEADER = 'x-hubspot-signature';
export const SIGNATURE_VERSION_HEADER = 'x-hubspot-signature-version';

export function v2Signature(
  clientSecret: string,
  method: string,
  url: string,
  body: string,
): string {
  return createHash('sha256')
    .update(`${clientSecret}${method.toUpperCase()}${url}${body}`)
    .digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) {
    timingSafeEqual(left, left); // keep the time independent of where they differ
    return false;
  }
  return timingSafeEqual(left, right);
}

export interface VerifyInput {
  req: Pick<HandlerRequest, 'method' | 'originalUrl' | 'headers'>;
  rawBody: string;
  publicBaseUrl: string;
  clientSecret: string;
  nowMs: number;
}

/** Throws UnauthorizedError (401) unless the request carries a valid v3 or v2 signature. */
export function verifyWorkflowSignature(input: VerifyInput): 'v2' | 'v3' {
  const url = `${input.publicBaseUrl}${input.req.originalUrl}`;
  const v3 = header(input.req, SIGNATURE_HEADER);
  if (v3 !== undefined) {
    verifyV3Signature(
      {
        method: input.req.method,
        url,
        rawBody: input.rawBody,
        signature: v3,
        timestamp: header(input.req, TIMESTAMP_HEADER),
      },
      input.clientSecret,
      input.nowMs,
    );
    return 'v3';
  }
  const version = header(input.req, SIGNATURE_VERSION_HEADER);
  if (version !== undefined && version.toLowerCase() !== 'v2')
    throw new UnauthorizedError(
      `Unsupported signature version ${version.slice(0, 8)}; workflow actions are signed with v2 or v3`,
    );
  const signature = header(input.req, V2_SIGNATURE_HEADER);
  if (!signature) throw new UnauthorizedError('Missing X-HubSpot-Signature header');
  const expected = v2Signature(input.clientSecret, input.req.method, url, input.rawBody);
  if (!sameHex(expected, signature.toLowerCase()))
    throw new UnauthorizedError('Invalid workflow action signature');
  return 'v2';
}
