/** HubSpot users who can own records (owners v3). */
export interface OwnerTeam {
  id: string;
  name: string;
  primary: boolean;
}

export interface Owner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  type: 'PERSON' | 'QUEUE';
  createdAt: number;
  updatedAt: number;
  archived: boolean;
  teams: OwnerTeam[];
}

export type OwnerSeed = Pick<Owner, 'email' | 'firstName' | 'lastName'> & { teams?: OwnerTeam[] };

export const DEFAULT_OWNERS: OwnerSeed[] = [
  {
    firstName: 'Alex',
    lastName: 'Morgan',
    email: 'alex.morgan@example.com',
    teams: [{ id: '101', name: 'Key Accounts', primary: true }],
  },
  {
    firstName: 'Sam',
    lastName: 'Lee',
    email: 'sam.lee@example.com',
    teams: [{ id: '101', name: 'Key Accounts', primary: true }],
  },
  {
    firstName: 'Priya',
    lastName: 'Shah',
    email: 'priya.shah@example.com',
    teams: [{ id: '102', name: 'Mid-Market', primary: true }],
  },
  {
    firstName: 'Jonas',
    lastName: 'Berg',
    email: 'jonas.berg@example.com',
    teams: [{ id: '102', name: 'Mid-Market', primary: true }],
  },
  { firstName: 'Mei', lastName: 'Chen', email: 'mei.chen@example.com' },
];

export class OwnerStore {
  private readonly owners = new Map<string, Owner>();
  private nextId: number;
  private nextUserId: number;

  constructor(
    portalId: number,
    private readonly now: () => number,
  ) {
    // Owner ids look like HubSpot's (8–9 digits) and differ between portals.
    this.nextId = 10_000_000 + (portalId % 1000) * 1000;
    this.nextUserId = 20_000_000 + (portalId % 1000) * 1000;
  }

  add(seed: OwnerSeed): Owner {
    const t = this.now();
    const userId = this.nextUserId++;
    const owner: Owner = {
      id: String(this.nextId++),
      email: seed.email,
      firstName: seed.firstName,
      lastName: seed.lastName,
      userId,
      userIdIncludingInactive: userId,
      type: 'PERSON',
      createdAt: t,
      updatedAt: t,
      archived: false,
      teams: seed.teams ?? [],
    };
    this.owners.set(owner.id, owner);
    return owner;
  }

  get(id: string): Owner | undefined {
    return this.owners.get(id);
  }

  archive(id: string): boolean {
    const o = this.owners.get(id);
    if (!o || o.archived) return false;
    o.archived = true;
    o.updatedAt = this.now();
    return true;
  }

  list(archived = false): Owner[] {
    return [...this.owners.values()].filter((o) => o.archived === archived);
  }
}
