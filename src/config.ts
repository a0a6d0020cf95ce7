import path from 'node:path';
import { inspect } from 'node:util';
import { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors.js';
import { logLevels, type LogLevel } from './logger.js';

/**
 * A value that must never reach a log or a JSON response. It prints as
 * `[redacted]` through console.log, util.inspect, JSON.stringify and string
 * templates; `reveal()` is the only way to read it, so every use is easy to find.
 */
export class Secret<T = string> {
  readonly #value: T;
  constructor(value: T) {
    this.#value = value;
  }
  reveal(): T {
    return this.#value;
  }
  toJSON(): string {
    return '[redacted]';
  }
  toString(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

export const processRoles = ['all', 'web', 'worker'] as const;
export type ProcessRole = (typeof processRoles)[number];

export interface EncryptionKey {
  keyId: string;
  key: Secret<Buffer>;
}

export type DatabaseTarget =
  /** `dataDir` is a folder, or `memory://` for an in-memory database (tests). */
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: Secret | string; poolSize?: number };

export interface AppConfig {
  /** `sandbox` when no HubSpot app credentials are set: the local sandbox portal stands in for HubSpot. */
  mode: 'sandbox' | 'hubspot';
  role: ProcessRole;
  port: number;
  publicBaseUrl: string;
  /** Absolute path of the data folder (PGlite files, sandbox encryption key). */
  dataDir: string;
  database: DatabaseTarget;
  hubspot: {
    clientId: string | null;
    clientSecret: Secret | null;
    appId: string | null;
    baseUrl: string;
    /** The portal's API limit per rolling 10 s (public apps: 110); our buckets stay under it. */
    requestsPer10s: number;
  };
  sandbox: { port: number; accessToken: Secret };
  encryption: {
    /** Null in sandbox mode without KAM_ENCRYPTION_KEY: a key is generated once into the data folder. */
    current: EncryptionKey | null;
    /** Older keys, still accepted for decryption during a rotation. */
    previous: EncryptionKey[];
  };
  logLevel: LogLevel;
  /** Work claimed by a worker that died is taken again after this many seconds (inbox rows, short jobs). */
  workerLeaseSeconds: number;
  /**
   * After a recompute of a few accounts, the portfolio statistics (the
   * percentiles every score is taken against) lag by those changes; a full
   * pass this many seconds after the first such change makes every account
   * exact again (0 = only past score.statsRebuildChangedPct).
   */
  statsRefreshSeconds: number;
}

const keyIdPattern = /^[A-Za-z0-9_-]{1,32}$/;

/** 32 bytes as base64 (44 chars) or hex (64 chars); null if neither. */
export function parseEncryptionKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) {
    const buf = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return buf.length === 32 ? buf : null;
  }
  return null;
}

