import type { AppConfig, ProcessRole } from '../config.js';
import type { Logger } from '../logger.js';
import { composeApp, type ComposedApp, type ComposeOptions } from './compose.js';

/**
 * Which parts this process runs. The embedded database (PGlite) serves one
 * process, which therefore runs everything; with PostgreSQL
 * `KAM_PROCESS_ROLE=web|worker|all` picks (config.ts already rejects web or
 * worker without DATABASE_URL).
 */
export function processRole(config: AppConfig): ProcessRole {
  return config.database.kind === 'pglite' ? 'all' : config.role;
}

/** Starts the process for its role and shuts it down gracefully on SIGTERM/SIGINT. */
export async function runProcess(
  config: AppConfig,
  options: Omit<ComposeOptions, 'role'> & { logger: Logger },
): Promise<ComposedApp> {
  const role = processRole(config);
  const app = await composeApp(config, { ...options, role });
  const { logger } = options;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A second signal, or a stuck shutdown, ends the process anyway.
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  logger.info(
    { role, port: app.http?.port ?? null, database: config.database.kind },
    'KAM for HubSpot started',
  );
  return app;
}
