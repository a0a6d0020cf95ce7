import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { faultRuleSchema, webhookFaultSchema } from '../faults/rules.js';
import { appConfigSchema, DEMO_APP_ID } from '../oauth/apps.js';
import { seedOptionsSchema } from '../seed/seed-portal.js';
import { loopbackOnly } from './loopback.js';
import type { SandboxRuntime } from './runtime.js';

/**
 * The sandbox's own API under /_sandbox (not HubSpot's): reset, portals, seed,
 * install/uninstall, clock, call counts, webhook log, faults, rate limits,
 * search index lag. JSON in and out; loopback only.
 */
const portalBodySchema = z.object({
  portalId: z.number().int().min(1).optional(),
  timeZone: z.string().optional(),
  currency: z.string().optional(),
  searchIndexLagMs: z.number().int().min(0).optional(),
  seed: seedOptionsSchema.partial().optional(),
  installDemoApp: z.boolean().default(false),
});
const installBodySchema = z.object({
  appId: z.number().int().default(DEMO_APP_ID),
  scopes: z.array(z.string()).optional(),
  /** Sets the app's webhook URL while installing (HubSpot: the app's webhook settings). */
  webhookUrl: z.string().url().optional(),
});
const clockBodySchema = z.object({
  advanceMs: z.number().optional(),
  set: z.union([z.number(), z.iso.datetime({ offset: true })]).optional(),
  freeze: z.boolean().optional(),
});
/** Patches are merged into the current settings, which are then validated whole (zod's partial() would fill defaults). */
const patchSchema = z.record(z.string(), z.unknown());
const optionalInt = z.coerce.number().int().optional();

