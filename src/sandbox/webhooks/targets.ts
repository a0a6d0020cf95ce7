import type { AppConfig, AppRegistry } from '../oauth/apps.js';
import type { InstallRegistry } from '../oauth/installs.js';
import type { WebhookTarget } from './dispatcher.js';
import { toSubscription, type Subscription, type SubscriptionInput } from './subscriptions.js';

/**
 * Where a portal's change events go: every installed app that has a webhook
 * URL, with its subscriptions (from the project file and/or given in code).
 */
export class WebhookTargets {
  private readonly cache = new WeakMap<AppConfig, Subscription[]>();
  /**
   * Each portal's targets as of the registries' versions: every change a
   * write makes asks for them (hundreds per batch update).
   */
  private readonly built = new Map<
    number,
    { apps: number; installs: number; targets: WebhookTarget[] }
  >();

  constructor(
    private readonly apps: AppRegistry,
    private readonly installs: InstallRegistry,
    /** Subscriptions every app gets from the project's webhooks-hsmeta.json (demo app only). */
    private readonly fileSubscriptions: (app: AppConfig) => SubscriptionInput[],
  ) {}

  /** The portal's targets; the same array until an app or install changes (do not modify it). */
  readonly forPortal = (portalId: number): WebhookTarget[] => {
    const known = this.built.get(portalId);
    const apps = this.apps.version;
    const installs = this.installs.version;
    if (known && known.apps === apps && known.installs === installs) return known.targets;
    const targets = this.build(portalId);
    this.built.set(portalId, { apps, installs, targets });
    return targets;
  };

  private build(portalId: number): WebhookTarget[] {
    const out: WebhookTarget[] = [];
    for (const install of this.installs.list(portalId)) {
      const app = this.apps.get(install.appId);
      if (!app?.webhookUrl) continue;
      out.push({
        portalId,
        appId: app.appId,
        clientSecret: app.clientSecret,
        targetUrl: app.webhookUrl,
        subscriptions: this.subscriptionsOf(app),
        maxConcurrentRequests: app.maxConcurrentRequests,
        legacySignatureVersion: app.legacySignatureVersion,
      });
    }
    return out;
  }

  /** Subscriptions of an app, numbered 1…n in declaration order (file first). */
  subscriptionsOf(app: AppConfig): Subscription[] {
    let subs = this.cache.get(app);
    if (!subs) {
      const inputs = [...this.fileSubscriptions(app), ...app.subscriptions];
      subs = inputs.map((input, i) => toSubscription(input, i + 1));
      this.cache.set(app, subs);
    }
    return subs;
  }
}
