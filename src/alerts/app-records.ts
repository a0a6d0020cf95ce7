import type { Client } from '@hubspot/api-client';
import type { BatchInputSimplePublicObjectBatchInputUpsert } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { alertTitle } from '../domain/alerts.js';
import { renderMessage } from '../domain/messages/render.js';
import type { AlertCode, AlertLevel } from '../domain/settings.js';
import type { MessageRef, QuarterSnapshot } from '../domain/snapshot.js';
import { withRetry } from '../hubspot/retry.js';
import { getSettings } from '../sync/settings-store.js';
import { companyName, type ExecDeps } from './executor-context.js';
import { finishRow, type OutboxRow } from './outbox-store.js';

/**
 * The app objects kept in step where the portal has them
 * (`portals.app_objects_available`): one `kam_alert` record per alert row
 * (unique `alert_key` = company:code:opened-at, upserted on every change) and
 * one `kam_account_review` per company and quarter (`review_key` =
 * company:quarter). Upsert by the unique key makes a repeat harmless; the
 * company association is made once, when the record is new.
 */

async function upsertRecord(
  client: Client,
  objectType: string,
  idProperty: string,
  id: string,
  properties: Record<string, string>,
): Promise<{ id: string; isNew: boolean }> {
  const body = {
    inputs: [{ id, idProperty, properties }],
  } as unknown as BatchInputSimplePublicObjectBatchInputUpsert;
  const res = await withRetry(() => client.crm.objects.batchApi.upsert(objectType, body));
  const first = res.results[0] as unknown as { id: string; _new?: boolean; new?: boolean };
  return { id: first.id, isNew: first._new === true || first.new === true };
}

async function linkCompany(
  client: Client,
  objectType: string,
  id: string,
  companyId: string,
): Promise<void> {
  await withRetry(() =>
    client.crm.associations.v4.basicApi.createDefault(objectType, id, 'companies', companyId),
  );
}

const iso = (d: Date | null) => (d ? d.toISOString() : '');

interface AlertRecordRow {
  company_id: string;
  code: AlertCode;
  level: AlertLevel;
  opened_at: Date;
  respond_by: Date | null;
  plan_by: Date | null;
  closed_at: Date | null;
  close_ref: MessageRef | null;
  hubspot_alert_id: string | null;
}

export async function executeAlertRecord(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const alertId = Number(row.payload.alertId);
  const { rows } = await deps.db.query<AlertRecordRow>(
    `SELECT company_id, code, level, opened_at, respond_by, plan_by, closed_at, close_ref, hubspot_alert_id
       FROM alerts WHERE portal_id = $1 AND id = $2`,
    [row.portalId, alertId],
  );
  const a = rows[0];
  const now = deps.now();
  if (!a) {
    await deps.db.transaction((tx) => finishRow(tx, row.id, { skipped: 'gone' }, now));
    return;
  }
  const settings = await getSettings(deps.db, row.portalId);
  const client = await deps.hubspot.clientFor(row.portalId);
  const name = await companyName(deps.db, client, row.portalId, a.company_id);
  const title = `${renderMessage(alertTitle(a.code), settings.locale)} - ${name}`;
  const outcome = a.close_ref
    ? renderMessage(a.close_ref, settings.locale, { timeZone: settings.timeZone })
    : '';
  const key = `${a.company_id}:${a.code}:${a.opened_at.toISOString()}`;
  const rec = await upsertRecord(client, 'kam_alert', 'alert_key', key, {
    title: title.slice(0, 500),
    code: a.code,
    level: a.level,
    opened_at: iso(a.opened_at),
    respond_by: iso(a.respond_by),
    plan_by: iso(a.plan_by),
    closed_at: iso(a.closed_at),
    outcome: outcome.slice(0, 1000),
  });
  if (rec.isNew || a.hubspot_alert_id === null)
    await linkCompany(client, 'kam_alert', rec.id, a.company_id);
  await deps.db.transaction(async (tx) => {
    await tx.query('UPDATE alerts SET hubspot_alert_id = $3 WHERE portal_id = $1 AND id = $2', [
      row.portalId,
      alertId,
      rec.id,
    ]);
    await finishRow(tx, row.id, { recordId: rec.id }, now);
  });
}

export async function executeReviewRecord(deps: ExecDeps, row: OutboxRow): Promise<void> {
  const companyId = String(row.payload.companyId);
  const quarter = String(row.payload.quarter);
  const { rows } = await deps.db.query<{ snapshot: QuarterSnapshot }>(
    'SELECT snapshot FROM account_snapshots WHERE portal_id = $1 AND company_id = $2 AND quarter = $3',
    [row.portalId, companyId, quarter],
  );
  const now = deps.now();
  const s = rows[0]?.snapshot;
  if (!s) {
    await deps.db.transaction((tx) => finishRow(tx, row.id, { skipped: 'no snapshot' }, now));
    return;
  }
  const client = await deps.hubspot.clientFor(row.portalId);
  const name = await companyName(deps.db, client, row.portalId, companyId);
  const rec = await upsertRecord(
    client,
    'kam_account_review',
    'review_key',
    `${companyId}:${quarter}`,
    {
      review_name: `${name} ${quarter}`.slice(0, 500),
      quarter,
      taken_on: s.takenOn,
      score: String(s.score),
      health: String(s.health),
      health_business: String(s.business),
      health_relationship: String(s.relationship),
      health_ecosystem: String(s.ecosystem),
      tier: s.tier,
      lifecycle_stage: s.stage,
      is_key_account: String(s.isKeyAccount),
    },
  );
  if (rec.isNew) await linkCompany(client, 'kam_account_review', rec.id, companyId);
  await deps.db.transaction((tx) => finishRow(tx, row.id, { recordId: rec.id }, now));
}
