import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createSandboxApp, type SandboxHooks } from './app.js';
import { TokenRegistry } from './auth.js';
import { SandboxClock } from './clock.js';
import { loadAppObjectSchemas, registerAppObjects } from './portal/app-objects.js';
import { PortalState, type PortalOptions } from './portal/portal-state.js';

export const DEFAULT_PORTAL_ID = 20_000_001;
export const DEFAULT_ACCESS_TOKEN = 'sandbox-token';

export interface CreatePortalOptions extends Partial<PortalOptions> {
  /** Register the app objects declared in extensions/app/app-objects/*-hsmeta.json (when present). */
  appObjects?: boolean;
  /** Project root to look for app-object metafiles in; defaults to the working directory. */
  projectRoot?: string;
}

export interface SandboxOptions {
  clock?: SandboxClock;
  /** Static token for the default portal; defaults to env SANDBOX_ACCESS_TOKEN or 'sandbox-token'. */
  staticToken?: string;
  /** Options of the default portal; false for none. */
  defaultPortal?: CreatePortalOptions | false;
}

/**
 * A local, stateful HubSpot: portals, their CRM data and an express app serving
 * HubSpot's public API paths. Point `@hubspot/api-client` at `listen()`'s url.
 */
export class Sandbox {
  readonly clock: SandboxClock;
  readonly portals = new Map<number, PortalState>();
  readonly tokens = new TokenRegistry();
  readonly hooks: SandboxHooks = { routers: [], before: [] };
  readonly staticToken: string;
  private defaultId: number | undefined;
  private expressApp: Express | undefined;
  private server: Server | undefined;

  constructor(opts: SandboxOptions = {}) {
    this.clock = opts.clock ?? new SandboxClock();
    this.staticToken = opts.staticToken ?? process.env.SANDBOX_ACCESS_TOKEN ?? DEFAULT_ACCESS_TOKEN;
    // The static token acts on the default portal; `<token>:<portalId>` on any other.
    this.tokens.addResolver((token) => {
      if (token === this.staticToken && this.defaultId !== undefined)
        return { portalId: this.defaultId };
      const m = token.startsWith(`${this.staticToken}:`)
        ? Number(token.slice(this.staticToken.length + 1))
        : NaN;
      return this.portals.has(m) ? { portalId: m } : undefined;
    });
    if (opts.defaultPortal !== false)
      this.createPortal({ portalId: DEFAULT_PORTAL_ID, ...opts.defaultPortal });
  }

  createPortal(opts: CreatePortalOptions = {}): PortalState {
    const portalId = opts.portalId ?? this.nextPortalId();
    if (this.portals.has(portalId)) throw new Error(`portal ${portalId} already exists`);
    const portal = new PortalState({ ...opts, portalId }, this.clock);
    if (opts.appObjects)
      registerAppObjects(portal, loadAppObjectSchemas(opts.projectRoot ?? process.cwd()));
    this.portals.set(portalId, portal);
    if (this.defaultId === undefined) this.defaultId = portalId;
    return portal;
  }

  getPortal(id: number): PortalState | undefined {
    return this.portals.get(id);
  }

  get defaultPortal(): PortalState {
    const p = this.defaultId !== undefined ? this.portals.get(this.defaultId) : undefined;
    if (!p) throw new Error('the sandbox has no default portal');
    return p;
  }

  get defaultPortalId(): number | undefined {
    return this.defaultId;
  }

  private nextPortalId(): number {
    let id = DEFAULT_PORTAL_ID + this.portals.size;
    while (this.portals.has(id)) id++;
    return id;
  }

  /** Adds routers/middleware (see SandboxHooks); must happen before the app is built. */
  use(hooks: Partial<SandboxHooks>): this {
    if (this.expressApp) throw new Error('sandbox.use() must be called before app()/listen()');
    this.hooks.routers.push(...(hooks.routers ?? []));
    this.hooks.before.push(...(hooks.before ?? []));
    return this;
  }

  /** The express app (built on first use). */
  app(): Express {
    this.expressApp ??= createSandboxApp(this, this.hooks);
    return this.expressApp;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('sandbox is already listening');
    const server = createServer(this.app());
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const addr = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { url: `http://${shownHost}:${addr.port}`, port: addr.port };
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
