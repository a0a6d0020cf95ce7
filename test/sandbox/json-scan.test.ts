import fc from 'fast-check';
import { scanJson } from '../../src/sandbox/json-scan.js';

/** The plain JSON reader answers what JSON.parse answers, or leaves the text to it. */

function parsed(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function check(text: string): void {
  const mine = scanJson(text);
  if (mine === undefined) return;
  const theirs = parsed(text);
  expect(theirs).toBeDefined();
  expect(mine.value).toStrictEqual(theirs?.value);
  // Same key order too.
  expect(JSON.stringify(mine.value)).toBe(JSON.stringify(theirs?.value));
}

describe('sandbox plain JSON reader', () => {
  it('reads JSON text as JSON.parse does', () => {
    fc.assert(fc.property(fc.json(), check), { numRuns: 1000 });
    const spaced = fc.jsonValue().map((v) => JSON.stringify(v, null, 2));
    fc.assert(fc.property(spaced, check), { numRuns: 300 });
    // Plain text of the batch read shape is read here, not left to JSON.parse.
    const body = fc
      .array(fc.nat(), { maxLength: 100 })
      .map((ids) =>
        JSON.stringify({ inputs: ids.map((id) => ({ id: String(id) })), properties: ['a'] }),
      );
    fc.assert(
      fc.property(body, (text) => {
        expect(scanJson(text)?.value).toStrictEqual(JSON.parse(text));
      }),
    );
  });

  it('leaves broken or unusual text to JSON.parse', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.json().map((t) => t.slice(0, -1)),
      fc.json().map((t) => t.slice(1)),
      fc
        .tuple(
          fc.json(),
          fc.nat(),
          fc.constantFrom('"', ',', '}', ']', '-', '.', 'e', '\\', '\n', '0'),
        )
        .map(([t, i, c]) => t.slice(0, i % (t.length + 1)) + c + t.slice(i % (t.length + 1))),
    );
    fc.assert(fc.property(texts, check), { numRuns: 2000 });
    for (const text of [
      '{"__proto__":{"a":1}}',
      '{"a":"\\u0041"}',
      '{"a":1,"a":2,"1":3}',
      '[-0, 0.5e-3, 1E+2, 01, 1., .5, -]',
      '[-0]',
      '["a\tb"]',
      '{"a" : [ true , false , null ] }',
      '[1e400, -1e-400]',
      `${'['.repeat(40)}${']'.repeat(40)}`,
      '{"a":1} x',
      '[1,]',
      '{"a":1,}',
      '{,}',
      '["é—😀"]',
    ])
      check(text);
    expect(scanJson('{"__proto__":1}')).toBeUndefined();
    expect(scanJson('[-0]')?.value).toStrictEqual([-0]);
  });
});
