/**
 * Associations as HubSpot returns them, in one shape: the associated record,
 * its association type ids where known, and whether it carries HubSpot's
 * "Primary" label (a contact's or deal's primary company: a committee role and
 * a deal's revenue count for that company only).
 */

export interface AssociatedRef {
  toId: string;
  typeIds: number[];
  primary: boolean;
}

const SINGULAR: Readonly<Record<string, string>> = {
  companies: 'company',
  contacts: 'contact',
  deals: 'deal',
  meetings: 'meeting',
  calls: 'call',
  emails: 'email',
  tasks: 'task',
  notes: 'note',
  tickets: 'ticket',
};

/** Pairs that have a Primary label in HubSpot (both directions). */
const PRIMARY_PAIRS = new Set([
  'contacts>companies',
  'companies>contacts',
  'deals>companies',
  'companies>deals',
]);

/**
 * v3 inline association names (`associations=companies` on a list or read)
 * → HubSpot-defined type ids. HubSpot names the primary pair `contact_to_company`
 * and the plain one `contact_to_company_unlabeled`; engagements have one type
 * per direction (meetings are `meeting_event_…` in HubSpot).
 */
const V3_TYPE_IDS: Readonly<Record<string, number>> = {
  contact_to_company: 1,
  contact_to_company_unlabeled: 279,
  company_to_contact: 2,
  company_to_contact_unlabeled: 280,
  deal_to_contact: 3,
  contact_to_deal: 4,
  deal_to_company: 5,
  deal_to_company_unlabeled: 341,
  company_to_deal: 6,
  company_to_deal_unlabeled: 342,
  call_to_company: 182,
  email_to_company: 186,
  meeting_event_to_company: 188,
  meeting_to_company: 188,
  task_to_company: 192,
  call_to_contact: 194,
  email_to_contact: 198,
  meeting_event_to_contact: 200,
  meeting_to_contact: 200,
  task_to_contact: 204,
  call_to_deal: 206,
  email_to_deal: 210,
  meeting_event_to_deal: 212,
  meeting_to_deal: 212,
  task_to_deal: 216,
};

/** Groups v3 inline `{ id, type }` entries by record, one ref per associated record. */
export function fromInline(
  fromType: string,
  toType: string,
  entries: readonly { id: string; type: string }[],
): AssociatedRef[] {
  const primaryName =
    PRIMARY_PAIRS.has(`${fromType}>${toType}`) && SINGULAR[fromType] && SINGULAR[toType]
      ? `${SINGULAR[fromType]}_to_${SINGULAR[toType]}`
      : null;
  const byId = new Map<string, AssociatedRef>();
  for (const entry of entries) {
    const id = String(entry.id);
    let ref = byId.get(id);
    if (!ref) {
      ref = { toId: id, typeIds: [], primary: false };
      byId.set(id, ref);
    }
    const typeId = V3_TYPE_IDS[entry.type];
    if (typeId !== undefined && !ref.typeIds.includes(typeId)) ref.typeIds.push(typeId);
    if (primaryName !== null && entry.type === primaryName) ref.primary = true;
  }
  return [...byId.values()];
}

/** One v4 `to` entry (`toObjectId` comes as a number from HubSpot). */
export interface V4Target {
  toObjectId: string | number;
  associationTypes: readonly { typeId: number; label?: string | null; category?: string }[];
}

export function fromV4(targets: readonly V4Target[]): AssociatedRef[] {
  return targets.map((t) => ({
    toId: String(t.toObjectId),
    typeIds: [...new Set(t.associationTypes.map((a) => a.typeId))],
    primary: t.associationTypes.some((a) => a.label === 'Primary'),
  }));
}
