import { readFileSync } from 'node:fs';
import path from 'node:path';
import { catalog as generatedCatalog } from '../../extensions/app/shared/generated/catalog.js';
import { BASE_URL } from '../../extensions/app/shared/generated/config.js';
import { renderMessage as uiRender } from '../../extensions/app/shared/generated/render.js';
import { defaultSettings as generatedDefaults } from '../../extensions/app/shared/generated/settings-schema.js';
import {
  baseUrlOf,
  planFiles,
  root,
  staleFiles,
  tsTypeOf,
} from '../../scripts/gen-extension-shared.js';
import { catalog } from '../../src/domain/messages/index.js';
import { renderMessage } from '../../src/domain/messages/render.js';
import { defaultSettings } from '../../src/domain/settings.js';
import { demoCards } from './harness.js';

/**
 * `extensions/` cannot import `src/`, so what it shares with the backend is
 * generated into it. These tests regenerate in memory and fail on any drift:
 * run `npx tsx scripts/gen-extension-shared.ts` and commit the result.
 */
describe('extensions/app/**/shared is generated and up to date', () => {
  it('every generated file and every UI-folder copy matches a fresh generation', () => {
    expect(staleFiles(root)).toEqual({ changed: [], extra: [] });
  });

  it('plans the generated files in shared/ and a copy of shared/ in each UI folder', () => {
    const files = [...planFiles(root).keys()];
    for (const name of [
      'catalog.ts',
      'render.ts',
      'contract.ts',
      'settings-schema.ts',
      'config.ts',
    ]) {
      for (const dir of ['shared', 'cards/shared', 'settings/shared', 'pages/shared']) {
        expect(files).toContain(`extensions/app/${dir}/generated/${name}`);
      }
    }
    expect(files).toContain('extensions/app/cards/shared/api.ts');
    const copy = readFileSync(path.join(root, 'extensions/app/settings/shared/api.ts'), 'utf8');
    expect(copy).toContain(readFileSync(path.join(root, 'extensions/app/shared/api.ts'), 'utf8'));
  });

  it('the catalog, defaults and base URL equal the backend ones', () => {
    expect(generatedCatalog).toEqual(catalog);
    expect(generatedDefaults).toEqual(defaultSettings);
    expect(BASE_URL).toBe(baseUrlOf(root));
    expect(BASE_URL).toBe('https://kam.example.com');
  });

  it('renders every engine message of the demo exactly as the backend does, in both languages', () => {
    const refs = demoCards().evaluations.flatMap((e) => [
      ...e.summary,
      ...e.score.explanation,
      ...Object.values(e.score.factors).flatMap((f) => f.explanation),
      e.lifecycle.rule,
      e.lifecycle.nextControlPoint,
      ...e.committee.gaps,
      ...e.alerts.skipped.map((s) => s.reason),
      ...Object.values(e.health.parts).map((p) => p.explanation),
    ]);
    expect(refs.length).toBeGreaterThan(500);
    for (const locale of ['en', 'zh-CN'] as const) {
      const options = { currency: 'USD', timeZone: 'America/New_York' };
      for (const ref of refs)
        expect(uiRender(ref, locale, options)).toBe(renderMessage(ref, locale, options));
    }
  });
});

describe('JSON Schema → TypeScript emitter', () => {
  it('emits unions, nullables, records, optional keys and refs', () => {
    expect(tsTypeOf({ type: ['string', 'null'] })).toBe('string | null');
    expect(tsTypeOf({ anyOf: [{ $ref: '#/$defs/Tier' }, { type: 'null' }] })).toBe('Tier | null');
    expect(
      tsTypeOf({
        type: 'object',
        propertyNames: { type: 'string' },
        additionalProperties: { type: 'number' },
      }),
    ).toBe('Record<string, number>');
    expect(tsTypeOf({ type: 'array', items: { enum: ['a', 'b'] } })).toBe('("a" | "b")[]');
    expect(
      tsTypeOf({
        type: 'object',
        properties: { a: { const: 'x' }, b: { type: 'integer' } },
        required: ['a'],
      }),
    ).toBe('{\n  a: "x";\n  b?: number;\n}');
  });

  it('refuses a keyword it does not understand instead of emitting a wrong type', () => {
    expect(() => tsTypeOf({ type: 'object', patternProperties: {} })).toThrow(/patternProperties/);
    expect(() => tsTypeOf({ allOf: [] })).toThrow(/allOf/);
  });
});
