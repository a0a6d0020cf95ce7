import type { PortfolioResponse } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';

export type PortfolioOk = Extract<PortfolioResponse, { status: 'ok' }>;

export interface SectionProps {
  data: PortfolioOk;
  i18n: I18n;
}

/** Owner id → name, "none" for accounts without an owner. */
export function ownerName(data: PortfolioOk, i18n: I18n, id: string | null): string {
  if (id === null) return i18n.t('common.owner.none');
  return data.owners.find((o) => o.id === id)?.name ?? `#${id}`;
}
