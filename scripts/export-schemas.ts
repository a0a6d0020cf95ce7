import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { settingsSchema } from '../src/domain/settings.js';
import { accountInputSchema } from '../src/domain/snapshot.js';
import { evaluationSchema } from '../src/domain/evaluation.js';

/**
 * `npm run schemas`: the engine's input and output as JSON Schema (draft 2020-12)
 * in docs/schema/, generated from the zod schemas so they can never disagree.
 * Inputs use zod's "input" view (fields with defaults are optional); the
 * evaluation uses the "output" view (every field present). A test regenerates
 * them in memory and fails when the committed files drift.
 */

export const schemaFiles = {
  'settings.schema.json': {
    schema: settingsSchema,
    io: 'input',
    title: 'KAM for HubSpot — settings',
    description:
      'Per-portal settings of the engine; every key is optional and defaults to the value of docs/domain §11.',
  },
  'account-input.schema.json': {
    schema: accountInputSchema,
    io: 'input',
    title: 'KAM for HubSpot — account input',
    description:
      'One account (HubSpot company) as the engine reads it, with the state carried from its previous evaluation.',
  },
  'evaluation.schema.json': {
    schema: evaluationSchema,
    io: 'output',
    title: 'KAM for HubSpot — evaluation',
    description:
      "The engine's explained result for one account; texts are message references rendered per language.",
  },
} as const;

/** File name → JSON text (2-space indented, trailing newline). */
export function buildSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, spec] of Object.entries(schemaFiles)) {
    const json = z.toJSONSchema(spec.schema, { io: spec.io, unrepresentable: 'any' });
    const { $schema, ...rest } = json;
    const doc = { $schema, title: spec.title, description: spec.description, ...rest };
    out[file] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return out;
}

export const schemaDir = resolve(__dirname_(), '../docs/schema');

function __dirname_(): string {
  // Works both under tsx (ESM) and jest (CommonJS) without import.meta.
  return typeof __dirname === 'string' ? __dirname : dirname(process.argv[1] ?? '.');
}

function main(): void {
  mkdirSync(schemaDir, { recursive: true });
  for (const [file, text] of Object.entries(buildSchemas())) {
    writeFileSync(join(schemaDir, file), text);
    console.log(`wrote docs/schema/${file}`);
  }
}

if (process.argv[1]?.endsWith('export-schemas.ts')) main();
