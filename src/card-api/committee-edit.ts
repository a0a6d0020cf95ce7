import type { AppDeps } from '../app/deps.js';
import type { CommitteeUpdateRequest, CommitteeUpdateResponse } from '../cards/contract.js';
import { committeeRoles } from '../domain/snapshot.js';
import { NotFoundError, UpstreamError } from '../errors.js';
import { batchUpdateObjects } from '../hubspot/crm-write.js';
import { getSettingsRecord } from '../sync/settings-store.js';
import {
  companiesOfContact,
  findContact,
  memberFromRecord,
  storedEvaluation,
  type ContactRecord,
} from './contact-card.js';
import { queueCompanyRecompute } from './jobs.js';
import type { PortalInfo } from './tenant.js';

/**
 * PATCH /cards/contact/{contactId}/committee: a rep sets a person's committee
 * roles and stance on a card. Like a change made in HubSpot, it goes to
 * HubSpot first (`kam_buying_role`, `kam_stance` on the contact — HubSpot
 * stays the source of truth), then into our mirror, then a recompute of the
 * person's companies is queued (stance counts at every company they are linked
 * to). Writing the same values again changes nothing and queues nothing, so a
 * retry is harmless even without the idempotency key.
 */

/** HubSpot's multi-select format: `;`-separated option values, in the catalog's order. */
export function rolesValue(roles: readonly string[]): string {
  return committeeRoles.filter((r) => roles.includes(r)).join(';');
}

/** A multi-select value as a set, so order and spacing do not count as a change. */
function asSet(value: string | null | undefined): string {
  return (value ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .sort()
    .join(';');
}

export async function updateCommittee(
  deps: AppDeps,
  portal: PortalInfo,
  contactId: string,
  request: CommitteeUpdateRequest,
): Promise<CommitteeUpdateResponse> {
  const { portalId } = portal;
  const contact = await findContact(deps.db, portalId, contactId);
  if (!contact) throw new NotFoundError('No such contact in this HubSpot account');
  const companies = await companiesOfContact(deps.db, portalId, contactId);
  if (!companies.some((c) => c.id === request.companyId))
    throw new NotFoundError('This contact is not linked to that company');

  const roles = rolesValue(request.roles);
  const stance = request.stance ?? '';
  const changed =
    asSet(contact.properties.kam_buying_role) !== asSet(roles) ||
    (contact.properties.kam_stance ?? '') !== stance;

  let jobId: string | null = null;
  let current: ContactRecord = contact;
  if (changed) {
    const client = await deps.hubspot.clientFor(portalId);
    const result = await batchUpdateObjects(client, 'contacts', [
      { id: contactId, properties: { kam_buying_role: roles, kam_stance: stance } },
    ]);
    const failed = result.errors.find((e) => e.id === contactId);
    if (failed) {
      if (failed.status === 404) throw new NotFoundError('HubSpot no longer has this contact');
      throw new UpstreamError(
        `HubSpot did not accept the change: ${failed.message}`,
        failed.status,
      );
    }
    const values = { kam_buying_role: roles || null, kam_stance: stance || null };
    // The webhook for this write is recognised as our own and skipped: update the mirror here.
    await deps.db.query(
      `UPDATE mirror_contacts SET properties = properties || $3::jsonb, synced_at = now()
        WHERE portal_id = $1 AND id = $2`,
      [portalId, contactId, values],
    );
    current = { id: contactId, properties: { ...contact.properties, ...values } };
    for (const c of companies) {
      const id = await queueCompanyRecompute(deps, portalId, c.id);
      if (c.id === request.companyId) jobId = id;
    }
  }

  const { settings } = await getSettingsRecord(deps.db, portalId);
  const stored = await storedEvaluation(deps.db, portalId, request.companyId);
  const lastTouch =
    stored?.evaluation.committee.members.find((m) => m.contactId === contactId)?.lastTouch ?? null;
  const primary = companies.find((c) => c.primary)?.id ?? null;
  const member = memberFromRecord(current, request.companyId, primary, settings, lastTouch);
  return { status: 'ok', member, jobId };
}
