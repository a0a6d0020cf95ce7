import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Webhook subscriptions as HubSpot's project component declares them
 * (`webhooks-hsmeta.json`, platform 2026.03): generic `crmObjects`
 * (`object.<event>` plus `objectType`), `legacyCrmObjects`
 * (`contact.propertyChange`) and `hubEvents` (`contact.privacyDeletion`).
 */
const subscriptionEntrySchema = z.object({
  subscriptionType: z.string().min(1),
  objectType: z.string().min(1).optional(),
  /** Older templates named it `objectName`. */
  objectName: z.string().min(1).optional(),
  propertyName: z.string().min(1).optional(),
  active: z.boolean().default(true),
});

export const webhooksComponentSchema = z.object({
  uid: z.string().optional(),
  type: z.literal('webhooks').optional(),
  config: z.object({
    settings: z
      .object({
        targetUrl: z.string().optional(),
        maxConcurrentRequests: z.number().int().min(1).optional(),
      })
      .default({}),
    subscriptions: z
      .object({
        crmObjects: z.array(subscriptionEntrySchema).default([]),
        legacyCrmObjects: z.array(subscriptionEntrySchema).default([]),
        hubEvents: z.array(subscriptionEntrySchema).default([]),
      })
      .default({ crmObjects: [], legacyCrmObjects: [], hubEvents: [] }),
  }),
});
export type WebhooksComponent = z.infer<typeof webhooksComponentSchema>;

export const eventKinds = [
  'creation',
  'deletion',
  'propertyChange',
  'merge',
  'restore',
  'associationChange',
  'privacyDeletion',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** A subscription as the sandbox matches it against change events. */
export const subscriptionSchema = z.object({
  id: z.number().int(),
  /** As delivered: 'company.propertyChange' or 'object.propertyChange'. */
  subscriptionType: z.string(),
  /** Singular lowercase object name: 'contact', 'company', 'task'. */
  objectType: z.string(),
  kind: z.enum(eventKinds),
  /** Generic (`object.*`) subscriptions carry `objectTypeId` in their events. */
  generic: z.boolean(),
  propertyName: z.string().optional(),
  active: z.boolean(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** What callers give programmatically; ids are assigned. */
export const subscriptionInputSchema = z.object({
  subscriptionType: z.string().min(1),
  objectType: z.string().min(1).optional(),
  propertyName: z.string().min(1).optional(),
  active: z.boolean().default(true),
});
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;

const SINGULAR: Record<string, string> = {
  contacts: 'contact',
  '0-1': 'contact',
  companies: 'company',
  '0-2': 'company',
  deals: 'deal',
  '0-3': 'deal',
  tickets: 'ticket',
  '0-5': 'ticket',
  products: 'product',
  '0-7': 'product',
  line_items: 'line_item',
  '0-8': 'line_item',
  tasks: 'task',
  '0-27': 'task',
  notes: 'note',
  '0-46': 'note',
  meetings: 'meeting',
  '0-47': 'meeting',
  meeting_event: 'meeting',
  meeting_events: 'meeting',
  calls: 'call',
  '0-48': 'call',
  emails: 'email',
  '0-49': 'email',
};

/** Singular name for what a change event or a config calls an object type. */
export function singularObjectType(name: string): string {
  const n = name.toLowerCase();
  return Object.hasOwn(SINGULAR, n) ? SINGULAR[n] : n;
}

/** Parses one declared entry; unknown event names are rejected with a message naming them. */
export function toSubscription(input: SubscriptionInput, id: number): Subscription {
  const entry = subscriptionInputSchema.parse(input);
  const [prefix, event] = entry.subscriptionType.split('.');
  if (!event || !(eventKinds as readonly string[]).includes(event)) {
    throw new Error(`unknown webhook subscriptionType "${entry.subscriptionType}"`);
  }
  const generic = prefix === 'object';
  const objectType = generic ? entry.objectType : prefix;
  if (!objectType) throw new Error(`"${entry.subscriptionType}" needs an objectType`);
  if (event === 'propertyChange' && !entry.propertyName) {
    throw new Error(`"${entry.subscriptionType}" needs a propertyName`);
  }
  return {
    id,
    subscriptionType: entry.subscriptionType,
    objectType: singularObjectType(objectType),
    kind: event as EventKind,
    generic,
    propertyName: entry.propertyName,
    active: entry.active,
  };
}

export interface LoadedWebhookConfig {
  targetUrl?: string;
  maxConcurrentRequests?: number;
  subscriptions: SubscriptionInput[];
}

/** Flattens a parsed component into subscription inputs. */
export function fromComponent(component: WebhooksComponent): LoadedWebhookConfig {
  const { settings, subscriptions } = component.config;
  const all = [
    ...subscriptions.crmObjects,
    ...subscriptions.legacyCrmObjects,
    ...subscriptions.hubEvents,
  ];
  return {
    targetUrl: settings.targetUrl,
    maxConcurrentRequests: settings.maxConcurrentRequests,
    subscriptions: all.map((s) => ({
      subscriptionType: s.subscriptionType,
      objectType: s.objectType ?? s.objectName,
      propertyName: s.propertyName,
      active: s.active,
    })),
  };
}

/** Reads the project's webhooks component; a missing file means no subscriptions. */
export async function loadWebhookConfig(path: string): Promise<LoadedWebhookConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { subscriptions: [] };
    throw err;
  }
  return fromComponent(webhooksComponentSchema.parse(JSON.parse(text)));
}
