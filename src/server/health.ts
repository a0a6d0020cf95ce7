import { Router } from 'express';
import type { AppDeps } from '../app/deps.js';
import { loadMigrations } from '../store/migrate.js';
import { registry } from './metrics.js';

/**
 * `/healthz`: the process is up (no I/O, so a slow database never gets a live
 * process restarted). `/readyz`: the database answers and every migration this
 * code knows is applied — traffic only then. `/metrics`: Prometheus.
 */

async function readiness(deps: AppDeps): Promise<{ ready: boolean; problem?: string }> {
  try {
    const known = await loadMigrations();
    const { rows } = await deps.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations',
    );
    const applied = new Set(rows.map((r) => Number(r.version)));
    const missing = known.filter((m) => !applied.has(m.version)).map((m) => m.name);
    if (missing.length > 0)
      return { ready: false, problem: `migrations pending: ${missing.join(', ')}` };
    return { ready: true };
  } catch (err) {
    return {
      ready: false,
      problem: `database unreachable: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const r = await readiness(deps);
    res
      .status(r.ready ? 200 : 503)
      .json(r.ready ? { status: 'ready' } : { status: 'not_ready', problem: r.problem });
  });
  router.get('/metrics', async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });
  return router;
}