const GENERATE_KEY = `generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

/** How to fix each variable, shown next to what is wrong with it. */
const fixes: Record<string, string> = {
  DATABASE_URL:
    'use a URL like postgres://user:password@host:5432/dbname, or unset it to use the embedded database',
  KAM_DATA_DIR: 'set a writable folder path (default .kam-data)',
  PORT: 'set a whole number between 1 and 65535',
  PUBLIC_BASE_URL:
    'set the https URL HubSpot uses to reach this server, e.g. https://kam.example.com',
  HUBSPOT_CLIENT_ID:
    'copy the client id from your HubSpot app (Auth tab), or unset both id and secret for sandbox mode',
  HUBSPOT_CLIENT_SECRET:
    'copy the client secret from your HubSpot app (Auth tab), or unset both id and secret for sandbox mode',
  HUBSPOT_APP_ID: 'copy the numeric app id from your HubSpot app',
  HUBSPOT_BASE_URL: 'use an http(s) URL such as https://api.hubapi.com',
  KAM_ENCRYPTION_KEY: GENERATE_KEY,
  KAM_ENCRYPTION_KEY_ID: 'use 1-32 letters, digits, "-" or "_", e.g. k2026a',
  KAM_ENCRYPTION_PREVIOUS_KEYS:
    'use a comma-separated list of keyId:key pairs, e.g. k2025:BASE64KEY,k2024:BASE64KEY',
  SANDBOX_PORT: 'set a whole number between 1 and 65535',
  SANDBOX_ACCESS_TOKEN: 'set a non-empty token string',
  LOG_LEVEL: `use one of ${logLevels.join(', ')}`,
  KAM_PROCESS_ROLE: 'use all, web or worker',
  KAM_DB_POOL_SIZE: 'set a whole number between 1 and 100',
  KAM_WORKER_LEASE_SECONDS:
    'set a whole number of seconds between 5 and 86400, longer than one recompute batch (default 600)',
  KAM_STATS_REFRESH_SECONDS:
    'set a whole number of seconds between 0 and 86400 (default 600; 0 turns the refresh off)',
};

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A whole number within [min, max], given as text. */
const wholeNumber = (min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `must be between ${min} and ${max}`)
          .max(max, `must be between ${min} and ${max}`),
      )
      .optional(),
  );

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const envSchema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  KAM_DATA_DIR: optionalText.transform((v) => v ?? '.kam-data'),
  PORT: wholeNumber(1, 65535).transform((v) => v ?? 3000),
  PUBLIC_BASE_URL: optionalText.pipe(httpUrl.optional()),
  HUBSPOT_CLIENT_ID: optionalText,
  HUBSPOT_CLIENT_SECRET: optionalText,
  HUBSPOT_APP_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'must be numeric').optional()),
  HUBSPOT_BASE_URL: optionalText.pipe(httpUrl.optional()),
  HUBSPOT_REQUESTS_PER_10S: wholeNumber(20, 10_000).transform((v) => v ?? 110),
  KAM_ENCRYPTION_KEY: optionalText,
  KAM_ENCRYPTION_KEY_ID: optionalText.pipe(
    z.string().regex(keyIdPattern, 'must be 1-32 letters, digits, "-" or "_"').optional(),
  ),
  KAM_ENCRYPTION_PREVIOUS_KEYS: optionalText,
  SANDBOX_PORT: wholeNumber(1, 65535).transform((v) => v ?? 3001),
  SANDBOX_ACCESS_TOKEN: optionalText.transform((v) => v ?? 'sandbox-token'),
  LOG_LEVEL: optionalText.pipe(
    z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).optional(),
  ),
  KAM_PROCESS_ROLE: optionalText.pipe(
    z.enum(processRoles, { error: 'must be all, web or worker' }).optional(),
  ),
  KAM_DB_POOL_SIZE: wholeNumber(1, 100),
  KAM_WORKER_LEASE_SECONDS: wholeNumber(5, 86_400),
  KAM_STATS_REFRESH_SECONDS: wholeNumber(0, 86_400),
});

type Env = z.infer<typeof envSchema>;

function problem(variable: string, text: string): ConfigProblem {
  return { variable, problem: text, fix: fixes[variable] ?? 'correct the value' };
}

function parsePreviousKeys(text: string | undefined, problems: ConfigProblem[]): EncryptionKey[] {
  if (text === undefined) return [];
  const keys: EncryptionKey[] = [];
  text.split(',').forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const keyId = entry.slice(0, colon).trim();
    const key = colon === -1 ? null : parseEncryptionKey(entry.slice(colon + 1));
    if (colon === -1 || !keyIdPattern.test(keyId) || key === null) {
      // Never echo the entry: it holds key material.
      problems.push(
        problem(
          'KAM_ENCRYPTION_PREVIOUS_KEYS',
          `entry ${index + 1} is not keyId:<32-byte key as base64 or hex>`,
        ),
      );
    } else {
      keys.push({ keyId, key: new Secret(key) });
    }
  });
  return keys;
}

type RawEnv = Partial<Record<keyof Env, string>>;

/** Trimmed values, empty as unset: cross-checks run even when some variables failed to parse. */
function rawEnv(env: NodeJS.ProcessEnv): RawEnv {
  const raw: RawEnv = {};
  for (const key of Object.keys(envSchema.shape) as (keyof Env)[]) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') raw[key] = value;
  }
  return raw;
}

function crossCheck(env: RawEnv, problems: ConfigProblem[]): void {
  const hasId = env.HUBSPOT_CLIENT_ID !== undefined;
  const hasSecret = env.HUBSPOT_CLIENT_SECRET !== undefined;
  if (hasId !== hasSecret) {
    const missing = hasId ? 'HUBSPOT_CLIENT_SECRET' : 'HUBSPOT_CLIENT_ID';
    problems.push(problem(missing, 'is missing while the other HubSpot credential is set'));
  }
  // Either credential set means HubSpot mode was meant: report everything it needs at once.
  if (hasId || hasSecret) {
    if (env.PUBLIC_BASE_URL === undefined)
      problems.push(problem('PUBLIC_BASE_URL', 'is required with HubSpot credentials'));
    else if (!env.PUBLIC_BASE_URL.startsWith('https://'))
      problems.push(problem('PUBLIC_BASE_URL', 'must use https (HubSpot only calls https URLs)'));
    if (env.KAM_ENCRYPTION_KEY === undefined)
      problems.push(
        problem(
          'KAM_ENCRYPTION_KEY',
          'is required with HubSpot credentials (tokens are encrypted at rest)',
        ),
      );
  }
  if (env.KAM_ENCRYPTION_KEY !== undefined && parseEncryptionKey(env.KAM_ENCRYPTION_KEY) === null) {
    problems.push(
      problem(
        'KAM_ENCRYPTION_KEY',
        'must be 32 bytes encoded as base64 (44 characters) or hex (64 characters)',
      ),
    );
  }
  if (
    env.DATABASE_URL === undefined &&
    env.KAM_PROCESS_ROLE !== undefined &&
    env.KAM_PROCESS_ROLE !== 'all'
  ) {
    problems.push({
      variable: 'KAM_PROCESS_ROLE',
      problem: `is "${env.KAM_PROCESS_ROLE}" but the embedded database serves one process only`,
      fix: 'set DATABASE_URL to run separate web and worker processes, or use KAM_PROCESS_ROLE=all',
    });
  }
}

function buildConfig(env: Env, previous: EncryptionKey[]): AppConfig {
  const mode = env.HUBSPOT_CLIENT_ID !== undefined ? 'hubspot' : 'sandbox';
  const dataDir = path.resolve(env.KAM_DATA_DIR);
  const keyBytes =
    env.KAM_ENCRYPTION_KEY === undefined ? null : parseEncryptionKey(env.KAM_ENCRYPTION_KEY);
  return {
    mode,
    role: env.KAM_PROCESS_ROLE ?? 'all',
    port: env.PORT,
    publicBaseUrl: (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    dataDir,
    database:
      env.DATABASE_URL === undefined
        ? { kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') }
        : {
            kind: 'postgres',
            url: new Secret(env.DATABASE_URL),
            poolSize: env.KAM_DB_POOL_SIZE ?? 10,
          },
    hubspot: {
      clientId: env.HUBSPOT_CLIENT_ID ?? null,
      clientSecret:
        env.HUBSPOT_CLIENT_SECRET === undefined ? null : new Secret(env.HUBSPOT_CLIENT_SECRET),
      appId: env.HUBSPOT_APP_ID ?? null,
      baseUrl: (
        env.HUBSPOT_BASE_URL ??
        (mode === 'sandbox' ? `http://127.0.0.1:${env.SANDBOX_PORT}` : 'https://api.hubapi.com')
      ).replace(/\/+$/, ''),
      requestsPer10s: env.HUBSPOT_REQUESTS_PER_10S,
    },
    sandbox: { port: env.SANDBOX_PORT, accessToken: new Secret(env.SANDBOX_ACCESS_TOKEN) },
    encryption: {
      current:
        keyBytes === null
          ? null
          : { keyId: env.KAM_ENCRYPTION_KEY_ID ?? 'k1', key: new Secret(keyBytes) },
      previous,
    },
    logLevel: env.LOG_LEVEL ?? 'info',
    workerLeaseSeconds: env.KAM_WORKER_LEASE_SECONDS ?? 600,
    statsRefreshSeconds: env.KAM_STATS_REFRESH_SECONDS ?? 600,
  };
}

/**
 * Reads and validates the configuration. Throws a ConfigError listing every bad
 * variable with what is wrong and how to fix it; secret values are never echoed.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(problem(String(issue.path[0] ?? 'environment'), issue.message));
    }
  }
  const raw = rawEnv(env);
  const previous = parsePreviousKeys(raw.KAM_ENCRYPTION_PREVIOUS_KEYS, problems);
  if (
    raw.KAM_ENCRYPTION_KEY_ID !== undefined &&
    previous.some((k) => k.keyId === raw.KAM_ENCRYPTION_KEY_ID)
  ) {
    problems.push(
      problem(
        'KAM_ENCRYPTION_PREVIOUS_KEYS',
        `repeats the current key id "${raw.KAM_ENCRYPTION_KEY_ID}"`,
      ),
    );
  }
  const before = problems.length;
  const reported = new Set(problems.map((p) => p.variable));
  crossCheck(raw, problems);
  // A variable that failed to parse already says what is wrong with it.
  const kept = problems.filter((p, i) => i < before || !reported.has(p.variable));
  if (!parsed.success || kept.length > 0) throw new ConfigError(kept);
  return buildConfig(parsed.data, previous);
}
