/**
 * Building JSON answers as text. The largest answers (100–200 records) cost
 * less written straight to a string than built as objects and then passed to
 * JSON.stringify; these are the pieces both ways share.
 */

/**
 * `JSON.stringify(s)`, without the call for the usual string that needs no
 * escaping. Characters beyond Latin-1 are written as `\uXXXX` escapes (the
 * same JSON value), so the answer stays a one-byte string: one wide character
 * would make V8 hold the whole answer two-byte, several times slower to encode.
 */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0xff) return escapedJson(s);
  }
  return `"${s}"`;
}

/** JSON.stringify's text (quotes, backslashes, control characters, lone surrogates), wide characters escaped. */
function escapedJson(s: string): string {
  const text = JSON.stringify(s);
  let out = '';
  let run: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0xff) {
      run.push(c);
      if (run.length < 4096) continue;
    }
    // Built from char codes: a slice of `text` would stay two-byte.
    out += String.fromCharCode(...run);
    run = [];
    if (c > 0xff) out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out + String.fromCharCode(...run);
}

/** JSON text made elsewhere, inserted as it is by {@link jsonText}. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `[a,b,…]` from the JSON texts of the items. */
export function rawArray(items: string[]): RawJson {
  return new RawJson(`[${items.join(',')}]`);
}

/**
 * `JSON.stringify(body)` for a plain object whose top-level values may be
 * {@link RawJson} (inserted as they are); undefined values are left out as
 * JSON.stringify leaves them out.
 */
export function jsonText(body: Record<string, unknown>): string {
  let out = '';
  for (const key of Object.keys(body)) {
    const v = body[key];
    if (v === undefined) continue;
    const text = v instanceof RawJson ? v.text : JSON.stringify(v);
    out += `${out ? ',' : '{'}${jsonString(key)}:${text}`;
  }
  return out ? `${out}}` : '{}';
}
