import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchemas, schemaFiles } from '../../scripts/export-schemas.js';
import { evaluationSchema } from '../../src/domain/evaluation.js';
import { alertCodes } from '../../src/domain/settings.js';

const dir = join(__dirname, '../../docs/schema');
const generated = buildSchemas();
const parsed = (file: string) => JSON.parse(generated[file]) as Record<string, unknown>;

describe('JSON Schemas in docs/schema (npm run schemas)', () => {
  it.each(Object.keys(schemaFiles))('%s is up to date with the zod schemas', (file) => {
    const committed = readFileSync(join(dir, file), 'utf8');
    // On failure: run `npm run schemas` and commit docs/schema.
    expect(committed).toBe(generated[file]);
  });
  it('settings: every key is optional (an admin sends any subset), with the spec default shown', () => {
    const s = parsed('settings.schema.json') as {
      required?: string[];
      properties: Record<string, { default?: unknown }>;
    };
    expect(s.required ?? []).toEqual([]);
    expect(s.properties.locale.default).toBe('en');
    expect(s.properties.fiscalYearStartMonth.default).toBe(1);
  });
  it('evaluation: every field of the output is required', () => {
    const s = parsed('evaluation.schema.json') as { required: string[] };
    expect([...s.required].sort()).toEqual(Object.keys(evaluationSchema.shape).sort());
  });
  it('account input: names every alert code an open alert may carry', () => {
    for (const code of alertCodes)
      expect(generated['account-input.schema.json']).toContain(`"${code}"`);
  });
});
