import type { Owner } from '../sync/records.js';
import { ownerFirstNames, ownerLastNames } from './names.js';
import { Rng } from './rng.js';

/** Sales reps in `GET /crm/v3/owners` shape, split into regional teams. */

const TEAMS = [
  { id: '501', name: 'Enterprise East' },
  { id: '502', name: 'Enterprise West' },
  { id: '503', name: 'Mid-market' },
];

export function buildOwners(seed: number, count: number, asOfMs: number): Owner[] {
  const rng = new Rng(seed, 0x0ea7);
  const firsts = rng.sample(ownerFirstNames, ownerFirstNames.length);
  const lasts = rng.sample(ownerLastNames, ownerLastNames.length);
  const owners: Owner[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = firsts[i % firsts.length];
    const lastName = lasts[(i + Math.floor(i / lasts.length)) % lasts.length];
    // Joined between 1 and 6 years before asOf.
    const createdAt = new Date(
      asOfMs - (365 + rng.int(0, 5 * 365)) * 86_400_000 - rng.int(0, 86_399) * 1000,
    ).toISOString();
    const team = TEAMS[i % TEAMS.length];
    owners.push({
      id: String(70_000_001 + i),
      email:
        `${firstName}.${lastName}${i >= firsts.length ? i : ''}@demo-sales.example`.toLowerCase(),
      firstName,
      lastName,
      userId: 9_100_001 + i,
      userIdIncludingInactive: 9_100_001 + i,
      createdAt,
      updatedAt: createdAt,
      archived: false,
      type: 'PERSON',
      teams: [{ id: team.id, name: team.name, primary: true }],
    });
  }
  return owners;
}
