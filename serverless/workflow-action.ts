import type { AppDeps } from '../src/app/deps.js';
import { fromZodError, isAppError } from '../src/errors.js';
import { oauthApp } from '../src/hubspot/oauth.js';
import type { HandlerRequest, HandlerResponse } from '../src/server/handler.js';
import type { RouteDefinition } from '../src/server/mount.js';
import { saveResponse, storedResponse } from '../src/workflow/callbacks.js';
import { createWorkflowAlertTask } from '../src/workflow/create-alert-task.js';
import {
  actionRequestSchema,
  createAlertTaskInputSchema,
  failureResponse,
  successResponse,
  type ActionRequest,
} from '../src/workflow/payload.js';
import { queueReevaluation } from '../src/workflow/reevaluate.js';
import { verifyWorkflowSignature } from '../src/workflow/signature.js';

/**
 * The custom workflow actions (extensions/app/workflow-actions/):
 * POST /workflow-actions/create-alert-task and /workflow-actions/re-evaluate.
 * Signature first (401 when forged), then the body (400 with HubSpot's
 * FAIL_CONTINUE shape and a message naming the field), then the callbackId:
 * a repeat answers the stored response.
 */

export const CREATE_ALERT_TASK_PATH = '/workflow-actions/create-alert-task';
export const REEVALUATE_PATH = '/workflow-actions/re-evaluate';
const BODY_LIMIT_BYTES = 64 * 1024;

const badRequest = (code: string, message: string): HandlerResponse => ({
  status: 400,
  body: failureResponse(code, message),
});

type Parsed = { ok: true; body: ActionRequest } | { ok: false; response: HandlerResponse };

function verifyAndParse(deps: AppDeps, req: HandlerRequest): Parsed {
  const rawBody = (req.rawBody ?? Buffer.alloc(0)).toString('utf8');
  verifyWorkflowSignature({
    req,
    rawBody,
    publicBaseUrl: deps.config.publicBaseUrl,
    clientSecret: oauthApp(deps.config).clientSecret.reveal(),
    nowMs: Date.now(),
  });
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { ok: false, response: badRequest('INVALID_REQUEST', 'The request body is not JSON.') };
  }
  const parsed = actionRequestSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      response: badRequest('INVALID_REQUEST', fromZodError(parsed.error, 'body', json).message),
    };
  const objectType = parsed.data.object.objectType.toUpperCase();
  if (objectType !== 'COMPANY' && objectType !== '0-2')
    return {
      ok: false,
      response: badRequest(
        'UNSUPPORTED_OBJECT',
        `This action works on companies, not ${parsed.data.object.objectType}.`,
      ),
    };
  return { ok: true, body: parsed.data };
}

async function once(
  deps: AppDeps,
  body: ActionRequest,
  action: string,
  run: () => Promise<HandlerResponse>,
): Promise<HandlerResponse> {
  const portalId = body.origin.portalId;
  const stored = await storedResponse(deps.db, portalId, body.callbackId);
  if (stored !== null) return { status: 200, body: stored, portalId };
  const out = await run();
  if (out.status === 200 && typeof out.body === 'object' && out.body !== null)
    await saveResponse(deps.db, portalId, body.callbackId, action, out.body);
  return { ...out, portalId };
}

export async function handleCreateAlertTask(
  deps: AppDeps,
  req: HandlerRequest,
): Promise<HandlerResponse> {
  const parsed = verifyAndParse(deps, req);
  if (!parsed.ok) return parsed.response;
  const { body } = parsed;
  const fields = body.inputFields ?? body.fields ?? {};
  const input = createAlertTaskInputSchema.safeParse(fields);
  if (!input.success)
    return badRequest('INVALID_INPUT', fromZodError(input.error, 'inputFields', fields).message);
  return once(deps, body, 'create-alert-task', async () => {
    try {
      const r = await createWorkflowAlertTask(
        deps,
        body.origin.portalId,
        String(body.object.objectId),
        input.data,
      );
      return { status: 200, body: successResponse({ task_id: r.taskId, alert_level: r.level }) };
    } catch (err) {
      if (isAppError(err) && err.code === 'NOT_FOUND')
        return badRequest('COMPANY_NOT_FOUND', err.message);
      throw err;
    }
  });
}

export async function handleReevaluate(
  deps: AppDeps,
  req: HandlerRequest,
): Promise<HandlerResponse> {
  const parsed = verifyAndParse(deps, req);
  if (!parsed.ok) return parsed.response;
  const { body } = parsed;
  return once(deps, body, 're-evaluate', async () => {
    await queueReevaluation(deps, body.origin.portalId, String(body.object.objectId));
    return { status: 200, body: successResponse({}) };
  });
}

/** For serverless/index.ts: `...workflowActionRoutes`. */
export const workflowActionRoutes: RouteDefinition[] = [
  {
    kind: 'handler',
    method: 'POST',
    path: CREATE_ALERT_TASK_PATH,
    handler: handleCreateAlertTask,
    bodyLimitBytes: BODY_LIMIT_BYTES,
  },
  {
    kind: 'handler',
    method: 'POST',
    path: REEVALUATE_PATH,
    handler: handleReevaluate,
    bodyLimitBytes: BODY_LIMIT_BYTES,
  },
];
