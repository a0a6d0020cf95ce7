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

  constructor(
    private readonly apps: AppRegistry,
    private readonly installs: InstallRegistry,
    /** Subscriptions every app gets from the project's webhooks-hsmeta.json (demo app only). */
    private readonly fileSubscriptions: (app: AppConfig) => SubscriptionInput[],
  ) {}

  readonly forPortal = (portalId: number): WebhookTarget[] => {
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
  };

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
