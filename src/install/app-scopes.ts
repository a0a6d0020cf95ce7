import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InternalError } from '../errors.js';

/**
 * The scopes the install asks for, read from the app's metafile
 * (extensions/app/app-hsmeta.json): HubSpot refuses an authorize URL whose
 * scopes differ from the app's configured ones, so there is one list.
 */

const metaSchema = z.object({
  config: z.object({
    auth: z.object({
      requiredScopes: z.array(z.string()).min(1),
      optionalScopes: z.array(z.string()).default([]),
    }),
  }),
});

export interface AppScopes {
  required: string[];
  optional: string[];
}

const RELATIVE = path.join('extensions', 'app', 'app-hsmeta.json');

function metafile(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    path.resolve(here, '..', '..', RELATIVE),
    // Built code in dist/src/install.
    path.resolve(here, '..', '..', '..', RELATIVE),
    path.resolve(process.cwd(), RELATIVE),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new InternalError(`${RELATIVE} was not found; the install needs its scopes`);
  return found;
}

let cached: AppScopes | null = null;

export function appScopes(file?: string): AppScopes {
  if (cached && file === undefined) return cached;
  const parsed = metaSchema.safeParse(JSON.parse(readFileSync(file ?? metafile(), 'utf8')));
  if (!parsed.success) throw new InternalError(`${RELATIVE} has no config.auth.requiredScopes`);
  const scopes = {
    required: parsed.data.config.auth.requiredScopes,
    optional: parsed.data.config.auth.optionalScopes,
  };
  if (file === undefined) cached = scopes;
  return scopes;
}
