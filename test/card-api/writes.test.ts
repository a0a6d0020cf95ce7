import { randomUUID } from 'node:crypto';
import { committeeUpdateResponseSchema } from '../../src/cards/contract.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import {
  call,
  companyIds,
  pendingJobs,
  startCardEnv,
  storedEvaluations,
  type CardEnv,
} from './harness.js';

// The card writes: validation naming the field, idempotency, the committee
// edit written to the sandbox over HTTP and the recompute jobs on pg-boss.

let env: CardEnv;
let evaluations: Evaluation[];
const key = () => randomUUID();

beforeAll(async () => {
  env = await startCardEnv({ companies: 14, queue: true });
  evaluations = await storedEvaluations(env);
}, 180_000);
afterAll(async () => env?.close(), 30_000);

function batchUpdates(): number {
  return env.sb.runtime.calls
    .countsFor()
    .filter((c) => c.operation.startsWith('POST') && c.operation.endsWith('/batch/update'))
    .reduce((n, c) => n + c.count, 0);
}

const member = () => {
  const e = evaluations.find((ev) => ev.committee.members.length > 0) as Evaluation;
  return { companyId: e.accountId, contactId: e.committee.members[0].contactId };
};

describe('PATCH /cards/contact/{id}/committee', () => {
  test('validation errors name each field', async () => {
    const { contactId } = member();
    const res = await call(env, 'PATCH', `/cards/contact/${contactId}/committee`, {
      body: { companyId: '', roles: ['boss'], stance: 'hostile' },
      idempotencyKey: key(),
    });
    expect(res.status).toBe(400);
    const message = (res.body as { error: { code: string; message: string } }).error.message;
    expect((res.body as { error: { code: string } }).error.code).toBe('bad_request');
    for (const field of ['body.companyId', 'body.roles[0]', 'body.stance'])
      expect(message).toContain(field);
    const bad = await call(env, 'PATCH', `/cards/contact/${contactId}/committee`, {
      rawBody: '{not json',
      idempotencyKey: key(),
    });
    expect(bad.status).toBe(400);
  });

  test('writes roles and stance to HubSpot and the mirror, then queues the recompute', async () => {
    const { companyId, contactId } = member();
    const before = batchUpdates();
    const body = { companyId, roles: ['influencer', 'decision_maker'], stance: 'opponent' };
    const res = await call(env, 'PATCH', `/cards/contact/${contactId}/committee`, {
      body,
      idempotencyKey: key(),
    });
    expect(res.status).toBe(200);
    const answer = committeeUpdateResponseSchema.parse(res.body);
    if (answer.status !== 'ok') throw new Error(answer.status);
    expect(answer.member).toMatchObject({ contactId, stance: 'opponent' });
    expect(batchUpdates()).toBe(before + 1);
    const contact = await env.sb
      .client()
      .crm.contacts.basicApi.getById(contactId, ['kam_buying_role', 'kam_stance']);
    expect(contact.properties).toMatchObject({
      kam_buying_role: 'decision_maker;influencer',
      kam_stance: 'opponent',
    });
    const { rows } = await env.store.db.query<{ properties: Record<string, string | null> }>(
      'SELECT properties FROM mirror_contacts WHERE portal_id = $1 AND id = $2',
      [env.portalId, contactId],
    );
    expect(rows[0].properties).toMatchObject({
      kam_buying_role: 'decision_maker;influencer',
      kam_stance: 'opponent',
    });
    expect(await pendingJobs(env, 'recompute-company', `${env.portalId}:${companyId}`)).toEqual([
      answer.jobId,
    ]);
  });

  test('the same key again answers the first result without writing twice; another body is a 409', async () => {
    const { companyId, contactId } = member();
    const idem = key();
    const body = { companyId, roles: ['buyer'], stance: 'supporter' };
    const path = `/cards/contact/${contactId}/committee`;
    const before = batchUpdates();
    const first = await call(env, 'PATCH', path, { body, idempotencyKey: idem });
    // HubSpot's retry: same key, same body (keys in another order are the same body).
    const retry = await call(env, 'PATCH', path, {
      rawBody: JSON.stringify({ stance: 'supporter', roles: ['buyer'], companyId }),
      idempotencyKey: idem,
    });
    expect(first.status).toBe(200);
    expect(retry).toMatchObject({ status: 200, body: first.body });
    expect(batchUpdates()).toBe(before + 1);
    const other = await call(env, 'PATCH', path, {
      body: { ...body, stance: 'neutral' },
      idempotencyKey: idem,
    });
    expect(other.status).toBe(409);
    expect((other.body as { error: { code: string } }).error.code).toBe('conflict');
    // A new key with the values HubSpot already has: nothing to write, nothing queued.
    const same = await call(env, 'PATCH', path, { body, idempotencyKey: key() });
    expect(same.body).toMatchObject({ status: 'ok', jobId: null });
    expect(batchUpdates()).toBe(before + 1);
  });

  test('a HubSpot failure is not stored under the key: the retry with the same key applies it', async () => {
    const { companyId, contactId } = member();
    const idem = key();
    const body = { companyId, roles: ['user'], stance: 'neutral' };
    const path = `/cards/contact/${contactId}/committee`;
    const fault = env.sb.runtime.faults.add({
      method: 'POST',
      path: '/crm/v3/objects/contacts/batch/update',
      action: { kind: 'status', status: 503 },
      times: 6,
    });
    try {
      const failed = await call(env, 'PATCH', path, { body, idempotencyKey: idem });
      expect(failed.status).toBe(502);
      expect((failed.body as { error: { code: string } }).error.code).toBe('internal');
    } finally {
      env.sb.runtime.faults.remove(fault.id);
    }
    const retry = await call(env, 'PATCH', path, { body, idempotencyKey: idem });
    expect(retry.body).toMatchObject({
      status: 'ok',
      member: { roles: ['user'], stance: 'neutral' },
    });
    const contact = await env.sb.client().crm.contacts.basicApi.getById(contactId, ['kam_stance']);
    expect(contact.properties.kam_stance).toBe('neutral');
  }, 60_000);

  test('a key is required; unknown or unlinked contacts are 404s', async () => {
    const { companyId, contactId } = member();
    const body = { companyId, roles: [], stance: null };
    expect(
      (await call(env, 'PATCH', `/cards/contact/${contactId}/committee`, { body })).status,
    ).toBe(400);
    const other = evaluations.find((e) => e.accountId !== companyId) as Evaluation;
    const unlinked = await call(env, 'PATCH', `/cards/contact/${contactId}/committee`, {
      body: { ...body, companyId: other.accountId },
      idempotencyKey: key(),
    });
    expect(unlinked.status).toBe(404);
    const elsewhere = await call(env, 'PATCH', `/cards/contact/${contactId}/committee`, {
      body,
      idempotencyKey: key(),
      portalId: 4_242_425,
    });
    expect(elsewhere.body).toEqual({ status: 'not_installed' });
  });
});

describe('POST /cards/company/{id}/reevaluate', () => {
  test('queues one recompute per company; the card then says so', async () => {
    const [, , companyId] = await companyIds(env);
    const path = `/cards/company/${companyId}/reevaluate`;
    const a = await call<{ status: string; jobId: string }>(env, 'POST', path, {
      idempotencyKey: key(),
    });
    const b = await call<{ status: string; jobId: string }>(env, 'POST', path, {
      idempotencyKey: key(),
    });
    expect(a.body).toMatchObject({
      status: 'queued',
      queuedAt: new Date(env.clock.now()).toISOString(),
    });
    expect(b.body.jobId).toBe(a.body.jobId);
    expect(await pendingJobs(env, 'recompute-company', `${env.portalId}:${companyId}`)).toEqual([
      a.body.jobId,
    ]);
    const card = await call(env, 'GET', `/cards/company/${companyId}`);
    expect(card.body).toMatchObject({ status: 'ok', reevaluationQueued: true });
    expect((await call(env, 'POST', path)).status).toBe(400);
    expect(
      (await call(env, 'POST', '/cards/company/12345678/reevaluate', { idempotencyKey: key() }))
        .status,
    ).toBe(404);
  });
});
