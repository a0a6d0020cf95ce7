import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

/**
 * The HubSpot project must stay uploadable with `hs project upload`: it is parsed
 * and validated with HubSpot's own @hubspot/project-parsing-lib (`translate`). The
 * library is ESM-only, so it runs in a child process (parse-project.mjs); its schema
 * download is answered offline (offline-http.mjs).
 */

const root = path.resolve(__dirname, '../..');
const runner = path.join(__dirname, 'parse-project.mjs');
const run = promisify(execFile);

const parseResultSchema = z.object({
  ok: z.boolean(),
  nodes: z.record(z.string(), z.object({ componentType: z.string(), metaFilePath: z.string() })),
  skippedHsMetaFiles: z.array(z.string()),
  errors: z.array(z.object({ file: z.string(), errors: z.array(z.string()) })),
  message: z.string().optional(),
});
type ParseResult = z.infer<typeof parseResultSchema>;

async function parseProject(projectDir: string): Promise<ParseResult> {
  // The runner exits 1 on a failed parse; its JSON line is what we assert on.
  const output = await run(process.execPath, [runner, projectDir], {
    cwd: root,
    timeout: 60_000,
  }).catch((error: unknown) => z.object({ stdout: z.string(), stderr: z.string() }).parse(error));
  const line = output.stdout.trim().split('\n').pop() ?? '';
  if (!line) throw new Error(`parse-project.mjs printed nothing; stderr: ${output.stderr}`);
  return parseResultSchema.parse(JSON.parse(line));
}

function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kam-project-'));
  cpSync(path.join(root, 'hsproject.json'), path.join(dir, 'hsproject.json'));
  cpSync(path.join(root, 'extensions'), path.join(dir, 'extensions'), { recursive: true });
  return dir;
}

jest.setTimeout(60_000);

describe('HubSpot project (platform 2026.03)', () => {
  it('parses and validates without any error', async () => {
    const result = await parseProject(root);
    expect(result.message ?? '').toBe('');
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.skippedHsMetaFiles).toEqual([]);
    const components = Object.fromEntries(
      Object.entries(result.nodes).map(([uid, n]) => [uid, n.componentType]),
    );
    expect(components).toEqual({
      kam_for_hubspot_app: 'APPLICATION',
      kam_key_account_card: 'CARD',
      kam_buying_committee_card: 'CARD',
      kam_contact_role_card: 'CARD',
      kam_settings: 'SETTINGS',
      kam_pages: 'PAGE',
      kam_webhooks: 'WEBHOOKS',
      kam_create_alert_task: 'WORKFLOW_ACTION',
      kam_reevaluate_account: 'WORKFLOW_ACTION',
      kam_account_review: 'APP_OBJECT',
      kam_alert: 'APP_OBJECT',
      kam_account_review_to_company: 'APP_OBJECT_ASSOCIATION',
      kam_alert_to_company: 'APP_OBJECT_ASSOCIATION',
    });
  });

  it('really validates: a broken copy fails with the file and the field named', async () => {
    const dir = copyProject();
    try {
      const cardFile = path.join(dir, 'extensions/app/cards/key-account-card-hsmeta.json');
      const card = JSON.parse(readFileSync(cardFile, 'utf8')) as {
        config: Record<string, unknown>;
      };
      card.config.location = 'crm.record.middle';
      writeFileSync(cardFile, JSON.stringify(card));
      // Library rules beyond the schemas: one settings component, the right folder per type.
      const settings = readFileSync(
        path.join(dir, 'extensions/app/settings/settings-page-hsmeta.json'),
        'utf8',
      );
      writeFileSync(
        path.join(dir, 'extensions/app/settings/second-hsmeta.json'),
        settings.replace('"kam_settings"', '"kam_settings_2"'),
      );
      const contactCard = readFileSync(
        path.join(dir, 'extensions/app/cards/contact-role-card-hsmeta.json'),
        'utf8',
      );
      writeFileSync(
        path.join(dir, 'extensions/app/webhooks/misplaced-hsmeta.json'),
        contactCard.replace('"kam_contact_role_card"', '"misplaced"'),
      );
      const result = await parseProject(dir);
      expect(result.ok).toBe(false);
      const byFile = Object.fromEntries(result.errors.map((e) => [e.file, e.errors.join('\n')]));
      expect(byFile['app/cards/key-account-card-hsmeta.json']).toMatch(/config\.location/);
      expect(byFile['app/settings/second-hsmeta.json']).toMatch(/Only one settings component/);
      expect(byFile['app/webhooks/misplaced-hsmeta.json']).toMatch(/incorrect for type 'card'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
