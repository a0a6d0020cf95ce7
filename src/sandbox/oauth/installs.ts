/**
 * Which apps are installed in which portal, with the scopes granted. Install
 * and uninstall are announced to listeners (the admin log, the explorer, tests).
 */
export interface Installation {
  portalId: number;
  appId: number;
  scopes: string[];
  userId: number;
  installedAt: number;
}

export interface AppLifecycleEvent {
  type: 'app.install' | 'app.uninstall';
  portalId: number;
  appId: number;
  occurredAt: number;
}

export type AppLifecycleListener = (e: AppLifecycleEvent) => void;

export class InstallRegistry {
  private readonly installs = new Map<string, Installation>();
  private listeners: AppLifecycleListener[] = [];
  private readonly history: AppLifecycleEvent[] = [];
  /** Bumped on every change, so derived views (webhook targets) know when to rebuild. */
  version = 0;

  constructor(private readonly now: () => number) {}

  /** Installing again widens the granted scopes, as re-authorizing does in HubSpot. */
  install(portalId: number, appId: number, scopes: string[], userId: number): Installation {
    const key = `${portalId}:${appId}`;
    const existing = this.installs.get(key);
    const install: Installation = existing
      ? { ...existing, scopes: [...new Set([...existing.scopes, ...scopes])] }
      : { portalId, appId, scopes: [...new Set(scopes)], userId, installedAt: this.now() };
    this.installs.set(key, install);
    this.version++;
    if (!existing) this.emit({ type: 'app.install', portalId, appId, occurredAt: this.now() });
    return install;
  }

  uninstall(portalId: number, appId: number): boolean {
    const removed = this.installs.delete(`${portalId}:${appId}`);
    this.version++;
    if (removed) this.emit({ type: 'app.uninstall', portalId, appId, occurredAt: this.now() });
    return removed;
  }

  get(portalId: number, appId: number): Installation | undefined {
    return this.installs.get(`${portalId}:${appId}`);
  }

  list(portalId?: number): Installation[] {
    const all = [...this.installs.values()];
    return portalId === undefined ? all : all.filter((i) => i.portalId === portalId);
  }

  /** Forgets a portal's installs without events (portal reset). */
  dropPortal(portalId: number): void {
    for (const i of this.list(portalId)) this.installs.delete(`${i.portalId}:${i.appId}`);
    this.version++;
  }

  onEvent(listener: AppLifecycleListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  events(portalId?: number): AppLifecycleEvent[] {
    return portalId === undefined
      ? [...this.history]
      : this.history.filter((e) => e.portalId === portalId);
  }

  private emit(e: AppLifecycleEvent): void {
    this.history.push(e);
    if (this.history.length > 500) this.history.shift();
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }
}