export function adminRouter(rt: SandboxRuntime): Router {
  const r = express.Router();
  r.use('/_sandbox', loopbackOnly);
  const portalParam = (req: Request): number => {
    const id = Number(req.params.portalId);
    rt.portal(id);
    return id;
  };
  const handle =
    (fn: (req: Request, res: Response) => unknown) =>
    (req: Request, res: Response): void => {
      try {
        const out = fn(req, res);
        if (!res.headersSent) res.json(out ?? { ok: true });
      } catch (err) {
        const message =
          err instanceof z.ZodError
            ? z.prettifyError(err)
            : err instanceof Error
              ? err.message
              : String(err);
        res.status(err instanceof z.ZodError ? 400 : 404).json({ status: 'error', message });
      }
    };

  r.get(
    '/_sandbox',
    handle(() => ({
      url: rt.baseUrl,
      now: new Date(rt.now()).toISOString(),
      staticToken: rt.sandbox.staticToken,
      defaultPortalId: rt.sandbox.defaultPortalId,
      portals: [...rt.sandbox.portals.values()].map((p) => ({
        portalId: p.portalId,
        ...p.stats(),
        searchIndexLagMs: p.searchIndexLagMs,
      })),
      apps: rt.apps.list().map(({ clientSecret: _secret, ...app }) => app),
      installs: rt.installs.list(),
    })),
  );

  r.post(
    '/_sandbox/reset',
    handle((req) => {
      const body = z
        .object({ seed: z.union([seedOptionsSchema.partial(), z.literal(false)]).optional() })
        .parse(req.body ?? {});
      rt.reset({ seed: body.seed });
      return { ok: true, demoInstall: rt.demoInstall };
    }),
  );

  r.post(
    '/_sandbox/portals',
    handle((req, res) => {
      const body = portalBodySchema.parse(req.body ?? {});
      const { portal, install } = rt.createPortal(body);
      res
        .status(201)
        .json({
          portalId: portal.portalId,
          staticToken: `${rt.sandbox.staticToken}:${portal.portalId}`,
          install,
        });
    }),
  );

  r.post(
    '/_sandbox/portals/:portalId/seed',
    handle((req) => rt.seed(portalParam(req), seedOptionsSchema.parse(req.body ?? {}))),
  );

  r.put(
    '/_sandbox/portals/:portalId/search-lag',
    handle((req) => {
      const { ms } = z.object({ ms: z.number().int().min(0) }).parse(req.body);
      rt.portal(portalParam(req)).searchIndexLagMs = ms;
      return { searchIndexLagMs: ms };
    }),
  );

  r.post(
    '/_sandbox/portals/:portalId/install',
    handle((req) => {
      const portalId = portalParam(req);
      const body = installBodySchema.parse(req.body ?? {});
      if (body.webhookUrl) rt.apps.update(body.appId, { webhookUrl: body.webhookUrl });
      return rt.install(portalId, body.appId, body.scopes);
    }),
  );

  r.post(
    '/_sandbox/portals/:portalId/uninstall',
    handle((req) => {
      const { appId } = z
        .object({ appId: z.number().int().default(DEMO_APP_ID) })
        .parse(req.body ?? {});
      return { uninstalled: rt.uninstall(portalParam(req), appId) };
    }),
  );

  r.post(
    '/_sandbox/apps',
    handle((req, res) => {
      const { clientSecret: _s, ...app } = rt.apps.register(appConfigSchema.parse(req.body));
      res.status(201).json(app);
    }),
  );

  r.patch(
    '/_sandbox/apps/:appId',
    handle((req) => {
      const { clientSecret: _s, ...app } = rt.apps.update(
        Number(req.params.appId),
        patchSchema.parse(req.body ?? {}),
      );
      return app;
    }),
  );

  r.get(
    '/_sandbox/clock',
    handle(() => ({
      now: rt.now(),
      iso: new Date(rt.now()).toISOString(),
      frozen: rt.sandbox.clock.isFrozen,
    })),
  );
  r.post(
    '/_sandbox/clock',
    handle((req) => {
      const body = clockBodySchema.parse(req.body ?? {});
      const clock = rt.sandbox.clock;
      if (body.set !== undefined)
        clock.set(typeof body.set === 'number' ? body.set : Date.parse(body.set));
      if (body.advanceMs !== undefined) clock.advance(body.advanceMs);
      if (body.freeze === true) clock.freeze();
      if (body.freeze === false) clock.unfreeze();
      return { now: rt.now(), iso: new Date(rt.now()).toISOString(), frozen: clock.isFrozen };
    }),
  );

  r.get(
    '/_sandbox/calls',
    handle((req) => {
      const filter = z
        .object({ portalId: optionalInt, appId: optionalInt, limit: optionalInt })
        .parse(req.query);
      return {
        total: rt.calls.total(filter),
        counts: rt.calls.countsFor(filter),
        recent: rt.calls.recent(filter),
      };
    }),
  );
  r.delete(
    '/_sandbox/calls',
    handle(() => rt.calls.reset()),
  );

  r.get(
    '/_sandbox/webhooks/deliveries',
    handle((req) => {
      const filter = z
        .object({ portalId: optionalInt, appId: optionalInt, limit: optionalInt })
        .parse(req.query);
      return {
        pendingRetries: rt.webhooks.pendingRetries,
        deliveries: rt.webhooks.log.list(filter),
      };
    }),
  );
  r.post('/_sandbox/webhooks/flush', async (_req, res) => {
    // Sends buffered batches and due-or-not retries now, then waits for the answers.
    rt.webhooks.flush();
    rt.webhooks.retryNow();
    await rt.webhooks.whenIdle({ includeRetries: false });
    res.json({ pendingRetries: rt.webhooks.pendingRetries });
  });
  r.get(
    '/_sandbox/webhooks/settings',
    handle(() => rt.webhooks.currentSettings),
  );
  r.put(
    '/_sandbox/webhooks/settings',
    handle((req) => rt.webhooks.configure(patchSchema.parse(req.body ?? {}))),
  );

  r.get(
    '/_sandbox/faults',
    handle(() => ({ rules: rt.faults.list(), webhooks: rt.faults.webhookFaults })),
  );
  r.post(
    '/_sandbox/faults',
    handle((req, res) => {
      res.status(201).json(rt.faults.add(faultRuleSchema.parse(req.body)));
    }),
  );
  r.delete(
    '/_sandbox/faults',
    handle(() => {
      rt.faults.clear();
      rt.faultMiddleware.releaseAll();
    }),
  );
  r.delete(
    '/_sandbox/faults/:id',
    handle((req) => {
      if (!rt.faults.remove(String(req.params.id)))
        throw new Error(`no fault ${String(req.params.id)}`);
    }),
  );
  r.put(
    '/_sandbox/faults/webhooks',
    handle((req) => rt.faults.configureWebhooks(webhookFaultSchema.parse(req.body ?? {}))),
  );

  r.get(
    '/_sandbox/rate-limits',
    handle(() => rt.limiter.current),
  );
  r.put(
    '/_sandbox/rate-limits',
    handle((req) => rt.limiter.configure(patchSchema.parse(req.body ?? {}))),
  );

  r.get(
    '/_sandbox/app-events',
    handle(() => rt.installs.events()),
  );
  return r;
}
