import type { z } from 'zod';
import type * as Gen from '../../extensions/app/shared/generated/contract.js';
import type * as C from '../../src/cards/contract.js';
import type { Evaluation } from '../../src/domain/evaluation.js';
import type { Settings } from '../../src/domain/settings.js';
import type { PortfolioAggregates } from '../../src/domain/aggregates.js';

/**
 * Compile-time check (`npm run typecheck`) that the types emitted into
 * extensions/ are exactly the zod-inferred ones: a drift that slipped past the
 * text comparison (e.g. an emitter bug) makes this file fail to compile.
 */

type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

export type Checks = [
  Expect<Equal<Gen.Evaluation, Evaluation>>,
  Expect<Equal<Gen.Settings, Settings>>,
  Expect<Equal<Gen.PortfolioAggregates, PortfolioAggregates>>,
  Expect<Equal<Gen.CompanyCardResponse, C.CompanyCardResponse>>,
  Expect<Equal<Gen.ContactCardResponse, C.ContactCardResponse>>,
  Expect<Equal<Gen.ReevaluateResponse, C.ReevaluateResponse>>,
  Expect<Equal<Gen.CommitteeUpdateRequest, C.CommitteeUpdateRequest>>,
  Expect<Equal<Gen.CommitteeUpdateResponse, C.CommitteeUpdateResponse>>,
  Expect<Equal<Gen.GetSettingsResponse, C.GetSettingsResponse>>,
  Expect<Equal<Gen.SettingsPreviewResponse, C.SettingsPreviewResponse>>,
  Expect<Equal<Gen.SaveSettingsResponse, C.SaveSettingsResponse>>,
  Expect<Equal<Gen.SettingsProgressResponse, C.SettingsProgressResponse>>,
  Expect<Equal<Gen.PortfolioResponse, C.PortfolioResponse>>,
  Expect<Equal<Gen.ApiError, C.ApiError>>,
  Expect<Equal<Gen.PortfolioQuery, z.infer<typeof C.portfolioQuerySchema>>>,
];

describe('generated contract types', () => {
  it('are checked at compile time (see the Checks type above)', () => {
    expect(true).toBe(true);
  });
});
