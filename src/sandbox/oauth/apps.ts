import { z } from 'zod';
import { subscriptionInputSchema } from '../webhooks/subscriptions.js';

/**
 * Apps the sandbox knows (HubSpot's "developer apps"). An app has one client
 * id/secret for every portal; installing it in a portal is the OAuth grant.
 * The demo app's credentials come from SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET.
 */
export const DEMO_APP_ID = 1_000_001;
export const DEFAULT_CLIENT_ID = 'kam-sandbox-client-id';
export const DEFAULT_CLIENT_SECRET = 'kam-sandbox-client-secret';

export const appConfigSchema = z.object({
  appId: z.number().int().min(1),
  name: z.string().min(1).default('KAM for HubSpot (sandbox)'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** Allowed redirect URIs; empty = any (the sandbox is lenient by default). */
  redirectUris: z.array(z.string()).default([]),
  /** Scopes the app may be granted; empty = whatever is asked. */
  scopes: z.array(z.string()).default([]),
  /** Where webhooks go; without it nothing is delivered. */
  webhookUrl: z.string().url().optional(),
  subscriptions: z.array(subscriptionInputSchema).default([]),
  maxConcurrentRequests: z.number().int().min(1).default(10),
  /** Which legacy signature goes in X-HubSpot-Signature (v3 is always sent too). */
  legacySignatureVersion: z.enum(['v1', 'v2']).default('v1'),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
export type AppConfigInput = z.input<typeof appConfigSchema>;

export function demoAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfigInput {
  return {
    appId: DEMO_APP_ID,
    clientId: env.SANDBOX_CLIENT_ID || DEFAULT_CLIENT_ID,
    clientSecret: env.SANDBOX_CLIENT_SECRET || DEFAULT_CLIENT_SECRET,
    scopes: [],
  };
}

export class AppRegistry {
  private readonly apps = new Map<number, AppConfig>();
  /** Bumped on every change, so derived views (webhook targets) know when to rebuild. */
  version = 0;

  register(input: AppConfigInput): AppConfig {
    const app = appConfigSchema.parse(input);
    const clash = this.byClientId(app.clientId);
    if (clash && clash.appId !== app.appId)
      throw new Error(`client id ${app.clientId} is taken by app ${clash.appId}`);
    this.apps.set(app.appId, app);
    this.version++;
    return app;
  }

  /** Changes parts of a registered app (webhook URL, subscriptions, …). */
  update(appId: number, patch: Record<string, unknown>): AppConfig {
    const current = this.get(appId);
    if (!current) throw new Error(`unknown app ${appId}`);
    return this.register(appConfigSchema.parse({ ...current, ...patch, appId }));
  }

  get(appId: number): AppConfig | undefined {
    return this.apps.get(appId);
  }

  byClientId(clientId: string): AppConfig | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }

  list(): AppConfig[] {
    return [...this.apps.values()];
  }

  clear(): void {
    this.apps.clear();
    this.version++;
  }
}
