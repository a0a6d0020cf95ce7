import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The bits of our `app-hsmeta.json` the sandbox uses: the scopes the app asks for. */
const appMetaSchema = z.object({
  config: z.object({
    auth: z
      .object({
        requiredScopes: z.array(z.string()).default([]),
        optionalScopes: z.array(z.string()).default([]),
      })
      .optional(),
  }),
});

export interface AppMetaScopes {
  required: string[];
  optional: string[];
}

/** Reads the scopes; undefined when the file is absent (the sandbox then allows any scope). */
export function readAppScopes(path: string): AppMetaScopes | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const auth = appMetaSchema.parse(JSON.parse(text)).config.auth;
  return auth ? { required: auth.requiredScopes, optional: auth.optionalScopes } : undefined;
}
