import { randomUUID } from 'node:crypto';
import {
  settingsPreviewResponseSchema,
  settingsProgressResponseSchema,
  type SettingsPreviewResponse,
} from '../../src/cards/contract.js';
import { TryAgainError } from '../../src/card-api/api-errors.js';
import { createPreviewRunner } from '../../src/card-api/preview-runner.js';
import { computeWhatIf } from '../../src/card-api/what-if.js';
import { evaluatePortfolio } from '../../src/domain/index.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import { settingsSchema, type Settings } from '../../src/domain/settings.js';
import type { AccountInput } from '../../src/domain/snapshot.js';
import { loadPrevious } from '../../src/sync/evaluation-store.js';
import { engagementsFrom, loadAccounts } from '../../src/sync/load-accounts.js';
import { recomputePortal } from '../../src/sync/recompute.js';
import { waitFor } from '../helpers/test-db.js';
import { call, companyIds, startCardEnv, storedEvaluations, type CardEnv } from './harness.js';

// The settings page's writes: save (once per key) with the full re-evaluation
// on pg-boss and its progress, and the what-if preview against a direct
// engine run on the same mirror.

let env: CardEnv;
let evaluations: Evaluation[];
const key = () => randomUUID();

beforeAll(async () => {
  env = await startCardEnv({ companies: 14, queue: true });
  evaluations = await storedEvaluations(env);
}, 180_000);
afterAll(async () => env?.close(), 30_000);

describe('PUT /settings and its progress', () => {
  test('invalid settings answer the issues with their paths', async () => {
    const bad = {
      score: { weights: { sales: 0.9, potential: 0.3, reference: 0.15, winnability: 0.15 } },
      alerts: { respondHours: -1 },
    };
    const res = await call(env, 'PUT', '/settings', { body: bad, idempotencyKey: key() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'invalid' });
    const issues = (res.body as { issues: { path: (string | number)[]; message: string }[] })
      .issues;
    expect(issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['score.weights', 'alerts.respondHours']),
    );
    const { rows } = await env.store.db.query(
      'SELECT 1 FROM portal_settings WHERE portal_id = $1',
      [env.portalId],
    );
    expect(rows).toHaveLength(0);
  });

  test('saves once per key, starts the full re-evaluation and reports its progress', async () => {
    const candidate = settingsSchema.parse({
      timeZone: 'America/New_York',
      score: { keyAccountSharePct: 30 },
    });
    const idem = key();
    const saved = await call<{ status: string; jobId: string }>(env, 'PUT', '/settings', {
      body: candidate,
      idempotencyKey: idem,
    });
    const again = await call(env, 'PUT', '/settings', { body: candidate, idempotencyKey: idem });
    expect(saved.body).toMatchObject({
      status: 'ok',
      settings: candidate,
      jobId: expect.any(String),
    });
    expect(again.body).toEqual(saved.body);
    const { rows } = await env.store.db.query<{ version: number; updated_by: string }>(
      'SELECT version, updated_by FROM portal_settings WHERE portal_id = $1',
      [env.portalId],
    );
    expect(rows[0]).toEqual({ version: 1, updated_by: 'rep@example.com' });

    const progress = async () =>
      settingsProgressResponseSchema.parse(
        (await call(env, 'GET', `/settings/progress/${saved.body.jobId}`)).body,
      );
    const total = evaluations.length;
    expect(await progress()).toEqual({
      jobId: saved.body.jobId,
      status: 'queued',
      processed: 0,
      total,
      error: null,
    });

    // Play the worker: take the job, run the full pass, complete it.
    const boss = env.queue?.boss;
    if (!boss) throw new Error('no queue');
    const [job] = await boss.fetch('recompute-portal');
    expect(await progress()).toMatchObject({ status: 'running', processed: 0 });
    await recomputePortal(env.deps, env.portalId);
    expect(await progress()).toMatchObject({ status: 'running', processed: total });
    await boss.complete('recompute-portal', job.id);
    expect(await progress()).toEqual({
      jobId: saved.body.jobId,
      status: 'completed',
      processed: total,
      total,
      error: null,
    });

    expect((await call(env, 'GET', `/settings/progress/${randomUUID()}`)).status).toBe(404);
    const settings = await call(env, 'GET', '/settings');
    expect(settings.body).toMatchObject({
      status: 'ok',
      settings: candidate,
      updatedAt: expect.any(String),
    });
  });
});

