import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { z } from 'zod';
import { runProcess } from '../app/processes.js';
import { loadConfig, type AppConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { progressBar } from './progress.js';
import { startSandboxSession } from './sandbox-session.js';
import { alertTaskCounts } from './alert-tasks.js';
import { portfolioSummary } from './summary.js';

/**
 * `npm start`. Without HubSpot credentials: a seeded sandbox portal, our app
 * installed into it through OAuth, a backfill with a progress bar, the
 * portfolio summary and the URLs to explore; then it keeps running, so a
 * change made in the sandbox shows up in seconds. With HUBSPOT_CLIENT_ID /
 * HUBSPOT_CLIENT_SECRET and PUBLIC_BASE_URL: the real app (role from
 * KAM_PROCESS_ROLE when DATABASE_URL is set).
 */

const startEnvSchema = z.object({
  SANDBOX_COMPANIES: z.coerce.number().int().min(1).max(100_000).default(200),
  SANDBOX_SEED: z.coerce.number().int().default(42),
  SANDBOX_TIME_ZONE: z.string().min(1).default('America/New_York'),
});

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * In sandbox mode the terminal shows progress and the summary; logs go to
 * `<data folder>/kam.log` unless LOG_LEVEL was set explicitly.
 */
function sandboxLogger(config: AppConfig): { logger: Logger; file: string | null } {
  if (process.env.LOG_LEVEL)
    return { logger: createLogger({ level: config.logLevel }), file: null };
  mkdirSync(config.dataDir, { recursive: true });
  const file = path.join(config.dataDir, 'kam.log');
  return {
    logger: createLogger({
      level: 'info',
      destination: pino.destination({ dest: file, sync: false }),
    }),
    file,
  };
}

async function sandboxMode(config: AppConfig): Promise<void> {
  const env = startEnvSchema.parse(process.env);
  // Our webhook URL must be the one the sandbox calls and signs; loopback avoids IPv6 surprises.
  const publicBaseUrl = process.env.PUBLIC_BASE_URL
    ? config.publicBaseUrl
    : `http://127.0.0.1:${config.port}`;
  const cfg: AppConfig = { ...config, publicBaseUrl };
  const { logger, file } = sandboxLogger(cfg);
  out(`KAM for HubSpot — sandbox mode (no HubSpot credentials set)`);
  out(`  data folder: ${cfg.dataDir}${file ? `   logs: ${file}` : ''}`);
  out(
    `  starting a HubSpot sandbox with ${env.SANDBOX_COMPANIES} demo companies and installing the app through OAuth…`,
  );
  const bar = progressBar();
  const session = await startSandboxSession({
    config: cfg,
    logger,
    companies: env.SANDBOX_COMPANIES,
    seed: env.SANDBOX_SEED,
    timeZone: env.SANDBOX_TIME_ZONE,
    // A real install opens its first alerts without tasks (no flood on day one);
    // the demo shows the whole path, alert → HubSpot task, at once.
    initialSettings: { alerts: { baselineWithoutTasks: false } },
    onProgress: (p) => bar.update(p),
  });
  bar.stop();
  const { app, sandbox, portalId } = session;
  if (session.reused) out(`  reused the install of portal ${portalId} found in the data folder`);
  const summary = await portfolioSummary(app.deps.db, portalId);
  const appUrl = publicBaseUrl;
  out();
  out(summary.text);
  const tasks = await alertTaskCounts(app.deps.db, portalId);
  out(
    `Alert tasks in HubSpot: ${tasks.tasks} open (respond and plan) for ${tasks.openEpisodes} open alert roots` +
      (tasks.digested > 0
        ? `, ${tasks.digested} in owners' daily digest tasks (over the daily budget)`
        : '') +
      (tasks.pendingWrites > 0 ? `; ${tasks.pendingWrites} still being written` : ''),
  );
  out();
  out('Explore');
  out(`  sandbox explorer (kam_*, tasks):  ${sandbox.url}/?portal=${portalId}`);
  out(`  sandbox admin API:                ${sandbox.url}/_sandbox`);
  out(
    `  our app:                          ${appUrl}   (health ${appUrl}/healthz, ready ${appUrl}/readyz)`,
  );
  out(`  portal status:                    ${appUrl}/status/${portalId}`);
  out(`  metrics:                          ${appUrl}/metrics`);
  const example = summary.exampleCompanyId ?? '<companyId>';
  out(
    `  Key account card preview:         ${appUrl}/preview/company/${example}?portalId=${portalId}`,
  );
  out(`    (add &card=committee for the Buying committee card, &locale=zh-CN for Chinese)`);
  out();
  out(
    'Change something in the sandbox (e.g. a deal amount) and its company is re-evaluated within seconds:',
  );
  out(
    `  curl -X PATCH ${sandbox.url}/crm/v3/objects/deals/<dealId> -H 'Authorization: Bearer ${cfg.sandbox.accessToken.reveal()}' \\`,
  );
  out(`       -H 'Content-Type: application/json' -d '{"properties":{"amount":"250000"}}'`);
  out('Press Ctrl+C to stop.');
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    session.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function hubspotMode(config: AppConfig): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const app = await runProcess(config, { logger });
  if (app.http) {
    out(
      `KAM for HubSpot listening on port ${app.http.port}; install at ${config.publicBaseUrl}/install`,
    );
  } else {
    out('KAM for HubSpot worker running (jobs and schedules)');
  }
}

export async function main(): Promise<void> {
  const config = loadConfig();
  if (config.mode === 'sandbox') await sandboxMode(config);
  else await hubspotMode(config);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
  else
    process.stderr.write(
      `KAM for HubSpot failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  process.exit(1);
});
