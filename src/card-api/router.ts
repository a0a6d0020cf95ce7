import express, { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../app/deps.js';
import {
  committeeUpdateRequestSchema,
  endpointSchemas,
  IDEMPOTENCY_HEADER,
  portfolioQuerySchema,
  type EndpointName,
} from '../cards/contract.js';
import { fromZodError, InternalError, NotFoundError, ValidationError } from '../errors.js';
import { locals } from '../server/request-context.js';
import { cardApiErrorHandler, renderApiError } from './api-errors.js';
import { updateCommittee } from './committee-edit.js';
import { companyCard } from './company-card.js';
import { contactCard } from './contact-card.js';
import {
  requestHashOf,
  runIdempotent,
  type Answer,
  type IdempotencyOptions,
} from './idempotency.js';
import { cardApiDuration } from './metrics.js';
import { GroupSumsCache, portfolio } from './portfolio.js';
import { createPreviewRunner, type PreviewRunnerOptions } from './preview-runner.js';
import { reevaluateCompany } from './reevaluate.js';
import { checkCandidate, readSettings, writeSettings } from './settings-api.js';
import { settingsProgress } from './settings-jobs.js';
import { installedPortal, type PortalInfo } from './tenant.js';
import { verifyCardRequest, type CardCaller } from './verify.js';

/**
 * The card API (`hubspot.fetch` from the cards, the settings page and the app
 * home), as an express Router mounted at the root of the public base URL (the
 * paths are the contract's, src/cards/contract.ts). Every request is verified
 * (v3 signature; portal and user from what HubSpot signed), answered from our
 * store, validated against the contract, and errors come in the contract's
 * shape. The three writes go through the idempotency table.
 */

export interface CardApiOptions {
  preview?: PreviewRunnerOptions;
  idempotency?: IdempotencyOptions;
  /** Largest request body (default 256 KB; settings are a few KB). */
  bodyLimitBytes?: number;
}

interface Ctx {
  req: Request;
  res: Response;
  caller: CardCaller;
  portal: PortalInfo;
  /** The request body parsed as JSON (null when empty). */
  body: unknown;
}

const NOT_INSTALLED = { status: 'not_installed' } as const;

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError('request body: must be valid JSON');
  }
}

function param(req: Request, name: string): string {
  const v = req.params[name];
  return typeof v === 'string' ? v : '';
}

