import { settingsSchema, type SettingsInput } from '../../src/domain/settings.js';
import { accountSchema } from '../../src/domain/snapshot.js';
import {
  toAccount,
  type AccountRecords,
  type AssociatedRecord,
  type EngagementRecord,
} from '../../src/sync/to-account.js';

/** Small HubSpot-record builders for the mapper tests. */

export type Props = Record<string, string | null>;

export const ny = settingsSchema.parse({ timeZone: 'America/New_York' });
export const settings = (input: SettingsInput = {}) =>
  settingsSchema.parse({ timeZone: 'America/New_York', ...input });

export function records(
  over: { company?: Props } & Partial<Omit<AccountRecords, 'company'>> = {},
): AccountRecords {
  return {
    company: { id: '100', properties: { name: 'Acme', ...over.company } },
    contacts: over.contacts ?? [],
    deals: over.deals ?? [],
    engagements: over.engagements ?? [],
  };
}

export const deal = (
  props: Props,
  id = '300',
  primaryCompanyId?: string | null,
): AssociatedRecord => ({
  id,
  properties: props,
  primaryCompanyId,
});

export const contact = (
  props: Props,
  id = '200',
  primaryCompanyId?: string | null,
): AssociatedRecord => ({
  id,
  properties: props,
  primaryCompanyId,
});

export const meeting = (props: Props, contactIds: string[] = [], id = '400'): EngagementRecord => ({
  type: 'meetings',
  record: { id, properties: props },
  contactIds,
});

/** Maps and checks the result against the engine's schema. */
export function map(r: AccountRecords, s = ny) {
  const out = toAccount(r, s);
  accountSchema.parse(out.account);
  return out;
}
