import type { CallRecord } from '../../src/sandbox/admin/call-log.js';
import { DEMO_APP_ID, type RunningSandbox } from '../../src/sandbox/index.js';

/**
 * What the resilience tests do to the sandbox portal: its admin API (faults,
 * logs), CRM changes made as a user would, and a record of every call our app
 * makes, for the rolling 10-second limit.
 */

export type SandboxAdmin = (method: string, path: string, body?: unknown) => Promise<unknown>;

export function sandboxAdmin(sandbox: RunningSandbox): SandboxAdmin {
  return async (method, path, body) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : null;
  };
}

/** The ids of the portal's live deals. */
export function dealIds(sandbox: RunningSandbox, portalId: number): string[] {
  const p = sandbox.runtime.portal(portalId);
  return [...p.core.store(p.type('deals')).all()]
    .filter((d) => !d.archived)
    .map((d) => String(d.id));
}

/** Deal amounts changed as a user would (static token), `rounds` times each, in batches of 100. */
export async function burstDeals(
  sandbox: RunningSandbox,
  portalId: number,
  rounds: number,
  salt: number,
): Promise<number> {
  const deals = dealIds(sandbox, portalId);
  // Retries: under the flaky variant our own edits meet the injected faults too.
  const client = sandbox.client({
    accessToken: sandbox.sandbox.staticToken,
    numberOfApiCallRetries: 6,
  });
  let changes = 0;
  for (let round = 0; round < rounds; round++) {
    const inputs = deals.map((id, i) => {
      const amount = String(1000 + ((i * 7919 + round * 104_729 + salt) % 90_000));
      return { id, properties: { amount, amount_in_home_currency: amount } };
    });
    for (let i = 0; i < inputs.length; i += 100) {
      await client.crm.deals.batchApi.update({ inputs: inputs.slice(i, i + 100) });
      changes += Math.min(100, inputs.length - i);
    }
  }
  return changes;
}

/** Calls our app made to the portal (sandbox call log total). */
export async function ourCalls(admin: SandboxAdmin, portalId: number): Promise<number> {
  const log = (await admin('GET', `/_sandbox/calls?portalId=${portalId}`)) as {
    totals?: { appId?: number | null; count: number }[];
    total?: number;
  };
  return log.total ?? (log.totals ?? []).reduce((n, t) => n + t.count, 0);
}

/** Most calls inside any 10-second window among these call times. */
export function maxPer10s(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i] - sorted[j] >= 10_000) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/**
 * Keeps every call our app makes to the portal: the sandbox remembers only its
 * latest 1,000, so they are collected twice a second into one set.
 */
export function recordCalls(
  sandbox: RunningSandbox,
  portalId: number,
): { times(since?: number): number[]; busiest(): string; stop(): void } {
  const seen = new Set<CallRecord>();
  const collect = () => {
    for (const c of sandbox.runtime.calls.recent({ portalId, appId: DEMO_APP_ID, limit: 1000 }))
      seen.add(c);
  };
  const timer = setInterval(collect, 500);
  return {
    times(since = 0) {
      collect();
      return [...seen].map((c) => c.at).filter((at) => at >= since);
    },
    /** What the busiest 10-second window held, by operation (to tell who overran a limit). */
    busiest() {
      collect();
      const calls = [...seen].sort((a, b) => a.at - b.at);
      let best: CallRecord[] = [];
      for (let i = 0, j = 0; i < calls.length; i++) {
        while (calls[i].at - calls[j].at >= 10_000) j++;
        if (i - j + 1 > best.length) best = calls.slice(j, i + 1);
      }
      const ops = new Map<string, number>();
      for (const c of best)
        ops.set(`${c.operation} ${c.status}`, (ops.get(`${c.operation} ${c.status}`) ?? 0) + 1);
      return [...ops].map(([op, n]) => `${n}× ${op}`).join(', ');
    },
    stop() {
      clearInterval(timer);
    },
  };
}
