import fc from 'fast-check';
import { allFields, setIn } from '../../extensions/app/settings/settings-fields.js';
import { validateSettings } from '../../extensions/app/settings/validate.js';
import { crossFieldRules } from '../../scripts/gen-extension-shared.js';
import { defaultSettings, settingsSchema } from '../../src/domain/settings.js';

/**
 * The UI validates settings with the generated JSON Schema and cross-field rules;
 * the backend with zod. They must agree, or an admin sees "saved" for settings
 * the backend rejects (or errors it would accept).
 */

const paths = allFields().map((f) => f.path);
const valuePool: unknown[] = [
  -1,
  0,
  0.05,
  0.5,
  1,
  1.5,
  2,
  7,
  9,
  12,
  18,
  24,
  25,
  49.5,
  50,
  60,
  70,
  90,
  99,
  100,
  100.5,
  101,
  1000,
  3650,
  3651,
  1e20,
  Number.NaN,
  '',
  'x',
  'industry',
  'Asia/Shanghai',
  'Mars/Olympus',
  'en',
  'zh-CN',
  'fr',
  'auto',
  'wall',
  'business',
  'year_over_year',
  true,
  false,
  null,
  [],
  ['red'],
  ['purple'],
  ['decision_maker_left'],
  { X: 'buyer' },
  { X: 'boss' },
  {},
];

describe('settings validation in the UI agrees with zod', () => {
  it('accepts the defaults', () => {
    expect(validateSettings(defaultSettings)).toEqual([]);
  });

  it('each cross-field rule is one zod enforces, at the same path', () => {
    const broken: Record<string, unknown> = {
      'score.weights': setIn(defaultSettings, ['score', 'weights', 'sales'], 0.9),
      'score.winnabilityBlend': setIn(
        defaultSettings,
        ['score', 'winnabilityBlend', 'rating'],
        0.9,
      ),
      'health.weights': setIn(defaultSettings, ['health', 'weights', 'business'], 0.9),
      'health.bands': setIn(defaultSettings, ['health', 'bands', 'watch'], 80),
      timeZone: setIn(defaultSettings, ['timeZone'], 'Mars/Olympus'),
    };
    for (const rule of crossFieldRules) {
      const key = rule.path.join('.');
      const candidate = broken[key];
      expect(candidate).toBeDefined();
      const zod = settingsSchema.safeParse(candidate);
      expect(zod.success).toBe(false);
      expect(zod.error?.issues.map((i) => i.path.join('.'))).toContain(key);
      expect(validateSettings(candidate).map((i) => i.path.join('.'))).toEqual([key]);
    }
  });

  it('on random edits of the defaults, the UI accepts exactly what zod accepts', () => {
    const edit = fc.tuple(fc.constantFrom(...paths), fc.constantFrom(...valuePool));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const candidate = edits.reduce<unknown>(
          (s, [path, value]) => setIn(s, path, value),
          defaultSettings,
        );
        const ui = validateSettings(candidate);
        const zod = settingsSchema.safeParse(candidate);
        expect(ui.length === 0).toBe(zod.success);
      }),
      { numRuns: 400 },
    );
  });

  it('points each issue at the field that is wrong', () => {
    const candidate = setIn(
      setIn(defaultSettings, ['alerts', 'respondHours'], 0),
      ['alerts', 'taskLevels'],
      ['purple'],
    );
    const issues = validateSettings(candidate);
    expect(issues).toHaveLength(2);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['alerts', 'respondHours'], code: 'gt', params: { min: 0 } },
        { path: ['alerts', 'taskLevels', '0'], code: 'enum', params: {} },
      ]),
    );
  });
});
