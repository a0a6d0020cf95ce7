import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Secret, type AppConfig, type EncryptionKey } from '../../src/config.js';
import {
  keyIdOf,
  loadKeyRing,
  sandboxKey,
  SANDBOX_KEY_FILE,
  TokenCipher,
} from '../../src/store/crypto.js';

const key = (keyId: string): EncryptionKey => ({ keyId, key: new Secret(randomBytes(32)) });

describe('token encryption', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  test('round-trips and never repeats a ciphertext', () => {
    const cipher = new TokenCipher({ current: k1, previous: [] });
    const a = cipher.encrypt('refresh-token-ü', 'oauth:1:refresh');
    const b = cipher.encrypt('refresh-token-ü', 'oauth:1:refresh');
    expect(a).toMatch(/^v1:k1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain('refresh-token');
    expect(cipher.decrypt(a, 'oauth:1:refresh')).toBe('refresh-token-ü');
  });

  test('rotation: encrypts with the current key, still reads the previous ones', () => {
    const old = new TokenCipher({ current: k1, previous: [] }).encrypt('t');
    const rotated = new TokenCipher({ current: k2, previous: [k1] });
    expect(rotated.decrypt(old)).toBe('t');
    expect(rotated.needsReencryption(old)).toBe(true);
    const fresh = rotated.encrypt('t');
    expect(keyIdOf(fresh)).toBe('k2');
    expect(rotated.needsReencryption(fresh)).toBe(false);
  });

  test('a dropped key is named in the error', () => {
    const old = new TokenCipher({ current: k1, previous: [] }).encrypt('t');
    expect(() => new TokenCipher({ current: k2, previous: [] }).decrypt(old)).toThrow(
      /"k1".*KAM_ENCRYPTION_PREVIOUS_KEYS/,
    );
  });

  test('detects tampering with the ciphertext, tag, iv or key id', () => {
    const cipher = new TokenCipher({ current: k1, previous: [k2] });
    const value = cipher.encrypt('secret-token');
    const parts = value.split(':');
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, 'base64');
      buf[0] ^= 1;
      return buf.toString('base64');
    };
    for (const i of [2, 3, 4]) {
      const tampered = [...parts];
      tampered[i] = flip(tampered[i]);
      expect(() => cipher.decrypt(tampered.join(':'))).toThrow(/altered|malformed/);
    }
    expect(() => cipher.decrypt(['v1', 'k2', ...parts.slice(2)].join(':'))).toThrow(/altered/);
    expect(() => cipher.decrypt('plain-text-token')).toThrow(/not an encrypted value/);
  });

  test('a ciphertext moved to another portal or column does not decrypt', () => {
    const cipher = new TokenCipher({ current: k1, previous: [] });
    const value = cipher.encrypt('token', 'oauth:1:access');
    expect(() => cipher.decrypt(value, 'oauth:2:access')).toThrow(/another record/);
    expect(() => cipher.decrypt(value, 'oauth:1:refresh')).toThrow(/another record/);
  });
});

describe('sandbox key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kam-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const config = (
    over: Partial<AppConfig['encryption']> = {},
    mode: AppConfig['mode'] = 'sandbox',
  ) => ({
    mode,
    dataDir: dir,
    encryption: { current: null, previous: [], ...over },
  });

  test('is generated once into the data folder with mode 600 and reused', async () => {
    const [a, b] = await Promise.all([sandboxKey(dir), sandboxKey(dir)]);
    expect(a.keyId).toBe(b.keyId);
    expect(a.key.reveal().equals(b.key.reveal())).toBe(true);
    const file = path.join(dir, SANDBOX_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const ring = await loadKeyRing(config());
    expect(ring.current.keyId).toBe(a.keyId);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      keyId: a.keyId,
      key: expect.any(String),
    });
  });

  test('stays readable as a previous key once a real key is configured', async () => {
    const sandbox = await loadKeyRing(config());
    const value = new TokenCipher(sandbox).encrypt('t');
    const ring = await loadKeyRing(config({ current: key('prod1') }));
    expect(ring.current.keyId).toBe('prod1');
    expect(new TokenCipher(ring).decrypt(value)).toBe('t');
  });

  test('is never generated outside sandbox mode', async () => {
    await expect(loadKeyRing(config({}, 'hubspot'))).rejects.toThrow(
      /KAM_ENCRYPTION_KEY is required/,
    );
  });
});
