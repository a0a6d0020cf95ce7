import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';

/**
 * Points the HubSpot project (`extensions/`) at our backend: the OAuth redirect URL,
 * `permittedUrls.fetch` (cards call the backend with `hubspot.fetch`), the webhook
 * target URL and the workflow action URLs all derive from one base URL.
 *
 *   PUBLIC_BASE_URL=https://kam.acme.io npx tsx scripts/configure-project.ts
 *   PUBLIC_BASE_URL=https://kam.acme.io npx tsx scripts/configure-project.ts --check
 *
 * Idempotent: files are compared as JSON and rewritten only when a value differs.
 * `--check` writes nothing and exits 1 when a file is out of date (for CI).
 * The committed files use DEFAULT_BASE_URL so the project parses as it is.
 */

export const DEFAULT_BASE_URL = 'https://kam.example.com';

/** Paths under the base URL that the backend serves for HubSpot. */
export const backendPaths = {
  oauthCallback: '/oauth/callback',
  webhooks: '/webhooks/hubspot',
  /** By workflow action uid; a new action needs its path here. */
  workflowActions: {
    kam_create_alert_task: '/workflow-actions/create-alert-task',
    kam_reevaluate_account: '/workflow-actions/re-evaluate',
  } as Readonly<Record<string, string>>,
} as const;

export class ConfigureProjectError extends Error {
  override name = 'ConfigureProjectError';
}

