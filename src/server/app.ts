import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { AppDeps } from '../app/deps.js';
import { adminActionsRouter } from './admin-actions.js';
import { errorHandler, notFound } from './errors.js';
import { healthRouter } from './health.js';
import { mountRoutes, type RouteDefinition } from './mount.js';
import { requestContext } from './request-context.js';
import { statusRouter } from './status.js';

/**
 * The express 5 app: request ids and logs, health/readiness/metrics, the
 * admin status endpoint and actions (reconcile now), the `serverless/` handlers, then 404 and the one
 * error renderer. No global body parser: each route parses its own body (the
 * webhook needs the raw bytes for its signature).
 */

export interface HttpAppOptions {
  routes: readonly RouteDefinition[];
  /** Bearer token for /status from outside loopback (KAM_ADMIN_TOKEN); null = loopback only. */
  adminToken?: string | null;
}

export function createHttpApp(deps: AppDeps, options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Behind HubSpot → proxy → us, req.protocol/host are the proxy's; we never derive URLs from them.
  app.use(requestContext(deps.logger));
  app.use(healthRouter(deps));
  app.use(statusRouter(deps, options.adminToken ?? null));
  app.use(adminActionsRouter(deps, options.adminToken ?? null));
  mountRoutes(app, deps, options.routes);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

export interface RunningHttpServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function listen(
  app: Express,
  port: number,
  host = '0.0.0.0',
): Promise<RunningHttpServer> {
  const server = createServer(app);
  // Longer than typical load balancer idle timeouts, so they close first.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    server,
    port: actual,
    url: `http://${shown}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
