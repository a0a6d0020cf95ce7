/**
 * HubSpot's default (HUBSPOT_DEFINED) association type ids, from the v4
 * associations docs' table. Association types are directed: each pair has one
 * id per direction, and some pairs have a "Primary" label besides the unlabeled type.
 */
export interface AssociationTypeDef {
  typeId: number;
  fromType: string;
  toType: string;
  category: 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';
  label: string | null;
  /** The id of the same association seen from the other side. */
  inverseTypeId: number;
}

type Row = [
  from: string,
  to: string,
  unlabeled: number,
  inverse: number,
  primary?: number,
  primaryInverse?: number,
];

// [from, to, from→to id, to→from id, primary from→to, primary to→from]
const ROWS: Row[] = [
  ['contacts', 'companies', 279, 280, 1, 2],
  ['deals', 'companies', 341, 342, 5, 6],
  ['tickets', 'companies', 339, 340, 26, 25],
  ['deals', 'contacts', 3, 4],
  ['contacts', 'tickets', 15, 16],
  ['deals', 'tickets', 27, 28],
  ['companies', 'companies', 450, 450],
  ['contacts', 'contacts', 449, 449],
  ['deals', 'deals', 451, 451],
  ['tickets', 'tickets', 452, 452],
  ['calls', 'companies', 182, 181],
  ['emails', 'companies', 186, 185],
  ['meetings', 'companies', 188, 187],
  ['notes', 'companies', 190, 189],
  ['tasks', 'companies', 192, 191],
  ['calls', 'contacts', 194, 193],
  ['emails', 'contacts', 198, 197],
  ['meetings', 'contacts', 200, 199],
  ['notes', 'contacts', 202, 201],
  ['tasks', 'contacts', 204, 203],
  ['calls', 'deals', 206, 205],
  ['emails', 'deals', 210, 209],
  ['meetings', 'deals', 212, 211],
  ['notes', 'deals', 214, 213],
  ['tasks', 'deals', 216, 215],
  ['calls', 'tickets', 220, 219],
  ['emails', 'tickets', 224, 223],
  ['meetings', 'tickets', 226, 225],
  ['notes', 'tickets', 228, 227],
  ['tasks', 'tickets', 230, 229],
];

/** Company parent/child labels (13/14) exist besides the unlabeled 450. */
const EXTRA: AssociationTypeDef[] = [
  {
    typeId: 13,
    fromType: 'companies',
    toType: 'companies',
    category: 'HUBSPOT_DEFINED',
    label: 'Parent Company',
    inverseTypeId: 14,
  },
  {
    typeId: 14,
    fromType: 'companies',
    toType: 'companies',
    category: 'HUBSPOT_DEFINED',
    label: 'Child Company',
    inverseTypeId: 13,
  },
];

function build(): AssociationTypeDef[] {
  const out: AssociationTypeDef[] = [];
  const def = (
    typeId: number,
    fromType: string,
    toType: string,
    label: string | null,
    inverseTypeId: number,
  ) => out.push({ typeId, fromType, toType, category: 'HUBSPOT_DEFINED', label, inverseTypeId });
  for (const [from, to, id, inv, primary, primaryInv] of ROWS) {
    def(id, from, to, null, inv);
    if (from !== to) def(inv, to, from, null, id);
    if (primary !== undefined && primaryInv !== undefined) {
      def(primary, from, to, 'Primary', primaryInv);
      def(primaryInv, to, from, 'Primary', primary);
    }
  }
  return [...out, ...EXTRA];
}

export const DEFAULT_ASSOCIATION_TYPES: readonly AssociationTypeDef[] = build();

/** Primary labels allow one target per source (a contact has one primary company). */
export const PRIMARY_TYPE_IDS = new Set([1, 5, 26]);
