import { startSandbox } from './index.js';

/**
 * `npm run sandbox`: a seeded local HubSpot on SANDBOX_PORT (default 4010).
 * Env: SANDBOX_ACCESS_TOKEN (static token), SANDBOX_CLIENT_ID / _SECRET (demo
 * app), SANDBOX_WEBHOOK_URL (where the demo app's webhooks go),
 * SANDBOX_COMPANIES / SANDBOX_SEED (demo data size and seed), SANDBOX_HOST.
 */
const env = process.env;
const intEnv = (name: string, fallback: number): number => {
  const raw = env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, got ${raw}`);
  return n;
};

async function main(): Promise<void> {
  const running = await startSandbox({
    port: intEnv('SANDBOX_PORT', 4010),
    host: env.SANDBOX_HOST || '127.0.0.1',
    // The demo generator's stories are written for this zone.
    defaultPortal: { timeZone: env.SANDBOX_TIME_ZONE || 'America/New_York' },
    seed: {
      source: 'demo',
      companies: intEnv('SANDBOX_COMPANIES', 200),
      seed: intEnv('SANDBOX_SEED', 42),
    },
    demoApp: env.SANDBOX_WEBHOOK_URL ? { webhookUrl: env.SANDBOX_WEBHOOK_URL } : {},
  });
  const { runtime, sandbox } = running;
  const app = runtime.demoApp;
  const lines = [
    `HubSpot sandbox listening on ${running.url}`,
    `  explorer:       ${running.url}/`,
    `  admin API:      ${running.url}/_sandbox`,
    `  portal id:      ${sandbox.defaultPortalId ?? '(none)'}`,
    `  static token:   ${sandbox.staticToken}   (other portals: ${sandbox.staticToken}:<portalId>)`,
    `  app id:         ${app.appId}`,
    `  client id:      ${app.clientId}`,
    `  client secret:  ${app.clientSecret}`,
    `  OAuth token:    ${runtime.demoInstall?.accessToken ?? '(app not installed)'} (30 min; refresh: ${runtime.demoInstall?.refreshToken ?? '-'})`,
    `  authorize URL:  ${running.url}/oauth/authorize?client_id=${encodeURIComponent(app.clientId)}&redirect_uri=<your callback>&scope=oauth`,
    `  webhooks to:    ${app.webhookUrl ?? '(none: set SANDBOX_WEBHOOK_URL or PATCH /_sandbox/apps/' + app.appId + ')'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `sandbox failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