describe('POST /settings/preview', () => {
  async function directComparison(candidate: Settings) {
    const ids = await companyIds(env);
    const asOf = new Date(env.clock.now()).toISOString();
    const from = engagementsFrom(new Date(asOf), candidate.mapping.engagementLookbackDays);
    const mapped = await loadAccounts(env.store.db, env.portalId, ids, candidate, {
      engagementsFrom: from,
    });
    const previous = await loadPrevious(env.store.db, env.portalId, ids);
    const inputs: AccountInput[] = [...mapped.values()].map((m) => ({
      account: m.account,
      previous: previous.get(m.account.id)?.state ?? null,
    }));
    const after = evaluatePortfolio(inputs, candidate, asOf).evaluations;
    const before = new Map(inputs.map((i) => [i.account.id, i.previous]));
    const count = (alerts: { level: string }[][], level: string) =>
      alerts.flat().filter((a) => a.level === level).length;
    return {
      accounts: after.length,
      keyBefore: inputs.filter((i) => i.previous?.isKeyAccount).length,
      keyAfter: after.filter((e) => e.rank.isKeyAccount).length,
      entering: after
        .filter((e) => e.rank.isKeyAccount && !before.get(e.accountId)?.isKeyAccount)
        .map((e) => e.accountId),
      leaving: after
        .filter((e) => !e.rank.isKeyAccount && before.get(e.accountId)?.isKeyAccount)
        .map((e) => e.accountId),
      tierMoves: after
        .filter((e) => before.get(e.accountId) && before.get(e.accountId)?.tier !== e.tier.tier)
        .map((e) => `${e.accountId}:${before.get(e.accountId)?.tier}>${e.tier.tier}`),
      alerts: Object.fromEntries(
        ['red', 'yellow', 'green'].map((l) => [
          l,
          {
            before: count(
              inputs.map((i) => i.previous?.openAlerts ?? []),
              l,
            ),
            after: count(
              after.map((e) => e.alerts.open),
              l,
            ),
          },
        ]),
      ),
    };
  }

  test('equals a direct engine comparison of the candidate with the stored results', async () => {
    const current = (await call<{ settings: Settings }>(env, 'GET', '/settings')).body.settings;
    const candidate = settingsSchema.parse({
      ...current,
      score: {
        ...current.score,
        keyAccountSharePct: 60,
        weights: { sales: 0.1, potential: 0.5, reference: 0.2, winnability: 0.2 },
      },
      tier: { ...current.tier, contributionCut: 80 },
      alerts: { ...current.alerts, satisfactionBelow: 95 },
    });
    const res = await call<SettingsPreviewResponse>(env, 'POST', '/settings/preview', {
      body: candidate,
    });
    const body = settingsPreviewResponseSchema.parse(res.body);
    if (body.status !== 'ok') throw new Error(body.status);
    const expected = await directComparison(candidate);
    expect(body.accounts).toBe(expected.accounts);
    expect(body.keyAccounts).toEqual({ before: expected.keyBefore, after: expected.keyAfter });
    expect(body.entering.items.map((m) => m.accountId).sort()).toEqual(expected.entering.sort());
    expect(body.leaving.items.map((m) => m.accountId).sort()).toEqual(expected.leaving.sort());
    expect(body.tierMoves.items.map((t) => `${t.accountId}:${t.from}>${t.to}`).sort()).toEqual(
      expected.tierMoves.sort(),
    );
    expect(body.alertCountChanges).toEqual(expected.alerts);
    expect(body.entering.total + body.leaving.total + body.tierMoves.total).toBeGreaterThan(0);
    // Nothing is saved by a preview.
    const after = await call<{ settings: Settings }>(env, 'GET', '/settings');
    expect(after.body.settings).toEqual(current);
  });

  test('large portals keep the inputs deflated between passes, with the same result', async () => {
    const candidate = settingsSchema.parse({
      timeZone: 'America/New_York',
      score: { keyAccountSharePct: 40 },
    });
    const asOf = new Date(env.clock.now()).toISOString();
    const plain = await computeWhatIf(env.deps, env.portalId, candidate, { asOf });
    const chunks: number[] = [];
    const compact = await computeWhatIf(env.deps, env.portalId, candidate, {
      asOf,
      keepInputsUpTo: 0,
      chunkSize: 5,
      sliceSize: 2,
      onChunk: (pass) => chunks.push(pass),
    });
    expect(compact).toEqual(plain);
    expect(new Set(chunks)).toEqual(new Set([1, 2, 3]));
  });

  test('invalid candidates answer issues; no idempotency key is needed', async () => {
    const res = await call(env, 'POST', '/settings/preview', {
      body: { timeZone: 'Mars/Olympus' },
    });
    expect(res.body).toEqual({
      status: 'invalid',
      issues: [{ path: ['timeZone'], message: expect.stringContaining('IANA') }],
    });
  });

  test('a preview that takes longer than the wait answers "try again" and the retry joins it', async () => {
    const runner = createPreviewRunner(env.deps, { waitMs: 0 });
    const candidate = settingsSchema.parse({
      timeZone: 'America/New_York',
      score: { keyAccountSharePct: 45 },
    });
    await expect(runner.preview(env.portalId, candidate)).rejects.toBeInstanceOf(TryAgainError);
    const result = await waitFor(async () => {
      try {
        return await runner.preview(env.portalId, candidate);
      } catch (error) {
        if (error instanceof TryAgainError) return undefined;
        throw error;
      }
    });
    expect(result.status).toBe('ok');
    expect(runner.size).toBe(1);
  });
});
