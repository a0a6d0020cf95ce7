/**
 * The same text held as a one-byte string when every character fits in one.
 * V8 keeps a string cut or built from a string with wider characters (an em
 * dash in a company name, then its domain and its contacts' emails) two-byte
 * even when it is plain ASCII: stored that way it takes twice the memory, and
 * every JSON answer it is written into becomes two-byte, several times slower
 * to measure and encode. Values are compacted once, when they are written.
 */
export function compactText(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return s;
  return Buffer.from(s, 'latin1').toString('latin1');
}