function queryParams(req: Request): URLSearchParams {
  const q = req.originalUrl.indexOf('?');
  return new URLSearchParams(q === -1 ? '' : req.originalUrl.slice(q + 1));
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

export function createCardApiRouter(deps: AppDeps, options: CardApiOptions = {}): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: options.bodyLimitBytes ?? 256 * 1024 });
  const previews = createPreviewRunner(deps, options.preview);
  const sums = new GroupSumsCache();

  /** Checks an answer against the contract before it leaves (drift is a bug, not the caller's). */
  function checked(name: EndpointName, body: unknown): unknown {
    const result = endpointSchemas[name].response.safeParse(body);
    if (!result.success)
      throw new InternalError(`card API answer of ${name} does not match the contract`, {
        issues: result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
    return body;
  }

  const route =
    (name: EndpointName, run: (ctx: Ctx) => Promise<Answer>, opts: { idempotent?: boolean } = {}) =>
    async (req: Request, res: Response): Promise<void> => {
      const started = performance.now();
      let status = 500;
      try {
        const rawBody = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
        const caller = verifyCardRequest(
          deps.config,
          {
            method: req.method,
            originalUrl: req.originalUrl,
            headers: req.headers,
            rawBody,
            remoteAddress: req.socket.remoteAddress,
          },
          deps.now().getTime(),
        );
        // The request log line carries the portal (request-context.ts).
        locals(res).portalId = caller.portalId;
        const portal = await installedPortal(deps.db, caller.portalId);
        let answer: Answer;
        if (!portal) {
          if (name === 'settingsProgress')
            throw new NotFoundError('No such re-evaluation for this HubSpot account');
          answer = { status: 200, body: NOT_INSTALLED };
        } else {
          const ctx = { req, res, caller, portal, body: parseJson(rawBody) };
          answer = opts.idempotent
            ? await runIdempotent(
                deps.db,
                {
                  portalId: caller.portalId,
                  key: req.header(IDEMPOTENCY_HEADER),
                  endpoint: name,
                  requestHash: requestHashOf(req.method, req.path, ctx.body),
                  userId: caller.userId,
                },
                () => run(ctx),
                options.idempotency,
              )
            : await run(ctx);
        }
        status = answer.status;
        for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
        res.status(answer.status).json(answer.body);
      } catch (error) {
        status = renderApiError(error).status;
        throw error;
      } finally {
        cardApiDuration.observe(
          { endpoint: name, status: statusClass(status) },
          (performance.now() - started) / 1000,
        );
      }
    };

  const ok = (name: EndpointName, body: unknown): Answer => ({
    status: 200,
    body: checked(name, body),
  });

  router.get(
    '/cards/company/:companyId',
    raw,
    route('companyCard', async ({ portal, req }) => ({
      status: 200,
      // The stored evaluation is validated when read; the rest is built and typed here.
      body: await companyCard(deps, portal, param(req, 'companyId')),
    })),
  );
  router.post(
    '/cards/company/:companyId/reevaluate',
    raw,
    route(
      'reevaluateCompany',
      async ({ portal, req }) =>
        ok('reevaluateCompany', await reevaluateCompany(deps, portal, param(req, 'companyId'))),
      { idempotent: true },
    ),
  );
  router.get(
    '/cards/contact/:contactId',
    raw,
    route('contactCard', async ({ portal, req }) =>
      ok('contactCard', await contactCard(deps, portal, param(req, 'contactId'))),
    ),
  );
  router.patch(
    '/cards/contact/:contactId/committee',
    raw,
    route(
      'updateCommittee',
      async ({ portal, req, body }) => {
        const parsed = committeeUpdateRequestSchema.safeParse(body);
        if (!parsed.success) throw fromZodError(parsed.error, 'body', body);
        return ok(
          'updateCommittee',
          await updateCommittee(deps, portal, param(req, 'contactId'), parsed.data),
        );
      },
      { idempotent: true },
    ),
  );
  router.get(
    '/settings',
    raw,
    route('getSettings', async ({ portal }) => ok('getSettings', await readSettings(deps, portal))),
  );
  router.post(
    '/settings/preview',
    raw,
    route('previewSettings', async ({ portal, body, res }) => {
      const check = checkCandidate(body);
      if (!check.ok) return ok('previewSettings', { status: 'invalid', issues: check.issues });
      const result = await previews.preview(portal.portalId, check.settings, locals(res).logger);
      return ok('previewSettings', result);
    }),
  );
  router.put(
    '/settings',
    raw,
    route(
      'saveSettings',
      async ({ portal, caller, body }) =>
        ok('saveSettings', await writeSettings(deps, portal, caller, body)),
      { idempotent: true },
    ),
  );
  router.get(
    '/settings/progress/:jobId',
    raw,
    route('settingsProgress', async ({ portal, req }) =>
      ok('settingsProgress', await settingsProgress(deps, portal.portalId, param(req, 'jobId'))),
    ),
  );
  router.get(
    '/portfolio',
    raw,
    route('portfolio', async ({ portal, req }) => {
      const q = queryParams(req);
      const input = { owner: q.get('owner') ?? undefined, segment: q.get('segment') ?? undefined };
      const parsed = portfolioQuerySchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error, 'query', input);
      return ok('portfolio', await portfolio(deps, portal, parsed.data, sums));
    }),
  );

  router.use(cardApiErrorHandler);
  return router;
}
