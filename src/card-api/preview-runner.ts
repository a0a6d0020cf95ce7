import { createHash } from 'node:crypto';
import type { AppDeps } from '../app/deps.js';
import type { Settings } from '../domain/settings.js';
import type { Logger } from '../logger.js';
import { getSettingsRecord } from '../sync/settings-store.js';
import { TryAgainError } from './api-errors.js';
import { canonicalJson } from './idempotency.js';
import { computeWhatIf, liveCompanyCount, type PreviewOk } from './what-if.js';

/**
 * Runs what-if previews so that a large portal never breaks the request:
 * `hubspot.fetch` gives up after 15 s, while a preview of 100,000 companies
 * takes longer. Each preview is computed once per (portal, stored settings
 * version, candidate) and kept a few minutes; a request waits for it up to
 * `waitMs`, then answers 503 "try again" with Retry-After — HubSpot retries a
 * 5xx once by itself, the page's "Try again" does the rest, and each of them
 * joins the same computation instead of starting another. Previews run one at
 * a time per process (they are CPU-bound), in the order they were asked for.
 */

export interface PreviewRunnerOptions {
  /** Longest a request waits for its result (default 12 s, under HubSpot's 15 s). */
  waitMs?: number;
  /** How long a finished preview is kept (default 5 min). */
  keepMs?: number;
  /** Finished previews kept at most (default 20). */
  maxEntries?: number;
  keepInputsUpTo?: number;
  chunkSize?: number;
}

interface Entry {
  promise: Promise<PreviewOk>;
  done: boolean;
  finishedAt: number;
  accounts: number;
}

export interface PreviewRunner {
  preview(portalId: number, candidate: Settings, logger?: Logger): Promise<PreviewOk>;
  /** Previews computing or kept (tests, diagnostics). */
  readonly size: number;
}

export function createPreviewRunner(
  deps: Pick<AppDeps, 'db' | 'now'>,
  options: PreviewRunnerOptions = {},
): PreviewRunner {
  const waitMs = options.waitMs ?? 12_000;
  const keepMs = options.keepMs ?? 5 * 60_000;
  const maxEntries = options.maxEntries ?? 20;
  const entries = new Map<string, Entry>();
  let lane: Promise<unknown> = Promise.resolve();

  function prune(): void {
    const now = Date.now();
    for (const [k, e] of entries) if (e.done && now - e.finishedAt > keepMs) entries.delete(k);
    const done = [...entries]
      .filter(([, e]) => e.done)
      .sort((a, b) => a[1].finishedAt - b[1].finishedAt);
    for (const [k] of done) {
      if (entries.size <= maxEntries) break;
      entries.delete(k);
    }
  }

  function start(
    key: string,
    portalId: number,
    candidate: Settings,
    accounts: number,
    logger?: Logger,
  ): Entry {
    const run = async () => {
      const started = performance.now();
      const result = await computeWhatIf(deps, portalId, candidate, {
        asOf: deps.now().toISOString(),
        keepInputsUpTo: options.keepInputsUpTo,
        chunkSize: options.chunkSize,
      });
      logger?.info(
        { portalId, accounts: result.accounts, ms: Math.round(performance.now() - started) },
        'what-if preview computed',
      );
      return result;
    };
    const promise = lane.then(run, run);
    lane = promise.catch(() => undefined);
    const entry: Entry = { promise, done: false, finishedAt: 0, accounts };
    promise.then(
      () => {
        entry.done = true;
        entry.finishedAt = Date.now();
        prune();
      },
      () => entries.delete(key),
    );
    entries.set(key, entry);
    return entry;
  }

  return {
    get size() {
      return entries.size;
    },
    async preview(portalId, candidate, logger) {
      prune();
      const { version } = await getSettingsRecord(deps.db, portalId);
      const key = createHash('sha256')
        .update(`${portalId}\n${version}\n${canonicalJson(candidate)}`)
        .digest('base64url');
      const entry =
        entries.get(key) ??
        start(key, portalId, candidate, await liveCompanyCount(deps, portalId), logger);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs);
      });
      try {
        const first = await Promise.race([entry.promise, timeout]);
        if (first === 'timeout')
          throw new TryAgainError(
            `The preview of ${entry.accounts.toLocaleString('en-US')} accounts is still being computed; try again in a few seconds`,
            5,
          );
        return first;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
