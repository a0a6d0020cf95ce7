import { Client } from '@hubspot/api-client';
import { z } from 'zod';
import { callHubSpot, type CallOptions } from './call.js';

/**
 * The portal's time zone and company currency (GET /account-info/v3/details,
 * scope `oauth`). The api-client has no wrapper for it, so it goes through
 * `apiRequest`, which does not throw on HTTP errors: statuses are checked here.
 * Null when the portal (or the sandbox) does not answer it; callers then keep
 * their defaults.
 */

export interface AccountDetails {
  timeZone: string | null;
  currency: string | null;
}

const detailsSchema = z.object({
  timeZone: z.string().min(1).optional(),
  companyCurrency: z.string().min(1).optional(),
  currency: z.string().min(1).optional(),
});

class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`HTTP ${code}`);
  }
}

export async function fetchAccountDetails(
  basePath: string,
  accessToken: string,
  options: CallOptions = {},
): Promise<AccountDetails | null> {
  const client = new Client({ basePath, accessToken, numberOfApiCallRetries: 0 });
  let body: unknown;
  try {
    body = await callHubSpot(
      'GET /account-info/v3/details',
      async () => {
        const res = await client.apiRequest({ method: 'GET', path: '/account-info/v3/details' });
        // HttpStatusError carries `code` like an ApiException, so 429/5xx are retried.
        if (!res.ok) throw new HttpStatusError(res.status, await res.text());
        return (await res.json()) as unknown;
      },
      options,
    );
  } catch {
    return null;
  }
  const parsed = detailsSchema.safeParse(body);
  if (!parsed.success) return null;
  return {
    timeZone: parsed.data.timeZone ?? null,
    currency: parsed.data.companyCurrency ?? parsed.data.currency ?? null,
  };
}

/** A time zone name Intl knows (HubSpot sends IANA names such as America/New_York or US/Eastern). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
