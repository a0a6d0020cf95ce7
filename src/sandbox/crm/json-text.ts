/**
 * Building JSON answers as text. The largest answers (100–200 records) cost
 * less written straight to a string than built as objects and then passed to
 * JSON.stringify; these are the pieces both ways share.
 */

/** `JSON.stringify(s)`, without the call for the usual string that needs no escaping. */
export function jsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Quote, backslash, control characters and surrogates (lone ones are escaped): the exact rules are JSON.stringify's.
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff))
      return JSON.stringify(s);
  }
  return `"${s}"`;
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
