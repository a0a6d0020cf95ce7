import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * docs/spec-traceability.md maps each spec rule to a test file and a test name.
 * Each row must point at a file that exists and a name written in it, so renaming
 * a test without updating the page fails here.
 */

const root = join(__dirname, '../..');
const doc = readFileSync(join(root, 'docs/spec-traceability.md'), 'utf8');

interface Row {
  section: string;
  rule: string;
  file: string;
  test: string;
}

const rows: Row[] = doc
  .split('\n')
  .filter((l) => l.startsWith('|'))
  .map((l) =>
    l
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim()),
  )
  .filter(([section]) => section !== '§' && !/^-+$/.test(section))
  .map(([section, rule, file, test]) => ({ section, rule, file, test }));
const traced = rows.filter((r) => r.file !== '—');

describe('docs/spec-traceability.md', () => {
  it('covers every section of the spec', () => {
    const sections = new Set(rows.map((r) => r.section));
    for (let i = 1; i <= 11; i++) expect(sections).toContain(`§${i}`);
  });
  it.each(traced.map((r) => [`${r.section} ${r.rule}`, r] as const))('%s', (_name, r) => {
    const path = join(root, r.file);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain(r.test);
  });
});
