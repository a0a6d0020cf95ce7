// Parses the HubSpot project with @hubspot/project-parsing-lib, validation on, and
// prints one JSON line: { ok, nodes, skippedHsMetaFiles, errors, message }.
// Run as a child process by parse-project.test.ts because the library is ESM-only
// and the unit tests run as CommonJS. Usage: node parse-project.mjs <projectDir>
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import process from 'node:process';

register('./offline-hooks.mjs', import.meta.url);

const { translate, isTranslationError } = await import('@hubspot/project-parsing-lib/translate');
const { parseProjectConfig } = await import('@hubspot/project-parsing-lib/projects');

const projectDir = path.resolve(process.argv[2] ?? '.');
const print = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);

try {
  const config = parseProjectConfig(projectDir);
  const { intermediateRepresentation, skippedHsMetaFiles } = await translate(
    {
      projectSourceDir: path.join(projectDir, config.srcDir),
      platformVersion: config.platformVersion,
      // Any id: the schema request it is used for is answered offline.
      accountId: 1,
    },
    { skipValidation: false },
  );
  const nodes = Object.fromEntries(
    Object.entries(intermediateRepresentation.intermediateNodesIndexedByUid).map(([uid, node]) => [
      uid,
      {
        componentType: node.componentType,
        metaFilePath: node.metaFilePath,
        componentDeps: node.componentDeps,
      },
    ]),
  );
  print({
    ok: true,
    project: JSON.parse(readFileSync(path.join(projectDir, 'hsproject.json'), 'utf8')),
    nodes,
    skippedHsMetaFiles,
    errors: [],
  });
} catch (error) {
  const errors = isTranslationError(error) ? error.errors.filter((e) => e.errors.length > 0) : [];
  const message = isTranslationError(error)
    ? error.toString()
    : String(error instanceof Error ? error.message : error);
  print({ ok: false, nodes: {}, skippedHsMetaFiles: [], errors, message });
  process.exitCode = 1;
}
