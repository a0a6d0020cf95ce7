import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import type { settingsPreviewOkSchema } from '../cards/contract.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { AlertLevel, Settings } from '../domain/settings.js';
import type { AccountState, Tier } from '../domain/snapshot.js';
import { loadPrevious } from '../sync/evaluation-store.js';
import { engagementsFrom, loadAccounts } from '../sync/load-accounts.js';
import { companyIdsPage } from '../sync/mirror-store.js';
import { runPortfolioPass, type PassItem, type PassSource } from '../sync/portfolio-pass.js';

/**
 * The what-if preview: the whole portfolio evaluated by the engine with the
 * candidate settings, on the current mirror, each account's previous state
 * being its stored one — exactly what saving the candidate would produce —
 * compared with the stored evaluations (what users see now): who enters and
 * leaves the key accounts, tier moves, open alert reasons by level.
 *
 * It streams: the mirror is read in chunks (`runPortfolioPass`, the same
 * two-pass evaluation as `evaluatePortfolio` and the full recompute), only
 * the few numbers per account the answer needs are kept, and the event loop
 * gets a turn after every slice of accounts so card reads are served
 * meanwhile. The mirror is read once: the inputs are kept for the other two
 * passes as objects up to `keepInputsUpTo` accounts, above that as deflated
 * JSON per chunk (a few KB per account instead of tens).
 */

export type PreviewOk = z.infer<typeof settingsPreviewOkSchema>;
type Counts = Record<AlertLevel, number>;

export interface WhatIfOptions {
  /** Evaluation instant (ISO). */
  asOf: string;
  /** Companies read from the mirror at a time (default 100). */
  chunkSize?: number;
  /** Accounts evaluated between two turns of the event loop (default 50). */
  sliceSize?: number;
  /** Up to this many accounts the inputs are kept as objects; above, deflated (default 20,000). */
  keepInputsUpTo?: number;
  /** Called after each chunk of each pass (progress, tests). */
  onChunk?: (pass: number, accounts: number) => void;
}

interface Meta {
  name: string;
}

const LIST_LIMIT = 50;
const emptyCounts = (): Counts => ({ red: 0, yellow: 0, green: 0 });
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

function countAlerts(into: Counts, alerts: readonly { level: AlertLevel }[]): void {
  for (const a of alerts) into[a.level]++;
}

interface Move {
  accountId: string;
  name: string;
  rankPct: number;
}
interface TierMove {
  accountId: string;
  name: string;
  from: Tier;
  to: Tier;
  rankPct: number;
}

const byRank = (
  a: { rankPct: number; accountId: string },
  b: { rankPct: number; accountId: string },
) =>
  a.rankPct - b.rankPct ||
  a.accountId.length - b.accountId.length ||
  (a.accountId < b.accountId ? -1 : 1);

function listOf<T extends { rankPct: number; accountId: string }, U>(items: T[], map: (t: T) => U) {
  items.sort(byRank);
  return { total: items.length, items: items.slice(0, LIST_LIMIT).map(map) };
}

export class WhatIfTally {
  accounts = 0;
  keyBefore = 0;
  keyAfter = 0;
  readonly alertsBefore = emptyCounts();
  readonly alertsAfter = emptyCounts();
  readonly entering: Move[] = [];
  readonly leaving: Move[] = [];
  readonly tierMoves: TierMove[] = [];

  add(name: string, before: AccountState | null, after: Evaluation): void {
    this.accounts++;
    const id = after.accountId;
    const rankPct = after.rank.pct;
    const wasKey = before?.isKeyAccount === true;
    const isKey = after.rank.isKeyAccount;
    if (wasKey) this.keyBefore++;
    if (isKey) this.keyAfter++;
    if (!wasKey && isKey) this.entering.push({ accountId: id, name, rankPct });
    if (wasKey && !isKey) this.leaving.push({ accountId: id, name, rankPct });
    if (before && before.tier !== after.tier.tier)
      this.tierMoves.push({ accountId: id, name, from: before.tier, to: after.tier.tier, rankPct });
    if (before) countAlerts(this.alertsBefore, before.openAlerts);
    countAlerts(this.alertsAfter, after.alerts.open);
  }

