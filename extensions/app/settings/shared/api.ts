// Copy of extensions/app/shared/api.ts, made by scripts/gen-extension-shared.ts (HubSpot builds each UI folder alone): edit the original.
import { BASE_URL } from './generated/config.js';
import {
  endpoints,
  IDEMPOTENCY_HEADER,
  type EndpointName,
  type EndpointTypes,
} from './generated/contract.js';

/**
 * The one way the UI talks to our backend. In HubSpot the fetcher is
 * `hubspot.fetch` (HubSpot signs the request and retries once on a 5xx); tests
 * and the HTML preview pass their own. Paths and types come from the generated
 * contract, failures become an `ApiFailure` whose kind picks the error text.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The part of a fetch Response we use. */
export interface FetchResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

export type Fetcher = (
  url: string,
  init: {
    method: HttpMethod;
    body?: Record<string, unknown>;
    headers?: Record<string, string>;
    timeout?: number;
  },
) => Promise<FetchResponse>;

export type FailureKind =
  | 'network'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server'
  | 'bad_request'
  | 'bad_response';

export class ApiFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export function failureOfStatus(status: number): FailureKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

export interface CallOptions<N extends EndpointName> {
  path?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: EndpointTypes[N]['request'];
  /** Required by state-changing calls: one key per user action, reused on retry. */
  idempotencyKey?: string;
}

export interface Api {
  call<N extends EndpointName>(
    name: N,
    options?: CallOptions<N>,
  ): Promise<EndpointTypes[N]['response']>;
}

/** Fills `{name}` path parameters (URL-encoded) and appends the query, skipping empty values. */
export function urlFor(
  baseUrl: string,
  name: EndpointName,
  path: Record<string, string> = {},
  query: Record<string, string | undefined> = {},
): string {
  const filled = endpoints[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = path[key];
    if (value === undefined || value === '') throw new Error(`missing path parameter ${key}`);
    return encodeURIComponent(value);
  });
  const pairs = Object.entries(query).filter(
    (e): e is [string, string] => e[1] !== undefined && e[1] !== '',
  );
  const search = pairs
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${baseUrl}${filled}${search ? `?${search}` : ''}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function errorMessageOf(body: unknown): string | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  return typeof body.error.message === 'string' ? body.error.message : null;
}

export function createApi(fetcher: Fetcher, baseUrl: string = BASE_URL): Api {
  return {
    async call(name, options = {}) {
      const { method } = endpoints[name];
      const headers: Record<string, string> = {};
      if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
      const url = urlFor(baseUrl, name, options.path, options.query);
      let response: FetchResponse;
      try {
        response = await fetcher(url, {
          method,
          headers,
          ...(options.body !== undefined ? { body: options.body as Record<string, unknown> } : {}),
        });
      } catch (error) {
        throw new ApiFailure(
          'network',
          null,
          error instanceof Error ? error.message : String(error),
        );
      }
      let body: unknown = null;
      try {
        body = await response.json();
      } catch {
        body = null;
      }
      if (!response.ok) {
        const kind = failureOfStatus(response.status);
        throw new ApiFailure(
          kind,
          response.status,
          errorMessageOf(body) ?? `HTTP ${response.status}`,
        );
      }
      // The backend validates with zod before answering; here only the shape's root is checked.
      if (!isRecord(body))
        throw new ApiFailure('bad_response', response.status, 'not a JSON object');
      return body as EndpointTypes[typeof name]['response'];
    },
  };
}

/** A random key per user action (crypto.randomUUID where the worker has it). */
export function newIdempotencyKey(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  let out = '';
  for (let i = 0; i < 32; i++) out += Math.floor(Math.random() * 16).toString(16);
  return out;
}
