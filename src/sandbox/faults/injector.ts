import { seededRandom, type Random } from './random.js';
import {
  faultRuleSchema,
  globToRegExp,
  webhookFaultSchema,
  type FaultAction,
  type FaultRule,
  type FaultRuleInput,
  type WebhookFaults,
  type WebhookFaultsInput,
} from './rules.js';

interface ActiveRule {
  rule: FaultRule;
  id: string;
  pattern: RegExp;
  random: Random;
  fired: number;
}

export interface FaultDecision {
  /** Summed latency of every firing latency rule. */
  delayMs: number;
  /** The first firing status or timeout rule, if any. */
  terminal?: Exclude<FaultAction, { kind: 'latency' }>;
  ruleIds: string[];
}

export interface FaultCall {
  method: string;
  path: string;
  portalId?: number;
}

export interface WebhookFaultDecision {
  drop: boolean;
  duplicate: boolean;
  reorder: boolean;
}

/** Holds the fault rules and decides, call by call, which ones fire. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private nextId = 1;
  private added = 0;
  private webhook: WebhookFaults = webhookFaultSchema.parse({});
  private webhookRandom: Random = seededRandom(this.webhook.seed);

  add(input: FaultRuleInput): FaultRule & { id: string } {
    const rule = faultRuleSchema.parse(input);
    const id = rule.id ?? `fault-${this.nextId++}`;
    const pattern =
      rule.pathRegex !== undefined ? new RegExp(rule.pathRegex) : globToRegExp(rule.path ?? '**');
    const seed = rule.seed ?? 1 + this.added++ * 7919;
    this.rules = this.rules.filter((r) => r.id !== id);
    this.rules.push({ rule, id, pattern, random: seededRandom(seed), fired: 0 });
    return { ...rule, id };
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
    this.configureWebhooks({});
  }

  /** False while no rule is set: then no call can fault. */
  get hasRules(): boolean {
    return this.rules.length > 0;
  }

  list(): Array<FaultRule & { id: string; fired: number }> {
    return this.rules.map((r) => ({ ...r.rule, id: r.id, fired: r.fired }));
  }

  decide(call: FaultCall): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, ruleIds: [] };
    for (const active of [...this.rules]) {
      if (decision.terminal && active.rule.action.kind !== 'latency') continue;
      if (!this.matches(active, call)) continue;
      // Draw even at rate 1 so a rule's sequence does not depend on its rate.
      if (active.random() >= active.rule.rate) continue;
      active.fired++;
      decision.ruleIds.push(active.id);
      const action = active.rule.action;
      if (action.kind === 'latency') decision.delayMs += action.ms;
      else decision.terminal = action;
      if (active.rule.times !== undefined && active.fired >= active.rule.times)
        this.remove(active.id);
    }
    return decision;
  }

  configureWebhooks(input: WebhookFaultsInput): WebhookFaults {
    this.webhook = webhookFaultSchema.parse(input);
    this.webhookRandom = seededRandom(this.webhook.seed);
    return this.webhook;
  }

  get webhookFaults(): WebhookFaults {
    return this.webhook;
  }

  /** One draw per kind for each delivery batch. */
  decideWebhook(): WebhookFaultDecision {
    const w = this.webhook;
    return {
      drop: this.webhookRandom() < w.dropRate,
      duplicate: this.webhookRandom() < w.duplicateRate,
      reorder: this.webhookRandom() < w.reorderRate,
    };
  }

  private matches(active: ActiveRule, call: FaultCall): boolean {
    const { rule } = active;
    if (rule.method !== '*' && rule.method.toUpperCase() !== call.method.toUpperCase())
      return false;
    if (rule.portalId !== undefined && rule.portalId !== call.portalId) return false;
    return active.pattern.test(call.path);
  }
}
