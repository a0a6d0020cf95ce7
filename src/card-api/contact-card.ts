import type { ContactCardResponse } from '../cards/contract.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { Settings } from '../domain/settings.js';
import { NotFoundError } from '../errors.js';
import type { Queryable } from '../store/db.js';
import { compareIds } from '../sync/load-accounts.js';
import { getSettingsRecord } from '../sync/settings-store.js';
import { toAccount } from '../sync/to-account.js';
import { parseStoredEvaluation } from '../sync/write-back.js';
import type { CardDeps } from './company-card.js';
import { companyNameOf } from './labels.js';
import { isObjectId, type PortalInfo } from './tenant.js';

/**
 * GET /cards/contact/{contactId}: a person's roles and stance at their
 * company (the primary one, else the first linked) as the last evaluation of
 * that company saw them, with the committee's gaps there. From the store only.
 */

export type CommitteeMember = Evaluation['committee']['members'][number];
type Props = Record<string, string | null>;

export interface ContactRecord {
  id: string;
  properties: Props;
}

export async function findContact(
  q: Queryable,
  portalId: number,
  contactId: string,
): Promise<ContactRecord | null> {
  if (!isObjectId(contactId)) return null;
  const { rows } = await q.query<{ properties: Props; archived: boolean }>(
    'SELECT properties, archived FROM mirror_contacts WHERE portal_id = $1 AND id = $2',
    [portalId, contactId],
  );
  const row = rows[0];
  return row && !row.archived ? { id: contactId, properties: row.properties ?? {} } : null;
}

/** The live companies a contact is linked to, its primary company first. */
export async function companiesOfContact(
  q: Queryable,
  portalId: number,
  contactId: string,
): Promise<{ id: string; primary: boolean }[]> {
  const { rows } = await q.query<{ company_id: string; is_primary: boolean }>(
    `SELECT a.company_id, a.is_primary FROM assoc_contact_company a
       JOIN mirror_companies m ON m.portal_id = a.portal_id AND m.id = a.company_id AND NOT m.archived
      WHERE a.portal_id = $1 AND a.contact_id = $2`,
    [portalId, contactId],
  );
  return rows
    .map((r) => ({ id: r.company_id, primary: r.is_primary }))
    .sort((a, b) => Number(b.primary) - Number(a.primary) || compareIds(a.id, b.id));
}

/**
 * The member as the mapper reads the contact's current values (what the next
 * evaluation will see), keeping the last touch the last evaluation found.
 */
export function memberFromRecord(
  contact: ContactRecord,
  companyId: string,
  primaryCompanyId: string | null,
  settings: Settings,
  lastTouch: string | null,
): CommitteeMember {
  const { account } = toAccount(
    {
      company: { id: companyId, properties: {} },
      contacts: [{ ...contact, primaryCompanyId }],
      deals: [],
      engagements: [],
    },
    settings,
  );
  const c = account.contacts[0];
  return {
    contactId: contact.id,
    name: c.name,
    roles: c.roles,
    stance: c.stance,
    closeness: c.closeness,
    solutionAcceptance: c.solutionAcceptance,
    priceAcceptance: c.priceAcceptance,
    lastTouch,
  };
}

export async function storedEvaluation(
  q: Queryable,
  portalId: number,
  companyId: string,
): Promise<{ evaluation: Evaluation; evaluatedAt: Date } | null> {
  const { rows } = await q.query<{ evaluation: unknown; evaluated_at: Date }>(
    'SELECT evaluation, evaluated_at FROM evaluations WHERE portal_id = $1 AND company_id = $2',
    [portalId, companyId],
  );
  const row = rows[0];
  return row
    ? { evaluation: parseStoredEvaluation(row.evaluation), evaluatedAt: row.evaluated_at }
    : null;
}

async function companyName(q: Queryable, portalId: number, companyId: string): Promise<string> {
  const { rows } = await q.query<{ properties: Props | null }>(
    'SELECT properties FROM mirror_companies WHERE portal_id = $1 AND id = $2',
    [portalId, companyId],
  );
  return companyNameOf(rows[0]?.properties ?? null, companyId);
}

export async function contactCard(
  deps: CardDeps,
  portal: PortalInfo,
  contactId: string,
): Promise<ContactCardResponse> {
  const { db } = deps;
  const contact = await findContact(db, portal.portalId, contactId);
  if (!contact) throw new NotFoundError('No such contact in this HubSpot account');
  const companies = await companiesOfContact(db, portal.portalId, contactId);
  const home = companies[0];
  if (!home) return { status: 'no_company' };
  const [name, stored, { settings }] = await Promise.all([
    companyName(db, portal.portalId, home.id),
    storedEvaluation(db, portal.portalId, home.id),
    getSettingsRecord(db, portal.portalId),
  ]);
  const company = { id: home.id, name };
  if (!stored) return { status: 'not_evaluated', company };
  const { evaluation } = stored;
  const primary = companies.find((c) => c.primary)?.id ?? null;
  const member =
    evaluation.committee.members.find((m) => m.contactId === contactId) ??
    memberFromRecord(contact, home.id, primary, settings, null);
  const c = evaluation.committee;
  return {
    status: 'ok',
    contact: { id: contactId, name: member.name || `#${contactId}` },
    company,
    portal: { currency: portal.currency, timeZone: settings.timeZone },
    member,
    committee: {
      rolesMissing: c.rolesMissing,
      hasDecisionMaker: c.hasDecisionMaker,
      singleThreaded: c.singleThreaded,
      opposingDecisionMaker: c.opposingDecisionMaker,
      isKeyAccount: evaluation.rank.isKeyAccount,
    },
    lastEvaluatedAt: stored.evaluatedAt.toISOString(),
    renderedAt: deps.now().toISOString(),
  };
}
