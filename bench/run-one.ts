import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { BenchModule } from './types.js';

/**
 * Child process of bench/run.ts: runs one bench module in a fresh process (so
 * its memory figures are its own) and writes its rows as JSON to a file.
 */
const [modulePath, outFile] = process.argv.slice(2);
if (!modulePath || !outFile) {
  console.error('usage: run-one.ts <bench module> <rows.json>');
  process.exit(2);
}
const mod = (await import(pathToFileURL(resolve(modulePath)).href)) as Partial<BenchModule>;
if (typeof mod.run !== 'function') throw new Error(`${modulePath} does not export run()`);
const rows = await mod.run();
writeFileSync(outFile, JSON.stringify(rows));
// A module may leave handles open (keep-alive sockets, a child's pipes): the rows are out, so end here.
process.exit(0);