  result(): PreviewOk {
    const move = (m: Move) => ({ accountId: m.accountId, name: m.name, rankPct: m.rankPct });
    const level = (l: AlertLevel) => ({ before: this.alertsBefore[l], after: this.alertsAfter[l] });
    return {
      status: 'ok',
      accounts: this.accounts,
      keyAccounts: { before: this.keyBefore, after: this.keyAfter },
      entering: listOf(this.entering, move),
      leaving: listOf(this.leaving, move),
      tierMoves: listOf(this.tierMoves, (t) => ({
        accountId: t.accountId,
        name: t.name,
        from: t.from,
        to: t.to,
      })),
      alertCountChanges: { red: level('red'), yellow: level('yellow'), green: level('green') },
    };
  }
}

export async function liveCompanyCount(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
): Promise<number> {
  const { rows } = await deps.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM mirror_companies WHERE portal_id = $1 AND NOT archived',
    [portalId],
  );
  return rows[0].n;
}

/** Passes after the first replay what it read: objects for small portals, deflated JSON above. */
type Kept = PassItem<Meta>[] | Buffer;

function pack(chunk: PassItem<Meta>[], compact: boolean): Kept {
  return compact ? deflateRawSync(JSON.stringify(chunk), { level: 1 }) : chunk;
}

function unpack(kept: Kept): PassItem<Meta>[] {
  return Buffer.isBuffer(kept)
    ? (JSON.parse(inflateRawSync(kept).toString('utf8')) as PassItem<Meta>[])
    : kept;
}

export async function computeWhatIf(
  deps: Pick<AppDeps, 'db'>,
  portalId: number,
  candidate: Settings,
  options: WhatIfOptions,
): Promise<PreviewOk> {
  const chunkSize = options.chunkSize ?? 100;
  const slice = options.sliceSize ?? 50;
  const from = engagementsFrom(new Date(options.asOf), candidate.mapping.engagementLookbackDays);
  const total = await liveCompanyCount(deps, portalId);
  const compact = total > (options.keepInputsUpTo ?? 20_000);

  /** One chunk after `after` (ids in key order), or null at the end. */
  async function load(
    after: string | null,
  ): Promise<{ last: string; chunk: PassItem<Meta>[] } | null> {
    const ids = await companyIdsPage(deps.db, portalId, after, chunkSize);
    if (ids.length === 0) return null;
    const mapped = await loadAccounts(deps.db, portalId, ids, candidate, { engagementsFrom: from });
    const previous = await loadPrevious(deps.db, portalId, ids);
    const chunk: PassItem<Meta>[] = [];
    for (const [id, m] of mapped) {
      chunk.push({
        input: { account: m.account, previous: previous.get(id)?.state ?? null },
        meta: { name: m.account.name || `#${id}` },
      });
    }
    return { last: ids[ids.length - 1], chunk };
  }

  // The next chunk is read while the engine works on this one (PostgreSQL works meanwhile).
  async function* read(): AsyncGenerator<PassItem<Meta>[]> {
    let next = load(null);
    for (;;) {
      const got = await next;
      if (got === null) return;
      next = load(got.last);
      // A failed prefetch is reported by the next await, not as an unhandled rejection.
      next.catch(() => undefined);
      yield got.chunk;
    }
  }

  // Small slices with a turn of the event loop between them: requests wait at most one slice.
  async function* sliced(chunk: PassItem<Meta>[], pass: number): AsyncGenerator<PassItem<Meta>[]> {
    for (let i = 0; i < chunk.length; i += slice) {
      const part = chunk.slice(i, i + slice);
      yield part;
      await turn();
      options.onChunk?.(pass, part.length);
    }
  }

  let kept: Kept[] | null = null;
  let pass = 0;
  const source: PassSource<Meta> = {
    async *chunks() {
      pass++;
      if (kept) {
        for (const k of kept) yield* sliced(unpack(k), pass);
        return;
      }
      const collected: Kept[] = [];
      for await (const chunk of read()) {
        collected.push(pack(chunk, compact));
        yield* sliced(chunk, pass);
      }
      kept = collected;
    },
  };

  const tally = new WhatIfTally();
  await runPortfolioPass(source, candidate, options.asOf, async (items) => {
    for (const it of items) tally.add(it.meta.name, it.input.previous, it.evaluation);
  });
  kept = null;
  return tally.result();
}
