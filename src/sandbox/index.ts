import { join } from 'node:path';
import { Client } from '@hubspot/api-client';
import { adminRouter } from './admin/routes.js';
import { CallLog } from './admin/call-log.js';
import { SandboxRuntime, type RuntimeOptions } from './admin/runtime.js';
import { explorerRouter } from './explorer/routes.js';
import { Sandbox, type CreatePortalOptions } from './sandbox.js';
import { loadWebhookConfig } from './webhooks/subscriptions.js';
import type { SeedOptions } from './seed/seed-portal.js';
import type { AppConfigInput } from './oauth/apps.js';
import type { SandboxClock } from './clock.js';
import type { RateLimitSettingsInput } from './limits/settings.js';
import type { DeliverySettingsInput } from './webhooks/retry-policy.js';

export { SandboxRuntime } from './admin/runtime.js';
export type { InstalledApp } from './admin/runtime.js';
export { DEMO_APP_ID, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from './oauth/apps.js';
export { webhookEventSchema, webhookBatchSchema, type WebhookEvent } from './webhooks/events.js';

/**
 * Options of {@link startSandbox}. Everything is in memory; nothing is
 * persisted, so every call starts from the same state.
 */
export interface StartSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  clock?: SandboxClock;
  /** Static token of the default portal (default env SANDBOX_ACCESS_TOKEN or 'sandbox-token'). */
  staticToken?: string;
  defaultPortal?: CreatePortalOptions;
  /** Fill the default portal (default: nothing). */
  seed?: SeedOptions | false;
  /** Overrides for the demo app (webhookUrl, subscriptions, clientSecret, …). */
  demoApp?: Partial<AppConfigInput>;
  /** Install the demo app in the default portal at start (default true). */
  installDemoApp?: boolean;
  /** Project root for extensions/app/… (default: the working directory). */
  projectRoot?: string;
  /** The webhooks component to read subscriptions from; false = none. */
  webhooksFile?: string | false;
  /** Our app-hsmeta.json (scopes); false = allow any scope. */
  appMetaFile?: string | false;
  rateLimits?: RateLimitSettingsInput;
  delivery?: DeliverySettingsInput;
}

export interface RunningSandbox {
  url: string;
  port: number;
  runtime: SandboxRuntime;
  sandbox: Sandbox;
  /** An api-client pointed at the sandbox (the demo app's token for the default portal unless given). */
  client(options?: { accessToken?: string; numberOfApiCallRetries?: number }): Client;
  close(): Promise<void>;
}

/** Builds the sandbox with OAuth, limits, faults, webhooks, admin API and explorer, and listens. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const root = options.projectRoot ?? process.cwd();
  const webhooksFile =
    options.webhooksFile ?? join(root, 'extensions/app/webhooks/webhooks-hsmeta.json');
  const fileConfig =
    webhooksFile === false ? { subscriptions: [] } : await loadWebhookConfig(webhooksFile);
  const sandbox = new Sandbox({
    clock: options.clock,
    staticToken: options.staticToken,
    defaultPortal: { ...options.defaultPortal },
  });
  const runtimeOptions: RuntimeOptions = {
    fileSubscriptions: fileConfig.subscriptions,
    appMetaFile:
      options.appMetaFile === false
        ? undefined
        : (options.appMetaFile ?? join(root, 'extensions/app/app-hsmeta.json')),
    demoApp: {
      ...(fileConfig.maxConcurrentRequests !== undefined
        ? { maxConcurrentRequests: fileConfig.maxConcurrentRequests }
        : {}),
      ...options.demoApp,
    },
    rateLimits: options.rateLimits,
    delivery: options.delivery,
    defaultPortal: options.defaultPortal,
    installDemoApp: options.installDemoApp ?? true,
    seed: options.seed === false ? undefined : options.seed,
  };
  const runtime = new SandboxRuntime(sandbox, new CallLog(), runtimeOptions);
  runtime.attach({ admin: adminRouter(runtime), explorer: explorerRouter(runtime) });
  runtime.initialize();
  const { url, port } = await sandbox.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  runtime.baseUrl = url;
  return {
    url,
    port,
    runtime,
    sandbox,
    client: (o = {}) =>
      new Client({
        basePath: url,
        accessToken: o.accessToken ?? runtime.demoInstall?.accessToken ?? sandbox.staticToken,
        numberOfApiCallRetries: o.numberOfApiCallRetries,
      }),
    close: async () => {
      runtime.shutdown();
      await sandbox.close();
    },
  };
}
