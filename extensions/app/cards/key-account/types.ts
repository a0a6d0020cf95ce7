import type { CompanyCardOk } from '../shared/generated/contract.js';
import type { I18n } from '../shared/i18n.js';

/** What every section of the Key account card receives. */
export interface SectionProps {
  data: CompanyCardOk;
  i18n: I18n;
}
