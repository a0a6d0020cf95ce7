import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const CENSOR = '[redacted]';

/** Keys whose values are secrets wherever they appear (top level and two levels down). */
const secretKeys = [
  'authorization',
  'cookie',
  'access_token',
  'accessToken',
  'refresh_token',
  'refreshToken',
  'client_secret',
  'clientSecret',
  'token',
  'password',
  'secret',
  'apiKey',
  'encryptionKey',
];

/** Request headers that carry credentials or signatures. */
const secretHeaders = ['authorization', 'cookie', 'x-hubspot-signature', 'x-hubspot-signature-v3'];

/**
 * pino redaction paths. pino has no deep wildcard, so each secret key is listed
 * at the depths our log calls use. `code` is the OAuth authorization code: it is
 * redacted at the top level and in query objects, so log alert or error codes
 * under a more specific key (`alertCode`, `errorCode`; `err.code` is kept).
 */
export const redactPaths: string[] = [
  ...secretKeys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...secretHeaders.flatMap((h) => [`headers["${h}"]`, `req.headers["${h}"]`, `*.headers["${h}"]`]),
  'code',
  'query.code',
  'req.query.code',
  'body.code',
  'req.body.code',
];

const sensitiveQueryParams = [
  'code',
  'access_token',
  'refresh_token',
  'client_secret',
  'token',
  'state',
  // Personal data HubSpot appends to hubspot.fetch requests: not needed in logs.
  'userEmail',
];

/** Strips secrets from a URL's query string so it can be logged. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q === -1) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of sensitiveQueryParams) {
    if (params.has(name)) params.set(name, CENSOR);
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}

interface RequestLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  id?: unknown;
}

export interface CreateLoggerOptions {
  level?: LogLevel;
  name?: string;
  /** Where to write (tests capture logs here); stdout by default. */
  destination?: DestinationStream;
  base?: Record<string, unknown>;
}

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const config: LoggerOptions = {
    level: options.level ?? 'info',
    name: options.name ?? 'kam',
    base: options.base ?? { pid: process.pid },
    redact: { paths: redactPaths, censor: CENSOR },
    serializers: {
      err: pino.stdSerializers.err,
      // Never log headers or bodies of requests wholesale: method, path and id only.
      req: (req: RequestLike) => ({
        method: req.method,
        url: redactUrl(req.originalUrl ?? req.url ?? ''),
        id: req.id,
      }),
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

export interface LogBindings {
  portalId?: number | string;
  requestId?: string;
  jobId?: string;
  queue?: string;
}

/** A child logger carrying the tenant and request/job ids so every line can be traced. */
export function childLogger(logger: Logger, bindings: LogBindings): Logger {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(bindings)) if (v !== undefined) clean[k] = v;
  return logger.child(clean);
}

/** A logger that drops everything; the default for library code and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
