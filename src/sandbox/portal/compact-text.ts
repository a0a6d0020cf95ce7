/**
 * Text values as they are stored: held as one-byte strings when every
 * character fits in one, and one instance per recently seen value.
 *
 * V8 keeps a string cut or built from a string with wider characters (the
 * demo generator's `normalize()`d names, then every domain and contact email)
 * two-byte even when it is plain ASCII: stored that way it takes twice the
 * memory, and every JSON answer it is written into becomes two-byte, several
 * times slower to measure and encode. The copy that fixes that would undo the
 * sharing of values the writer reused (a job title on thousands of contacts),
 * so equal values seen lately come back as one instance.
 */
const recent = new Map<string, string>();
/** Bounded; cleared when full, so values that recur are soon shared again. */
const RECENT_MAX = 65_536;

export function compactText(s: string): string {
  const known = recent.get(s);
  if (known !== undefined) return known;
  let narrow = true;
  for (let i = 0; i < s.length && narrow; i++) narrow = s.charCodeAt(i) <= 0xff;
  const out = narrow ? Buffer.from(s, 'latin1').toString('latin1') : s;
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(out, out);
  return out;
}
