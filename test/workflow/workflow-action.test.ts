import { createHmac } from 'node:crypto';
import { startAlertHarness, seedCompany, START, type AlertHarness } from '../alerts/harness.js';
import {
  handleCreateAlertTask,
  handleReevaluate,
  CREATE_ALERT_TASK_PATH,
  REEVALUATE_PATH,
} from '../../serverless/workflow-action.js';
import { v2Signature } from '../../src/workflow/signature.js';
import { httpStatusFor } from '../../src/errors.js';
import { silentLogger } from '../../src/logger.js';
import { DEFAULT_CLIENT_SECRET } from '../../src/sandbox/index.js';
import { createQueue } from '../../src/jobs/queue.js';
import type { AppDeps } from '../../src/app/deps.js';
import type { HandlerRequest } from '../../src/server/handler.js';

jest.setTimeout(30_000);

/** The custom workflow actions, called as HubSpot calls them (signed), against the sandbox. */
describe('workflow actions', () => {
  let h: AlertHarness;
  let deps: AppDeps;
  beforeAll(async () => {
    h = await startAlertHarness();
  }, 60_000);
  afterAll(() => h?.close());
  beforeEach(async () => {
    await h.reset();
    deps = h.appDeps();
  });

  function request(
    path: string,
    body: unknown,
    sign: 'v2' | 'v3' | 'forged' = 'v2',
  ): HandlerRequest {
    const raw = JSON.stringify(body);
    const url = `${deps.config.publicBaseUrl}${path}`;
    const headers: HandlerRequest['headers'] = { 'content-type': 'application/json' };
    if (sign === 'v3') {
      const ts = String(Date.now());
      headers['x-hubspot-signature-v3'] = createHmac('sha256', DEFAULT_CLIENT_SECRET)
        .update(`POST${url}${raw}${ts}`)
        .digest('base64');
      headers['x-hubspot-request-timestamp'] = ts;
    } else {
      headers['x-hubspot-signature'] = v2Signature(
        sign === 'forged' ? 'not-the-secret' : DEFAULT_CLIENT_SECRET,
        'POST',
        url,
        raw,
      );
      headers['x-hubspot-signature-version'] = 'v2';
    }
    return {
      method: 'POST',
      originalUrl: path,
      path,
      query: {},
      headers,
      rawBody: Buffer.from(raw),
      requestId: 'test',
      logger: silentLogger(),
    };
  }

  const call = (
    companyId: string,
    inputFields: Record<string, unknown>,
    callbackId = 'ap-1-2-3-0',
  ) => ({
    callbackId,
    origin: { portalId: h.portalId, actionDefinitionId: 123, actionDefinitionVersion: 1 },
    context: { source: 'WORKFLOWS', workflowId: 456 },
    object: { objectId: Number(companyId), objectType: 'COMPANY' },
    inputFields,
  });

  it('a forged signature is refused with 401', async () => {
    const { companyId } = seedCompany(h, 'Acme');
    const err = await handleCreateAlertTask(
      deps,
      request(CREATE_ALERT_TASK_PATH, call(companyId, { level: 'red', reason: 'x' }), 'forged'),
    ).catch((e: unknown) => e);
    expect(httpStatusFor(err)).toBe(401);
    expect(await h.tasks()).toHaveLength(0);
  });

  it('valid input creates the 3R task and answers the output fields', async () => {
    const { companyId } = seedCompany(h, 'Acme');
    const res = await handleCreateAlertTask(
      deps,
      request(
        CREATE_ALERT_TASK_PATH,
        call(companyId, { level: 'red', reason: 'Key sponsor on leave', respond_hours: '4' }),
      ),
    );
    const [task] = await h.tasks();
    expect(res).toMatchObject({
      status: 200,
      body: {
        outputFields: { task_id: task.id, alert_level: 'red', hs_execution_state: 'SUCCESS' },
      },
    });
    expect(task.ownerId).toBe(h.ownerIds[0]);
    expect(task.priority).toBe('HIGH');
    expect(task.companyIds).toEqual([companyId]);
    expect(Date.parse(task.due)).toBe(START + 4 * 3_600_000);
    expect(task.body).toContain('Created by a workflow: Key sponsor on leave');
  });

  it('the same callbackId twice (and the same reason again within the quiet period) makes one task', async () => {
    const { companyId } = seedCompany(h, 'Acme');
    const body = call(companyId, { level: 'yellow', reason: 'Renewal at risk' });
    const first = await handleCreateAlertTask(deps, request(CREATE_ALERT_TASK_PATH, body));
    const again = await handleCreateAlertTask(deps, request(CREATE_ALERT_TASK_PATH, body, 'v3'));
    expect(again.body).toEqual(first.body);
    const other = await handleCreateAlertTask(
      deps,
      request(
        CREATE_ALERT_TASK_PATH,
        call(companyId, { level: 'yellow', reason: ' renewal AT risk ' }, 'ap-9'),
      ),
    );
    expect(other.body).toEqual(first.body);
    expect(await h.tasks()).toHaveLength(1);
  });

  it('bad input answers HubSpot’s failure shape naming the field', async () => {
    const { companyId } = seedCompany(h, 'Acme');
    const res = await handleCreateAlertTask(
      deps,
      request(CREATE_ALERT_TASK_PATH, call(companyId, { level: 'blue', reason: '' })),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      outputFields: { hs_execution_state: 'FAIL_CONTINUE', errorCode: 'INVALID_INPUT' },
    });
    const message = (res.body as { message: string }).message;
    expect(message).toContain('inputFields.level');
    expect(message).toContain('inputFields.reason');
  });

  it('a company that does not exist is a clear failure, not a retry', async () => {
    const res = await handleCreateAlertTask(
      deps,
      request(CREATE_ALERT_TASK_PATH, call('999999', { level: 'red', reason: 'x' })),
    );
    expect(res).toMatchObject({
      status: 400,
      body: { outputFields: { errorCode: 'COMPANY_NOT_FOUND' } },
    });
  });

  it('“Re-evaluate key account” queues one recompute of the enrolled company', async () => {
    const queue = await createQueue(h.store, { supervise: false, schedule: false });
    try {
      deps = { ...deps, queue };
      const { companyId } = seedCompany(h, 'Acme');
      const res = await handleReevaluate(
        deps,
        request(REEVALUATE_PATH, call(companyId, {}, 'ap-r-1')),
      );
      await handleReevaluate(deps, request(REEVALUATE_PATH, call(companyId, {}, 'ap-r-1')));
      expect(res).toMatchObject({
        status: 200,
        body: { outputFields: { hs_execution_state: 'SUCCESS' } },
      });
      expect(await queue.size('recompute-company')).toBe(1);
    } finally {
      await queue.stop();
    }
  });
});
