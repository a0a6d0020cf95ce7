import type { I18n } from './shared/i18n.js';
import type { SettingsIssue } from './shared/generated/contract.js';
import { allFields, allGroups } from './settings-fields.js';
import type { FieldIssue } from './validate.js';

const known = [...allFields(), ...allGroups()].map((s) => s.path.join('.'));

/** The field or group an issue belongs to: the longest known path it starts with ('' = the form as a whole). */
export function ownerOf(path: readonly (string | number)[]): string {
  const key = path.join('.');
  let best = '';
  for (const k of known)
    if ((key === k || key.startsWith(`${k}.`)) && k.length > best.length) best = k;
  return best;
}

/** Client issues (localised by code) and server issues (zod's message as is) by field key; first one wins. */
export function errorsByField(
  client: readonly FieldIssue[],
  server: readonly SettingsIssue[],
  i18n: I18n,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of client) {
    const key = ownerOf(issue.path);
    out[key] ??= i18n.t(`s.error.${issue.code}`, issue.params);
  }
  for (const issue of server) {
    const key = ownerOf(issue.path);
    out[key] ??= issue.message;
  }
  return out;
}
