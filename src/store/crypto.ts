import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { Secret, type AppConfig, type EncryptionKey } from '../config.js';
import { InternalError } from '../errors.js';

/**
 * AES-256-GCM for secrets at rest (OAuth tokens). A ciphertext reads
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64 parts), so rotation is: set a new
 * current key, move the old one to the previous keys, re-encrypt rows whose key
 * id is old (`needsReencryption`), then drop the old key.
 *
 * An optional context (e.g. `oauth:<portalId>:refresh`) is bound as additional
 * authenticated data: a ciphertext copied to another portal or column fails to
 * decrypt instead of yielding someone else's token.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface KeyRing {
  current: EncryptionKey;
  previous: EncryptionKey[];
}

function aad(keyId: string, context: string | undefined): Buffer {
  return Buffer.from(`${VERSION}:${keyId}:${context ?? ''}`, 'utf8');
}

export class TokenCipher {
  readonly #keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(ring: KeyRing) {
    this.currentKeyId = ring.current.keyId;
    this.#keys = new Map([...ring.previous, ring.current].map((k) => [k.keyId, k.key.reveal()]));
    for (const [id, key] of this.#keys) {
      if (key.length !== 32) throw new InternalError(`encryption key ${id} must be 32 bytes`);
    }
  }

  encrypt(plaintext: string, context?: string): string {
    const key = this.#keys.get(this.currentKeyId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.currentKeyId, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      this.currentKeyId,
      iv.toString('base64'),
      tag.toString('base64'),
      body.toString('base64'),
    ].join(':');
  }

  decrypt(ciphertext: string, context?: string): string {
    const { keyId, iv, tag, body } = parse(ciphertext);
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new InternalError(
        `no encryption key "${keyId}" is configured; add it to KAM_ENCRYPTION_PREVIOUS_KEYS`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(keyId, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      throw new InternalError(
        'encrypted value failed authentication: it was altered, or belongs to another record',
      );
    }
  }

  /** True when the value was encrypted with a key other than the current one. */
  needsReencryption(ciphertext: string): boolean {
    return keyIdOf(ciphertext) !== this.currentKeyId;
  }
}

function parse(ciphertext: string): { keyId: string; iv: Buffer; tag: Buffer; body: Buffer } {
  const parts = ciphertext.split(':');
  if (parts.length !== 5 || parts[0] !== VERSION)
    throw new InternalError('not an encrypted value of format v1');
  const [, keyId, iv, tag, body] = parts;
  const ivBuf = Buffer.from(iv, 'base64');
  const tagBuf = Buffer.from(tag, 'base64');
  if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES)
    throw new InternalError('malformed encrypted value');
  return { keyId, iv: ivBuf, tag: tagBuf, body: Buffer.from(body, 'base64') };
}

export function keyIdOf(ciphertext: string): string {
  return parse(ciphertext).keyId;
}

export const SANDBOX_KEY_FILE = 'encryption-key.json';

const keyFileSchema = z.object({
  keyId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  key: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a 32-byte base64 key'),
});

/**
 * The sandbox key in `<dataDir>/encryption-key.json` (mode 600), generated on
 * first use. Two processes racing create it once: the loser reads the winner's.
 */
export async function sandboxKey(dataDir: string): Promise<EncryptionKey> {
  const file = path.join(dataDir, SANDBOX_KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  const fresh = {
    keyId: `sandbox-${randomBytes(4).toString('hex')}`,
    key: randomBytes(32).toString('base64'),
  };
  try {
    await writeFile(file, `${JSON.stringify(fresh)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  const parsed = keyFileSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success)
    throw new InternalError(
      `${file} is not a valid key file; delete it to generate a new key (stored tokens are then lost)`,
    );
  return { keyId: parsed.data.keyId, key: new Secret(Buffer.from(parsed.data.key, 'base64')) };
}

/**
 * The key ring for this configuration. In sandbox mode without
 * KAM_ENCRYPTION_KEY the generated key is current; when a key is configured
 * later, an existing sandbox key stays readable as a previous key.
 */
export async function loadKeyRing(
  config: Pick<AppConfig, 'encryption' | 'dataDir' | 'mode'>,
): Promise<KeyRing> {
  const { current, previous } = config.encryption;
  if (current) {
    const ring: KeyRing = { current, previous: [...previous] };
    if (config.mode === 'sandbox') {
      const file = path.join(config.dataDir, SANDBOX_KEY_FILE);
      const exists = await stat(file).then(
        () => true,
        () => false,
      );
      if (exists) {
        const old = await sandboxKey(config.dataDir);
        if (old.keyId !== current.keyId) ring.previous.push(old);
      }
    }
    return ring;
  }
  if (config.mode !== 'sandbox')
    throw new InternalError('KAM_ENCRYPTION_KEY is required outside sandbox mode');
  return { current: await sandboxKey(config.dataDir), previous: [...previous] };
}
