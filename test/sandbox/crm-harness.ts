import { Client } from '@hubspot/api-client';
import { SandboxClock } from '../../src/sandbox/clock.js';
import { Sandbox, type SandboxOptions } from '../../src/sandbox/sandbox.js';

/** A fresh sandbox on a free loopback port and an api-client pointed at it. */
export async function startCrm(opts: SandboxOptions = {}) {
  const clock = opts.clock ?? new SandboxClock({ start: Date.UTC(2025, 0, 15, 9, 0, 0) });
  const sandbox = new Sandbox({ staticToken: 'sandbox-token', ...opts, clock });
  const { url } = await sandbox.listen(0);
  const client = new Client({
    accessToken: 'sandbox-token',
    basePath: url,
    numberOfApiCallRetries: 0,
  });
  return {
    sandbox,
    url,
    client,
    clock,
    portal: sandbox.defaultPortal,
    close: () => sandbox.close(),
  };
}

export type Crm = Awaited<ReturnType<typeof startCrm>>;

interface ApiErrorLike {
  code: number;
  body: unknown;
}

/** The status and parsed body of a rejected api-client call. */
export async function apiError(
  p: Promise<unknown>,
): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as ApiErrorLike;
    const body =
      typeof err.body === 'string'
        ? (JSON.parse(err.body) as Record<string, unknown>)
        : (err.body as Record<string, unknown>);
    return { code: err.code, body };
  }
  throw new Error('expected the call to fail');
}

/** A raw request, for paths and shapes the api-client does not cover. */
export async function raw(
  crm: Crm,
  method: string,
  path: string,
  body?: unknown,
  token = 'sandbox-token',
) {
  const res = await fetch(`${crm.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

export const HUBSPOT_DEFINED = 'HUBSPOT_DEFINED' as never;
