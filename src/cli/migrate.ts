import { loadConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { openStore } from '../store/open-store.js';

/**
 * The release step (app.json `scripts.postdeploy`/`release`): applies pending
 * migrations before the new web and worker processes start. Safe to run while
 * old processes still serve (migrations are additive) and from several places
 * at once (advisory lock).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore(config, { applicationName: 'kam-release' });
  try {
    const { applied, unknown } = store.migrations;
    process.stdout.write(
      applied.length > 0 ? `applied migrations: ${applied.join(', ')}\n` : 'schema up to date\n',
    );
    if (unknown.length > 0) {
      process.stdout.write(
        `the database knows newer migrations (${unknown.join(', ')}): a newer release ran\n`,
      );
    }
  } finally {
    await store.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
