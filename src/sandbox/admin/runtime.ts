import type { Request, RequestHandler, Router } from 'express';
import { authIfAny, bearerToken } from '../auth.js';
import { FaultInjector } from '../faults/injector.js';
import { FaultMiddleware } from '../faults/middleware.js';
import { RateLimiter } from '../limits/limiter.js';
import { bodySizeMiddleware, rateLimitMiddleware } from '../limits/middleware.js';
import type { RateLimitSettingsInput } from '../limits/settings.js';
import { readAppScopes } from '../oauth/app-meta.js';
import {
  AppRegistry,
  DEMO_APP_ID,
  demoAppConfig,
  type AppConfig,
  type AppConfigInput,
} from '../oauth/apps.js';
import { InstallRegistry } from '../oauth/installs.js';
import { oauthRouter } from '../oauth/routes.js';
import { OAuthService } from '../oauth/service.js';
import { TokenStore } from '../oauth/token-store.js';
import type { PortalState } from '../portal/portal-state.js';
import type { CreatePortalOptions, Sandbox } from '../sandbox.js';
import { seedPortal, type SeedOptions, type SeedSummary } from '../seed/seed-portal.js';
import { WebhookDispatcher } from '../webhooks/dispatcher.js';
import type { DeliverySettingsInput } from '../webhooks/retry-policy.js';
import type { SubscriptionInput } from '../webhooks/subscriptions.js';
import { WebhookTargets } from '../webhooks/targets.js';
import { callLogMiddleware, type CallLog } from './call-log.js';

export interface RuntimeOptions {
  /** Subscriptions from the project's webhooks-hsmeta.json (given to the demo app). */
  fileSubscriptions: SubscriptionInput[];
  appMetaFile?: string;
  demoApp?: Partial<AppConfigInput>;
  rateLimits?: RateLimitSettingsInput;
  delivery?: DeliverySettingsInput;
  defaultPortal?: CreatePortalOptions;
  installDemoApp: boolean;
  seed?: SeedOptions;
}

/** An app installed through the shortcut (no browser), with its first token pair. */
export interface InstalledApp {
  portalId: number;
  appId: number;
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/** Paths of the sandbox itself (admin API, explorer) that faults, limits and the call log leave alone. */
export function isSandboxPath(req: Request): boolean {
  return (
    req.path.startsWith('/_sandbox') ||
    (req.method === 'GET' && (req.path === '/' || req.path === '/favicon.ico'))
  );
}

/**
 * Hands a request to `router` only when `test` accepts its path (lower-cased,
 * as express matches paths case-insensitively), so that CRM calls do not walk
 * the OAuth, admin and explorer routes one by one.
 */
function routeWhen(test: (path: string) => boolean, router: Router): RequestHandler {
  return (req, res, next) => (test(req.path.toLowerCase()) ? router(req, res, next) : next());
}

const isOAuthPath = (p: string) => p.startsWith('/oauth/') || p.startsWith('/appinstalls/');
const isAdminPath = (p: string) => p.startsWith('/_sandbox');
const isExplorerPath = (p: string) => p === '/';

/**
 * Everything S2 adds around the core sandbox: apps and OAuth, installs, rate
 * limits, faults, webhooks, call counts; plus the operations the admin API
 * and tests use (install, reset, seed, new portal).
 */
export class SandboxRuntime {
  readonly apps = new AppRegistry();
  readonly installs: InstallRegistry;
  readonly tokens: TokenStore;
  readonly oauth: OAuthService;
  readonly limiter: RateLimiter;
  readonly faults = new FaultInjector();
  readonly faultMiddleware: FaultMiddleware;
  readonly targets: WebhookTargets;
  readonly webhooks: WebhookDispatcher;
  demoInstall: InstalledApp | undefined;
  baseUrl = '';
  private readonly listening = new WeakSet<PortalState>();

  constructor(
    readonly sandbox: Sandbox,
    readonly calls: CallLog,
    private readonly o: RuntimeOptions,
  ) {
    const now = () => this.now();
    this.installs = new InstallRegistry(now);
    this.tokens = new TokenStore(now);
    this.oauth = new OAuthService({
      apps: this.apps,
      installs: this.installs,
      tokens: this.tokens,
      now,
      portalExists: (id) => sandbox.portals.has(id),
      defaultPortalId: () => sandbox.defaultPortalId,
    });
    sandbox.tokens.addResolver(this.oauth.resolve);
    // Installs through the browser flow need webhooks too.
    this.installs.onEvent((e) => {
      const portal = e.type === 'app.install' ? sandbox.getPortal(e.portalId) : undefined;
      if (portal) this.listen(portal);
    });
    this.limiter = new RateLimiter(o.rateLimits);
    this.faultMiddleware = new FaultMiddleware({
      injector: this.faults,
      portalOf: (req) => {
        const token = bearerToken(req.header('authorization'));
        return token ? sandbox.tokens.resolve(token)?.portalId : undefined;
      },
    });
    this.targets = new WebhookTargets(this.apps, this.installs, (app) =>
      app.appId === DEMO_APP_ID ? o.fileSubscriptions : [],
    );
    this.webhooks = new WebhookDispatcher({
      targets: this.targets.forPortal,
      now,
      faults: this.faults,
      settings: o.delivery,
    });
  }

  now(): number {
    return this.sandbox.clock.now();
  }

  get demoApp(): AppConfig {
    const app = this.apps.get(DEMO_APP_ID);
    if (!app) throw new Error('demo app is not registered');
    return app;
  }

