import { civil, civilTime } from '../portal/iso-time.js';
import { lendAndReplace } from './answer-buffers.js';

/**
 * Large JSON answers written straight into UTF-8 bytes. Building them as
 * strings cost a rope per record, a flatten when joined, a scan to measure
 * the length and another to encode for the socket; here each value is
 * copied once, timestamps and ids go in as digits, and the socket gets the
 * bytes. The text is what JSON.stringify gives, except that characters
 * beyond Latin-1 are written as `\uXXXX` escapes (the same JSON value).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Longer strings are copied natively once checked (a per-character copy costs more past this). */
const LONG = 32;
/** `"YYYY-MM-DDTHH:MM:SS.mmmZ"` */
const ISO_BYTES = 26;
const HEX = '0123456789abcdef';
/** JSON.stringify's short escapes for control characters. */
const SHORT: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };

/** Encodings made so far: writers are made per request, and a read of 40 properties encoded 40 keys. */
const encodings = new Map<string, Uint8Array>();
/** Bounded (keys of asked properties, labels); cleared when full. */
const MAX_ENCODINGS = 10_000;

/** Pre-encoded text (keys, punctuation), for {@link JsonBytes.bytes}; do not change it. */
export function encoded(text: string): Uint8Array {
  let b = encodings.get(text);
  if (b === undefined) {
    if (encodings.size >= MAX_ENCODINGS) encodings.clear();
    encodings.set(text, (b = Buffer.from(text, 'utf8')));
  }
  return b;
}

export class JsonBytes {
  private buf: Buffer;
  private pos = 0;
  /**
   * The last two times written and where: a record's creation and
   * modification times appear twice each (as properties and as fields), and
   * copying the bytes costs less than formatting them again.
   */
  private readonly isoMs = [NaN, NaN];
  private readonly isoAt = [-1, -1];
  private isoNext = 0;

