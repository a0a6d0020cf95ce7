import express, { type Router } from 'express';
import { z } from 'zod';
import type { SandboxRuntime } from '../admin/runtime.js';
import { html, page } from './html.js';
import { callsTable, companiesTable, deliveriesTable, openTasksTable } from './views.js';

const querySchema = z.object({
  portal: z.coerce.number().int().optional(),
  props: z.enum(['kam', 'all']).default('kam'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

/** GET / — a plain page showing what the app did: portals, companies, calls, webhooks, open tasks. */
export function explorerRouter(rt: SandboxRuntime): Router {
  const r = express.Router();
  r.get('/', (req, res) => {
    const q = querySchema.safeParse(req.query);
    const { portal: selected, props, limit } = q.success ? q.data : querySchema.parse({});
    const portals = [...rt.sandbox.portals.values()];
    const current =
      portals.find((p) => p.portalId === selected) ??
      portals.find((p) => p.portalId === rt.sandbox.defaultPortalId);
    const portalList = html`<h2>Portals</h2>
      <table>
        <tr>
          <th>portal</th>
          <th>records</th>
          <th>installed apps</th>
        </tr>
        ${portals.map((p) => {
          const records = Object.values(p.stats().objects).reduce((s, o) => s + o.live, 0);
          const apps = rt.installs
            .list(p.portalId)
            .map((i) => rt.apps.get(i.appId)?.name ?? String(i.appId));
          return html`<tr>
            <td><a href="/?portal=${p.portalId}&props=${props}">${p.portalId}</a></td>
            <td>${records}</td>
            <td>${apps.join(', ')}</td>
          </tr>`;
        })}
      </table>`;
    const toggle = props === 'kam' ? 'all' : 'kam';
    const body = current
      ? html`<p>
            Portal <strong>${current.portalId}</strong> · time zone ${current.timeZone} ·
            <a href="/?portal=${current.portalId}&props=${toggle}"
              >show ${toggle === 'kam' ? 'kam_ properties only' : 'all properties'}</a
            >
          </p>
          ${companiesTable(current, limit, props === 'kam')} ${openTasksTable(current, limit)}
          ${callsTable(rt.calls.recent({ portalId: current.portalId, limit: 50 }))}
          ${deliveriesTable(rt.webhooks.log.list({ portalId: current.portalId, limit: 50 }))}`
      : html`<p>No portal.</p>`;
    res
      .type('html')
      .set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(
        page(
          'HubSpot sandbox',
          html`<h1>HubSpot sandbox</h1>
            <p>
              ${rt.baseUrl} · sandbox time ${new Date(rt.now()).toISOString()} · admin API under
              <code>/_sandbox</code>
            </p>
            ${portalList}${body}`,
        ),
      );
  });
  return r;
}
