import type { Client } from '@hubspot/api-client';
import type { AppConfig } from '../config.js';
import type { Db } from '../store/db.js';
import type { Queue } from '../jobs/queue.js';
import type { Logger } from '../logger.js';
import type { TokenCipher } from '../store/crypto.js';

/**
 * What the backend's modules receive instead of importing singletons: one
 * object built by the composition root (src/app/compose.ts), so tests can build
 * it over PGlite in memory and the sandbox.
 */

/** Gives an authenticated api-client for a portal (token refreshed as needed, shared rate limit). */
export interface HubSpotAccess {
  clientFor(portalId: number): Promise<Client>;
  /** Our app id: events whose sourceId names it are our own writes. */
  readonly appId: string;
}

export interface AppDeps {
  config: AppConfig;
  db: Db;
  /** pg-boss queue; null in a process that only serves HTTP and never sends. */
  queue: Queue | null;
  logger: Logger;
  cipher: TokenCipher;
  hubspot: HubSpotAccess;
  /** The clock. Injected so tests can move time with the sandbox. */
  now: () => Date;
}
