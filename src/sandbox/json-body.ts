import express, { type RequestHandler } from 'express';
import { scanJson } from './json-scan.js';

/**
 * The JSON body reader in front of every route: what `express.json({ limit })`
 * does, with a short path for the bodies the api-client sends (a JSON
 * content type, a content length within the limit, no content encoding):
 * the body is read as raw chunks and parsed, without body-parser's
 * content-type and charset parsing, decoder streams and per-call machinery.
 * Anything else (other types, charsets, encodings, chunked bodies, bodies
 * over the limit) goes to express.json, which words the errors.
 */

const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8']);

/**
 * Reads whose bodies carry 100 ids and nothing that is kept: read with
 * scanJson (see there). Other bodies keep JSON.parse's shared short strings.
 */
function idReads(url: string): boolean {
  const q = url.indexOf('?');
  return (q < 0 ? url : url.slice(0, q)).endsWith('/batch/read');
}

/** What body-parser's errors carry that the error handler reads (`type`, `status`). */
function bodyError(status: number, message: string, type: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true, type });
}

/** The first character that is not JSON whitespace ('' if none). */
function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return text[i];
  }
  return '';
}

/**
 * JSON text as body-parser parses it in strict mode: empty is `{}`, anything
 * that does not start with an object or array is a parse error. Undefined
 * means a parse error. `plain`: try {@link scanJson} first.
 */
export function parseJsonBody(bytes: Buffer, plain = false): { value: unknown } | undefined {
  // iconv-lite's UTF-8 decoder drops a leading byte order mark.
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8', bom ? 3 : 0);
  if (text.length === 0) return { value: {} };
  const first = firstNonSpace(text);
  if (first !== '{' && first !== '[') return undefined;
  const scanned = plain ? scanJson(text) : undefined;
  if (scanned) return scanned;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export function jsonBody(limitBytes: number): RequestHandler {
  const general = express.json({ limit: limitBytes });
  return (req, res, next) => {
    const h = req.headers;
    const length = h['content-length'];
    const type = h['content-type'];
    const n = length === undefined ? NaN : Number(length);
    if (
      type === undefined ||
      !JSON_TYPES.has(type.toLowerCase()) ||
      h['content-encoding'] !== undefined ||
      h['transfer-encoding'] !== undefined ||
      !(Number.isInteger(n) && n > 0 && n <= limitBytes) ||
      req.readableEnded
    ) {
      general(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('aborted', onAborted);
      req.removeListener('error', onError);
      next(err);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    };
    const onEnd = () => {
      if (received !== n) {
        finish(bodyError(400, 'request size did not match content length', 'request.size.invalid'));
        return;
      }
      const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const parsed = parseJsonBody(bytes, idReads(req.url));
      if (!parsed) {
        finish(bodyError(400, 'invalid JSON', 'entity.parse.failed'));
        return;
      }
      req.body = parsed.value;
      finish();
    };
    const onAborted = () => finish(bodyError(400, 'request aborted', 'request.aborted'));
    const onError = (err: Error) => finish(Object.assign(err, { status: 400, statusCode: 400 }));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    req.on('error', onError);
  };
}