  constructor(size = 1 << 16) {
    // Its own memory (never a slice of Node's shared pool), so it can be handed over.
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /** Starts a new answer, keeping the buffer. */
  reset(): this {
    this.pos = 0;
    this.isoAt.fill(-1);
    return this;
  }

  get length(): number {
    return this.pos;
  }

  /** Drops what was written after `length` was `pos` (an optional part that came out empty). */
  rewind(pos: number): void {
    this.pos = Math.min(pos, this.pos);
    for (let i = 0; i < 2; i++) if (this.isoAt[i] + ISO_BYTES > this.pos) this.isoAt[i] = -1;
  }

  /** A comma before every item of a list but its first (`index` counts from 0). */
  comma(index: number): void {
    if (index > 0) this.room(1)[this.pos++] = 0x2c;
  }

  /** A copy of what was written: the buffer is reused while the socket may still hold the copy. */
  take(): Buffer {
    // allocUnsafe: small answers come from Node's pool instead of an ArrayBuffer each.
    const out = Buffer.allocUnsafe(this.pos);
    this.buf.copy(out, 0, 0, this.pos);
    return out;
  }

  /**
   * What was written, without a copy: the writer goes on with a spare buffer.
   * Give the bytes back (`giveBack`) once the socket has written them.
   */
  handOver(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = lendAndReplace(this.buf, this.buf.length);
    this.pos = 0;
    this.isoAt.fill(-1);
    return out;
  }

  /** The text written so far (tests, small answers). */
  text(): string {
    return this.buf.toString('utf8', 0, this.pos);
  }

  private room(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    return this.buf;
  }

  /** Bytes as they are (pre-encoded keys and punctuation). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    const buf = this.room(n);
    const p = this.pos;
    // A loop costs ~2-3 ns a byte, set() ~17 ns whatever the length (measured, Node 20).
    if (n > 8) buf.set(b, p);
    else for (let i = 0; i < n; i++) buf[p + i] = b[i];
    this.pos = p + n;
  }

  /** Text known to be JSON already and ASCII (punctuation, numbers). */
  ascii(s: string): void {
    const n = s.length;
    const buf = this.room(n);
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** JSON text of any characters (from JSON.stringify), as UTF-8. */
  utf8(s: string): void {
    this.room(Buffer.byteLength(s));
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A value as JSON.stringify writes it. */
  json(v: unknown): void {
    this.utf8(JSON.stringify(v) ?? 'null');
  }

  /** A string as a JSON string. */
  str(s: string): void {
    const n = s.length;
    const buf = this.room(n + 2);
    let p = this.pos;
    buf[p++] = QUOTE;
    if (n > LONG) {
      // Long values: check, then let latin1Write copy them natively.
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x20 || c === QUOTE || c === BACKSLASH || c > 0x7f) {
          this.pos = p;
          this.escaped(s, 0);
          return;
        }
      }
      p += buf.write(s, p, 'latin1');
      buf[p++] = QUOTE;
      this.pos = p;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || c > 0x7f) {
        this.pos = p;
        this.escaped(s, i);
        return;
      }
      buf[p++] = c;
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  /** A string's characters from `from` on (the quote and those before are written), escaped, and the closing quote. */
  private escaped(s: string, from: number): void {
    const buf = this.room(6 * (s.length - from) + 1);
    let p = this.pos;
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE || c === BACKSLASH) {
        buf[p++] = BACKSLASH;
        buf[p++] = c;
      } else if (c >= 0x20 && c < 0x80) {
        buf[p++] = c;
      } else if (c >= 0x80 && c <= 0xff) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (SHORT[c] !== undefined) {
        buf[p++] = BACKSLASH;
        buf[p++] = SHORT[c];
      } else {
        buf[p++] = BACKSLASH;
        buf[p++] = 0x75; // u
        for (let shift = 12; shift >= 0; shift -= 4) buf[p++] = HEX.charCodeAt((c >> shift) & 15);
      }
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  /** A string, or null. */
  value(s: string | null | undefined): void {
    if (s === null || s === undefined) this.ascii('null');
    else this.str(s);
  }

  /** A number as JSON.stringify writes it. */
  num(n: number): void {
    if (Number.isSafeInteger(n) && n >= 0) this.digits(n);
    else this.ascii(Number.isFinite(n) ? String(n) : 'null');
  }

  /** A record id as a JSON string ("123"). */
  quotedId(n: number): void {
    this.room(1)[this.pos++] = QUOTE;
    this.num(n);
    this.room(1)[this.pos++] = QUOTE;
  }

  private digits(n: number): void {
    let len = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) len++;
    const buf = this.room(len);
    let p = this.pos + len;
    this.pos = p;
    do {
      const q = Math.floor(n / 10);
      buf[--p] = 0x30 + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** A time as `new Date(ms).toISOString()` in quotes. */
  iso(ms: number): void {
    for (let i = 0; i < 2; i++) {
      if (this.isoMs[i] === ms && this.isoAt[i] >= 0) {
        const buf = this.room(ISO_BYTES);
        const from = this.isoAt[i];
        let p = this.pos;
        for (let j = 0; j < ISO_BYTES; j++) buf[p++] = buf[from + j];
        this.pos = p;
        return;
      }
    }
    if (!civilTime(ms)) {
      this.str(new Date(ms).toISOString());
      return;
    }
    const buf = this.room(ISO_BYTES);
    let p = this.pos;
    const at = this.isoNext;
    this.isoNext = 1 - at;
    this.isoMs[at] = ms;
    this.isoAt[at] = p;
    buf[p++] = QUOTE;
    p = put(buf, p, civil[0], 4);
    buf[p++] = 0x2d; // -
    p = put(buf, p, civil[1], 2);
    buf[p++] = 0x2d;
    p = put(buf, p, civil[2], 2);
    buf[p++] = 0x54; // T
    p = put(buf, p, civil[3], 2);
    buf[p++] = 0x3a; // :
    p = put(buf, p, civil[4], 2);
    buf[p++] = 0x3a;
    p = put(buf, p, civil[5], 2);
    buf[p++] = 0x2e; // .
    p = put(buf, p, civil[6], 3);
    buf[p++] = 0x5a; // Z
    buf[p++] = QUOTE;
    this.pos = p;
  }
}

/** `v` as `width` digits (zero-padded) at `p`; answers the position after them. */
function put(buf: Buffer, p: number, v: number, width: number): number {
  for (let i = width - 1; i >= 0; i--) {
    const q = Math.floor(v / 10);
    buf[p + i] = 0x30 + (v - q * 10);
    v = q;
  }
  return p + width;
}

/**
 * The writer the CRM routes share: answers are written synchronously, one at
 * a time, and copied out (take) before the next starts.
 */
export const answerBytes = new JsonBytes();
