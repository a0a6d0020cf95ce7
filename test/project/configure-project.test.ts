import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_BASE_URL,
  parseBaseUrl,
  planProjectUpdate,
  runConfigureProject,
} from '../../scripts/configure-project.js';

const root = path.resolve(__dirname, '../..');
const metafiles = [
  'extensions/app/app-hsmeta.json',
  'extensions/app/webhooks/webhooks-hsmeta.json',
  'extensions/app/workflow-actions/create-alert-task-hsmeta.json',
  'extensions/app/workflow-actions/reevaluate-account-hsmeta.json',
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kam-configure-'));
  cpSync(path.join(root, 'hsproject.json'), path.join(dir, 'hsproject.json'));
  cpSync(path.join(root, 'extensions'), path.join(dir, 'extensions'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const lines: string[] = [];
  const code = runConfigureProject({ argv, env, projectDir: dir, out: (l) => lines.push(l) });
  return { code, output: lines.join('\n') };
}

const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8');
const json = (file: string): unknown => JSON.parse(read(file));

describe('scripts/configure-project.ts', () => {
  it('the committed project is configured for the default base URL', () => {
    expect(planProjectUpdate(root, DEFAULT_BASE_URL).filter((u) => u.changed)).toEqual([]);
  });

  it('writes every backend URL from PUBLIC_BASE_URL', () => {
    expect(run([], { PUBLIC_BASE_URL: 'https://kam.acme.io/' }).code).toBe(0);
    expect(json('extensions/app/app-hsmeta.json')).toMatchObject({
      config: {
        auth: { redirectUrls: ['https://kam.acme.io/oauth/callback'] },
        permittedUrls: { fetch: ['https://kam.acme.io'] },
      },
    });
    expect(json('extensions/app/webhooks/webhooks-hsmeta.json')).toMatchObject({
      config: { settings: { targetUrl: 'https://kam.acme.io/webhooks/hubspot' } },
    });
    expect(json('extensions/app/workflow-actions/create-alert-task-hsmeta.json')).toMatchObject({
      config: { actionUrl: 'https://kam.acme.io/workflow-actions/create-alert-task' },
    });
    expect(json('extensions/app/workflow-actions/reevaluate-account-hsmeta.json')).toMatchObject({
      config: { actionUrl: 'https://kam.acme.io/workflow-actions/re-evaluate' },
    });
    // Nothing else changes: the rest of the app config is as committed.
    const committed = JSON.parse(readFileSync(path.join(root, metafiles[0]), 'utf8')) as {
      config: { auth: { requiredScopes: string[] } };
    };
    expect(json(metafiles[0])).toMatchObject({
      config: {
        name: 'KAM for HubSpot',
        auth: { requiredScopes: committed.config.auth.requiredScopes },
      },
    });
  });

  it('is idempotent: a second run changes no byte', () => {
    run([], { PUBLIC_BASE_URL: 'https://kam.acme.io/base' });
    const first = metafiles.map(read);
    const second = run([], { PUBLIC_BASE_URL: 'https://kam.acme.io/base' });
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/already configured/);
    expect(metafiles.map(read)).toEqual(first);
    expect(json(metafiles[1])).toMatchObject({
      config: { settings: { targetUrl: 'https://kam.acme.io/base/webhooks/hubspot' } },
    });
  });

  it('--check exits 1 listing the stale files, writes nothing, and 0 once configured', () => {
    const before = metafiles.map(read);
    const stale = run(['--check'], { PUBLIC_BASE_URL: 'https://kam.acme.io' });
    expect(stale.code).toBe(1);
    for (const file of metafiles) expect(stale.output).toContain(file);
    expect(metafiles.map(read)).toEqual(before);

    expect(run([], { PUBLIC_BASE_URL: 'https://kam.acme.io' }).code).toBe(0);
    expect(run(['--check'], { PUBLIC_BASE_URL: 'https://kam.acme.io' }).code).toBe(0);
    expect(run(['--check', '--base-url', DEFAULT_BASE_URL]).code).toBe(1);
  });

  it('--check passes on a reformatted but equal file (JSON compared, not text)', () => {
    const file = path.join(dir, metafiles[2]);
    const compact = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')));
    writeFileSync(file, compact);
    expect(run(['--check'], { PUBLIC_BASE_URL: DEFAULT_BASE_URL }).code).toBe(0);
  });

  it('rejects a missing, non-https or decorated base URL with exit 2 and a clear message', () => {
    expect(run([], {})).toEqual({
      code: 2,
      output: expect.stringMatching(/PUBLIC_BASE_URL is not set/),
    });
    expect(run([], { PUBLIC_BASE_URL: 'http://kam.acme.io' })).toEqual({
      code: 2,
      output: expect.stringMatching(/must use https/),
    });
    expect(run([], { PUBLIC_BASE_URL: 'kam.acme.io' })).toEqual({
      code: 2,
      output: expect.stringMatching(/not a valid URL/),
    });
    expect(run([], { PUBLIC_BASE_URL: 'https://kam.acme.io/?x=1' }).code).toBe(2);
    expect(run(['--nope'], { PUBLIC_BASE_URL: DEFAULT_BASE_URL }).code).toBe(2);
  });

  it('normalises the base URL', () => {
    expect(parseBaseUrl(' https://KAM.acme.io:443/app// ')).toBe('https://kam.acme.io/app');
  });
});
