import type { AppDeps } from '../app/deps.js';
import type {
  GetSettingsResponse,
  SaveSettingsResponse,
  SettingsIssue,
} from '../cards/contract.js';
import { settingsSchema, type Settings } from '../domain/settings.js';
import { fromZodError } from '../errors.js';
import { getSettingsRecord, saveSettings } from '../sync/settings-store.js';
import type { CardCaller } from './verify.js';
import { ownersOf } from './labels.js';
import { startSettingsJob } from './settings-jobs.js';
import type { PortalInfo } from './tenant.js';

/**
 * GET /settings and PUT /settings. Settings are validated with the engine's
 * own schema; invalid ones answer 200 `{ status: 'invalid', issues }` with a
 * path and message per problem, so the page shows each next to its field.
 * A save stores through the settings store (versioned, with history) and
 * starts the full re-evaluation whose progress the page polls.
 */

export type CandidateCheck =
  { ok: true; settings: Settings } | { ok: false; issues: SettingsIssue[] };

export function checkCandidate(input: unknown): CandidateCheck {
  const parsed = settingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  // fromZodError words each issue (and quotes the offending value); its order is zod's.
  const worded = fromZodError(parsed.error, 'settings', input).details?.issues;
  const messages = Array.isArray(worded) ? (worded as { message: string }[]) : [];
  const issues = parsed.error.issues.map((issue, i) => ({
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: messages[i]?.message ?? issue.message,
  }));
  return { ok: false, issues };
}

export async function readSettings(
  deps: Pick<AppDeps, 'db'>,
  portal: PortalInfo,
): Promise<GetSettingsResponse> {
  const record = await getSettingsRecord(deps.db, portal.portalId);
  return {
    status: 'ok',
    settings: record.settings,
    updatedAt: record.updatedAt ? record.updatedAt.toISOString() : null,
    owners: await ownersOf(deps.db, portal.portalId),
  };
}

export async function writeSettings(
  deps: Pick<AppDeps, 'db' | 'queue'>,
  portal: PortalInfo,
  caller: CardCaller,
  input: unknown,
): Promise<SaveSettingsResponse> {
  const check = checkCandidate(input);
  if (!check.ok) return { status: 'invalid', issues: check.issues };
  const saved = await saveSettings(deps.db, portal.portalId, input, {
    updatedBy: caller.userEmail ?? caller.userId ?? undefined,
  });
  const jobId = await startSettingsJob(deps, portal.portalId, saved.version);
  return { status: 'ok', settings: saved.settings, jobId };
}
