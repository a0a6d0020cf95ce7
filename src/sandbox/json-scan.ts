/**
 * A JSON reader for plain request bodies, for the reads that carry 100 ids:
 * JSON.parse internalizes short string values, and in a portal of millions
 * of records each of those ids is a cache-missing lookup in V8's huge string
 * table (a batch read body cost ~8x as much to parse at 100,000 companies as
 * in a small heap). Strings made here are plain copies. It answers what
 * JSON.parse answers, or undefined for anything it does not handle (escapes,
 * control characters, `__proto__` keys, deep nesting, malformed text): the
 * caller then uses JSON.parse, which also words the error.
 */

const FAIL: unique symbol = Symbol('not plain JSON');
type Scanned = unknown;
const MAX_DEPTH = 32;

class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  space(): void {
    const s = this.s;
    let p = this.pos;
    for (; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    }
    this.pos = p;
  }

  value(depth: number): Scanned | typeof FAIL {
    this.space();
    const c = this.s.charCodeAt(this.pos);
    if (c === 0x22) return this.string();
    if (c === 0x7b) return depth < MAX_DEPTH ? this.object(depth + 1) : FAIL;
    if (c === 0x5b) return depth < MAX_DEPTH ? this.array(depth + 1) : FAIL;
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.word('true')) return true;
    if (this.word('false')) return false;
    if (this.word('null')) return null;
    return FAIL;
  }

  private word(w: string): boolean {
    if (!this.s.startsWith(w, this.pos)) return false;
    this.pos += w.length;
    return true;
  }

  private string(): string | typeof FAIL {
    const s = this.s;
    const start = this.pos + 1;
    for (let p = start; p < s.length; p++) {
      const c = s.charCodeAt(p);
      if (c === 0x22) {
        this.pos = p + 1;
        return s.slice(start, p);
      }
      if (c === 0x5c || c < 0x20) return FAIL;
    }
    return FAIL;
  }

  /** JSON's number grammar exactly; Number() then reads it as JSON.parse does. */
  private number(): number | typeof FAIL {
    const s = this.s;
    const start = this.pos;
    let p = start;
    const digits = () => {
      const from = p;
      while (p < s.length && s.charCodeAt(p) >= 0x30 && s.charCodeAt(p) <= 0x39) p++;
      return p - from;
    };
    if (s.charCodeAt(p) === 0x2d) p++;
    if (s.charCodeAt(p) === 0x30) p++;
    else if (digits() === 0) return FAIL;
    if (s.charCodeAt(p) === 0x2e) {
      p++;
      if (digits() === 0) return FAIL;
    }
    const e = s.charCodeAt(p);
    if (e === 0x65 || e === 0x45) {
      p++;
      const sign = s.charCodeAt(p);
      if (sign === 0x2b || sign === 0x2d) p++;
      if (digits() === 0) return FAIL;
    }
    this.pos = p;
    return Number(s.slice(start, p));
  }

  private object(depth: number): Record<string, unknown> | typeof FAIL {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.space();
    if (this.s.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.s.charCodeAt(this.pos) !== 0x22) return FAIL;
      const key = this.string();
      // JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
      if (key === FAIL || key === '__proto__') return FAIL;
      this.space();
      if (this.s.charCodeAt(this.pos++) !== 0x3a) return FAIL;
      const v = this.value(depth);
      if (v === FAIL) return FAIL;
      out[key] = v;
      this.space();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x7d) return out;
      if (c !== 0x2c) return FAIL;
      this.space();
    }
  }

  private array(depth: number): unknown[] | typeof FAIL {
    const out: unknown[] = [];
    this.pos++;
    this.space();
    if (this.s.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return out;
    }
    for (;;) {
      const v = this.value(depth);
      if (v === FAIL) return FAIL;
      out.push(v);
      this.space();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x5d) return out;
      if (c !== 0x2c) return FAIL;
    }
  }
}

/** JSON.parse(text) for plain JSON text, or undefined (see above). */
export function scanJson(text: string): { value: unknown } | undefined {
  const scan = new Scanner(text);
  const value = scan.value(0);
  if (value === FAIL) return undefined;
  scan.space();
  return scan.pos === text.length ? { value } : undefined;
}
