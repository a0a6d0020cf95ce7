import type { CallRecord } from '../admin/call-log.js';
import type { PortalState } from '../portal/portal-state.js';
import type { CrmRecord } from '../portal/record.js';
import type { DeliveryRecord } from '../webhooks/delivery-log.js';
import { html, type SafeHtml } from './html.js';

/** Read-only HTML fragments of the explorer; every value goes through `html` (escaped). */

const iso = (ms: number): string =>
  Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : '';

/** First `limit` live records of a type, in id order (reads the store directly: no API call, no count). */
export function liveRecords(
  portal: PortalState,
  type: string,
  limit: number,
  keep: (r: CrmRecord) => boolean = () => true,
): CrmRecord[] {
  const out: CrmRecord[] = [];
  for (const r of portal.core.store(portal.type(type)).all()) {
    if (r.archived || !keep(r)) continue;
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}

export function companiesTable(portal: PortalState, limit: number, onlyKam: boolean): SafeHtml {
  const rows = liveRecords(portal, 'companies', limit);
  const total = portal.core.store(portal.type('companies')).liveCount;
  const props = (r: CrmRecord) =>
    [...r.entries()]
      .filter(([name]) => !onlyKam || name.startsWith('kam_'))
      .sort(([a], [b]) => a.localeCompare(b));
  return html`<h2>Companies (${rows.length} of ${total}${onlyKam ? ', kam_ properties' : ''})</h2>
    <table>
      <tr>
        <th>id</th>
        <th>name</th>
        <th>owner</th>
        <th>properties</th>
      </tr>
      ${rows.map(
        (r) =>
          html`<tr>
            <td>${r.id}</td>
            <td>${r.get('name') ?? ''}</td>
            <td>${ownerName(portal, r.get('hubspot_owner_id'))}</td>
            <td>${props(r).map(([k, v]) => html`<code>${k}</code>=${v}<br />`)}</td>
          </tr>`,
      )}
    </table>`;
}

export function openTasksTable(portal: PortalState, limit: number): SafeHtml {
  const tasks = liveRecords(portal, 'tasks', limit, (r) => r.get('hs_task_status') !== 'COMPLETED');
  return html`<h2>Open tasks (${tasks.length})</h2>
    <table>
      <tr>
        <th>id</th>
        <th>subject</th>
        <th>status</th>
        <th>priority</th>
        <th>due</th>
        <th>owner</th>
        <th>companies</th>
      </tr>
      ${tasks.map(
        (t) =>
          html`<tr>
            <td>${t.id}</td>
            <td>${t.get('hs_task_subject') ?? ''}</td>
            <td>${t.get('hs_task_status') ?? ''}</td>
            <td>${t.get('hs_task_priority') ?? ''}</td>
            <td>${t.get('hs_timestamp') ?? ''}</td>
            <td>${ownerName(portal, t.get('hubspot_owner_id'))}</td>
            <td>${portal.associatedIds('tasks', t.id, 'companies').join(', ')}</td>
          </tr>`,
      )}
    </table>`;
}

export function callsTable(calls: CallRecord[]): SafeHtml {
  return html`<h2>Recent API calls (${calls.length})</h2>
    <table>
      <tr>
        <th>at</th>
        <th>app</th>
        <th>operation</th>
        <th>path</th>
        <th>status</th>
        <th>ms</th>
      </tr>
      ${[...calls].reverse().map(
        (c) =>
          html`<tr>
            <td>${iso(c.at)}</td>
            <td>${c.appId ?? ''}</td>
            <td><code>${c.operation}</code></td>
            <td><code>${c.path}</code></td>
            <td class="${c.status >= 400 ? 'fail' : 'ok'}">${c.status}</td>
            <td>${c.durationMs}</td>
          </tr>`,
      )}
    </table>`;
}

export function deliveriesTable(deliveries: DeliveryRecord[]): SafeHtml {
  return html`<h2>Recent webhook deliveries (${deliveries.length})</h2>
    <table>
      <tr>
        <th>at</th>
        <th>app</th>
        <th>url</th>
        <th>events</th>
        <th>attempt</th>
        <th>outcome</th>
        <th>status</th>
        <th>ms</th>
      </tr>
      ${[...deliveries].reverse().map(
        (d) =>
          html`<tr>
            <td>${iso(d.at)}</td>
            <td>${d.appId}</td>
            <td><code>${d.url}</code></td>
            <td>${d.eventIds.length}: ${d.subscriptionTypes.join(', ')}</td>
            <td>${d.attemptNumber}${d.duplicate ? ' (duplicate)' : ''}</td>
            <td class="${d.outcome === 'delivered' ? 'ok' : 'fail'}">${d.outcome}</td>
            <td>${d.httpStatus ?? d.error ?? ''}</td>
            <td>${d.latencyMs}</td>
          </tr>`,
      )}
    </table>`;
}

function ownerName(portal: PortalState, id: string | undefined): string {
  if (!id) return '';
  const o = portal.owners.get(id);
  return o ? `${o.firstName} ${o.lastName}` : id;
}