  /** Mounts the middleware and routers on the core sandbox (once, before listen). */
  attach(routers: { admin: Router; explorer: Router }): void {
    // Without rules (the usual case) nothing can fire: skip the path and token checks.
    const faults: RequestHandler = (req, res, next) =>
      !this.faults.hasRules || isSandboxPath(req)
        ? next()
        : this.faultMiddleware.handler(req, res, next);
    this.sandbox.use({
      routers: [
        callLogMiddleware({
          log: this.calls,
          now: () => this.now(),
          caller: (req, res) => {
            const auth = authIfAny(res.locals);
            if (auth) return { portalId: auth.portalId, appId: auth.appId };
            // Answered before authentication (a fault, a 413): still count it for the token's portal.
            const token = bearerToken(req.header('authorization'));
            const info = token ? this.sandbox.tokens.resolve(token) : undefined;
            return info ? { portalId: info.portalId, appId: info.appId } : undefined;
          },
          skip: isSandboxPath,
        }),
        bodySizeMiddleware(() => this.limiter.current.maxBodyBytes),
        faults,
        routeWhen(
          isOAuthPath,
          oauthRouter({ oauth: this.oauth, registry: this.sandbox.tokens, now: () => this.now() }),
        ),
        routeWhen(isAdminPath, routers.admin),
        routeWhen(isExplorerPath, routers.explorer),
      ],
      before: [
        rateLimitMiddleware({
          limiter: this.limiter,
          now: () => this.now(),
          caller: (_req, res) => {
            const auth = authIfAny(res.locals);
            // Static (private-app style) tokens count as app 0.
            return auth ? { portalId: auth.portalId, appId: auth.appId ?? 0 } : undefined;
          },
        }),
      ],
    });
  }

  /** Registers the demo app, seeds the default portal and installs the app, as configured. */
  initialize(): void {
    const scopes = this.o.appMetaFile ? readAppScopes(this.o.appMetaFile) : undefined;
    this.apps.register({
      ...demoAppConfig(),
      scopes: scopes ? [...scopes.required, ...scopes.optional] : [],
      ...this.o.demoApp,
    });
    const portalId = this.sandbox.defaultPortalId;
    if (portalId === undefined) return;
    if (this.o.seed) this.seed(portalId, this.o.seed);
    if (this.o.installDemoApp) this.demoInstall = this.install(portalId, DEMO_APP_ID);
  }

  portal(portalId?: number): PortalState {
    const id = portalId ?? this.sandbox.defaultPortalId;
    const p = id === undefined ? undefined : this.sandbox.getPortal(id);
    if (!p) throw new Error(`unknown portal ${id ?? '(none)'}`);
    return p;
  }

  createPortal(opts: CreatePortalOptions & { seed?: SeedOptions; installDemoApp?: boolean } = {}): {
    portal: PortalState;
    install?: InstalledApp;
  } {
    const { seed, installDemoApp, ...portalOpts } = opts;
    const portal = this.sandbox.createPortal(portalOpts);
    if (seed) this.seed(portal.portalId, seed);
    const install = installDemoApp ? this.install(portal.portalId, DEMO_APP_ID) : undefined;
    return { portal, install };
  }

  seed(portalId: number, options: SeedOptions = {}): SeedSummary {
    return seedPortal(this.portal(portalId), this.now(), options);
  }

  /** Installs an app without the browser round trip and returns a token pair. */
  install(portalId: number, appId = DEMO_APP_ID, scopes?: string[]): InstalledApp {
    const issued = this.oauth.install(portalId, appId, scopes);
    this.listen(this.portal(portalId));
    return {
      portalId,
      appId,
      accessToken: issued.access.token,
      refreshToken: issued.refresh.token,
      expiresAt: issued.access.expiresAt,
    };
  }

  uninstall(portalId: number, appId = DEMO_APP_ID): boolean {
    return this.oauth.uninstall(portalId, appId);
  }

  /** Back to the start: empty default portal (seeded/installed as configured), no logs, faults or limit state. */
  reset(options: { seed?: SeedOptions | false } = {}): void {
    const defaultId = this.sandbox.defaultPortalId;
    this.webhooks.reset();
    this.webhooks.configure({ ...this.o.delivery });
    this.faults.clear();
    this.faultMiddleware.releaseAll();
    this.limiter.configure({ ...new RateLimiter(this.o.rateLimits).current });
    this.calls.reset();
    for (const id of [...this.sandbox.portals.keys()]) {
      this.tokens.dropPortal(id);
      this.installs.dropPortal(id);
      this.sandbox.portals.delete(id);
    }
    this.apps.clear();
    this.demoInstall = undefined;
    if (defaultId !== undefined)
      this.sandbox.createPortal({ ...this.o.defaultPortal, portalId: defaultId });
    const seed = options.seed === undefined ? this.o.seed : options.seed || undefined;
    const saved = this.o.seed;
    this.o.seed = seed;
    try {
      this.initialize();
    } finally {
      this.o.seed = saved;
    }
  }

  /** Webhooks only flow for portals with an installed app, so listen from the first install on. */
  private listen(portal: PortalState): void {
    if (this.listening.has(portal)) return;
    this.listening.add(portal);
    portal.onChange(this.webhooks.handle, this.webhooks.wants);
  }

  shutdown(): void {
    this.webhooks.close();
    this.faultMiddleware.releaseAll();
  }
}