/** Validates the base URL HubSpot will call and normalises it (no trailing slash). */
export function parseBaseUrl(raw: string | undefined): string {
  if (!raw || raw.trim() === '') {
    throw new ConfigureProjectError(
      'PUBLIC_BASE_URL is not set: give the public https URL of the backend, e.g. PUBLIC_BASE_URL=https://kam.example.com',
    );
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigureProjectError(`PUBLIC_BASE_URL is not a valid URL: "${raw}"`);
  }
  // HubSpot only calls HTTPS endpoints (webhooks, workflow actions, hubspot.fetch).
  if (url.protocol !== 'https:') {
    throw new ConfigureProjectError(`PUBLIC_BASE_URL must use https, got "${raw}"`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ConfigureProjectError(
      `PUBLIC_BASE_URL must be a plain base URL without credentials, query or fragment, got "${raw}"`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export interface MetafileUpdate {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  changed: boolean;
  /** The file's new content (JSON, two-space indent). */
  text: string;
}

const projectConfigSchema = z.object({ srcDir: z.string().min(1) });
const uidSchema = z.object({ uid: z.string().min(1) });

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets a value at an existing object path, so a misspelt key fails loudly instead of being added. */
function setAt(root: unknown, keys: readonly string[], value: unknown, file: string): void {
  let node: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(node) || !isRecord(node[key])) {
      throw new ConfigureProjectError(`${file}: expected an object at ${keys.join('.')}`);
    }
    node = node[key];
  }
  const last = keys[keys.length - 1];
  if (!isRecord(node) || last === undefined || !(last in node)) {
    throw new ConfigureProjectError(`${file}: missing ${keys.join('.')}`);
  }
  node[last] = value;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigureProjectError(
      `${file}: cannot read JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function metafilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('-hsmeta.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Computes every metafile's content for this base URL without writing anything. */
export function planProjectUpdate(projectDir: string, baseUrl: string): MetafileUpdate[] {
  const base = parseBaseUrl(baseUrl);
  const projectFile = path.join(projectDir, 'hsproject.json');
  const project = projectConfigSchema.safeParse(readJson(projectFile));
  if (!project.success) throw new ConfigureProjectError(`${projectFile}: srcDir is missing`);
  const appDir = path.join(projectDir, project.data.srcDir, 'app');

  const edits: { file: string; apply: (json: unknown, rel: string) => void }[] = [
    {
      file: path.join(appDir, 'app-hsmeta.json'),
      apply: (json, rel) => {
        setAt(json, ['config', 'auth', 'redirectUrls'], [base + backendPaths.oauthCallback], rel);
        setAt(json, ['config', 'permittedUrls', 'fetch'], [base], rel);
      },
    },
    ...metafilesIn(path.join(appDir, 'webhooks')).map((file) => ({
      file,
      apply: (json: unknown, rel: string) =>
        setAt(json, ['config', 'settings', 'targetUrl'], base + backendPaths.webhooks, rel),
    })),
    ...metafilesIn(path.join(appDir, 'workflow-actions')).map((file) => ({
      file,
      apply: (json: unknown, rel: string) => {
        const uid = uidSchema.safeParse(json);
        const route = uid.success ? backendPaths.workflowActions[uid.data.uid] : undefined;
        if (!route) {
          throw new ConfigureProjectError(
            `${rel}: no backend path for workflow action uid "${uid.success ? uid.data.uid : '?'}"; add it to backendPaths.workflowActions`,
          );
        }
        setAt(json, ['config', 'actionUrl'], base + route, rel);
      },
    })),
  ];

  return edits.map(({ file, apply }) => {
    const rel = path.relative(projectDir, file).split(path.sep).join('/');
    const before = readJson(file);
    // A JSON round trip, not structuredClone: that builds objects in Node's own realm, and
    // isDeepStrictEqual compares prototypes (it would differ inside jest's sandbox).
    const after: unknown = JSON.parse(JSON.stringify(before));
    apply(after, rel);
    return {
      file: rel,
      changed: !isDeepStrictEqual(before, after),
      text: `${JSON.stringify(after, null, 2)}\n`,
    };
  });
}

export interface RunOptions {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  projectDir: string;
  out: (line: string) => void;
}

const USAGE =
  'usage: PUBLIC_BASE_URL=https://… tsx scripts/configure-project.ts [--check] [--base-url https://…]';

/** The CLI, as a function for tests. Exit codes: 0 ok, 1 out of date (--check), 2 usage or input error. */
export function runConfigureProject({ argv, env, projectDir, out }: RunOptions): number {
  let check = false;
  let baseUrl = env.PUBLIC_BASE_URL;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--base-url') baseUrl = argv[(i += 1)];
    else if (arg?.startsWith('--base-url=')) baseUrl = arg.slice('--base-url='.length);
    else if (arg === '--help' || arg === '-h') {
      out(USAGE);
      return 0;
    } else {
      out(`unknown argument "${arg}"\n${USAGE}`);
      return 2;
    }
  }
  try {
    const base = parseBaseUrl(baseUrl);
    const updates = planProjectUpdate(projectDir, base);
    const stale = updates.filter((u) => u.changed);
    if (check) {
      if (stale.length === 0) {
        out(`HubSpot project is configured for ${base}`);
        return 0;
      }
      out(
        `HubSpot project is not configured for ${base}; out of date:\n${stale.map((u) => `  ${u.file}`).join('\n')}`,
      );
      out('run the same command without --check to update them');
      return 1;
    }
    for (const update of stale) writeFileSync(path.join(projectDir, update.file), update.text);
    out(
      stale.length === 0
        ? `HubSpot project already configured for ${base}`
        : `configured ${base} in:\n${stale.map((u) => `  ${u.file}`).join('\n')}`,
    );
    return 0;
  } catch (error) {
    if (error instanceof ConfigureProjectError) {
      out(error.message);
      return 2;
    }
    throw error;
  }
}

// Run only as a script (tsx scripts/configure-project.ts), not when imported by tests.
const entry = process.argv[1];
if (entry && /configure-project\.[cm]?[jt]s$/.test(entry)) {
  process.exitCode = runConfigureProject({
    argv: process.argv.slice(2),
    env: process.env,
    projectDir: path.resolve(path.dirname(entry), '..'),
    out: (line) => process.stdout.write(`${line}\n`),
  });
}
