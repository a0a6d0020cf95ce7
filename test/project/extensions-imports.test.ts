import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * HubSpot builds `extensions/` on its own: nothing in it may import from `src/` (or
 * anything else outside the folder), and packages must be ones its package.json files
 * declare. Shared schemas and messages are generated into `extensions/` instead.
 */

const root = path.resolve(__dirname, '../..');
const extensionsDir = path.join(root, 'extensions');
const CODE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const ALLOWED_PACKAGES = ['@hubspot/ui-extensions', 'react'];

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : codeFiles(full);
    return CODE.test(entry.name) ? [full] : [];
  });
}

/** Module specifiers of static imports, re-exports, dynamic imports and requires. */
function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1] ?? ''));
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Why an import from `file` is not allowed, or null when it is. */
function violation(file: string, specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const target = path.resolve(path.dirname(file), specifier);
    return target.startsWith(extensionsDir + path.sep)
      ? null
      : `reaches outside extensions/ (${path.relative(root, target)})`;
  }
  if (specifier.startsWith('node:')) return 'imports a Node built-in';
  return ALLOWED_PACKAGES.includes(packageName(specifier))
    ? null
    : `imports undeclared package ${packageName(specifier)}`;
}

describe('extensions/ is self-contained', () => {
  const files = codeFiles(extensionsDir);

  it('has UI code to check', () => {
    expect(files.map((f) => path.relative(root, f))).toEqual(
      expect.arrayContaining([
        'extensions/app/cards/KeyAccountCard.tsx',
        'extensions/app/settings/SettingsPage.tsx',
      ]),
    );
  });

  it('imports nothing from src/ or outside extensions/, and only the kit and React', () => {
    const problems = files.flatMap((file) =>
      moduleSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => {
        const why = violation(file, specifier);
        return why ? [`${path.relative(root, file)}: '${specifier}' ${why}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('the check itself catches each kind of import', () => {
    const file = path.join(extensionsDir, 'app/cards/Example.tsx');
    const source = [
      "import { settingsSchema } from '../../../src/domain/settings.js';",
      "import type { Account } from '../../../src/domain/snapshot.js';",
      "export * from '../../../src/domain/evaluation.js';",
      "const lazy = import('../../../src/i18n.js');",
      "import { z } from 'zod';",
      "import { Text } from '@hubspot/ui-extensions';",
      "import { messages } from './generated/messages.js';",
    ].join('\n');
    const verdicts = moduleSpecifiers(source).map((s) => [s, violation(file, s) === null]);
    expect(verdicts).toEqual(
      expect.arrayContaining([
        ['../../../src/domain/settings.js', false],
        ['../../../src/domain/snapshot.js', false],
        ['../../../src/domain/evaluation.js', false],
        ['../../../src/i18n.js', false],
        ['zod', false],
        ['@hubspot/ui-extensions', true],
        ['./generated/messages.js', true],
      ]),
    );
  });

  it('every UI folder declares exactly the packages its code may import', () => {
    for (const folder of ['cards', 'settings', 'pages']) {
      const manifest = JSON.parse(
        readFileSync(path.join(extensionsDir, 'app', folder, 'package.json'), 'utf8'),
      ) as {
        type?: string;
        dependencies?: Record<string, string>;
      };
      const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      expect(manifest.type).toBe('module');
      expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...ALLOWED_PACKAGES].sort());
      // Same versions as the root, so what the tests render is what HubSpot builds.
      for (const name of ALLOWED_PACKAGES)
        expect(manifest.dependencies?.[name]).toBe(rootManifest.dependencies[name]);
    }
  });
});
