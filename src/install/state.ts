import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../app/deps.js';
import type { AppConfig } from '../config.js';
import { ForbiddenError } from '../errors.js';
import { loadKeyRing } from '../store/crypto.js';

/**
 * The OAuth `state`: `<payload>.<hmac>`, the payload holding a random nonce
 * and an expiry ten minutes out, signed with a key derived from our encryption
 * key. The nonce is also stored (used once) and set in a cookie by /install;
 * the callback accepts a state only when the signature holds, it has not
 * expired, its nonce was issued by us and not used, and it matches the
 * browser's cookie — so a forged, replayed or someone else's state is refused.
 */

export const STATE_TTL_MS = 10 * 60_000;
export const STATE_COOKIE = 'kam_oauth_state';

const payloadSchema = z.object({ n: z.string().min(16), e: z.number().int() });

const keys = new WeakMap<object, Promise<Buffer>>();

/** A key for signing states, derived (HKDF) from the current encryption key. */
function stateKey(config: Pick<AppConfig, 'encryption' | 'dataDir' | 'mode'>): Promise<Buffer> {
  let key = keys.get(config);
  if (!key) {
    key = loadKeyRing(config).then((ring) =>
      Buffer.from(hkdfSync('sha256', ring.current.key.reveal(), 'kam', 'oauth-state/v1', 32)),
    );
    keys.set(config, key);
  }
  return key;
}

const sign = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest('base64url');

export interface InstallState {
  state: string;
  nonce: string;
  expiresAt: Date;
}

type StateDeps = Pick<AppDeps, 'db' | 'config' | 'now'>;

export async function createInstallState(deps: StateDeps): Promise<InstallState> {
  const now = deps.now();
  const nonce = randomBytes(18).toString('base64url');
  const expiresAt = new Date(now.getTime() + STATE_TTL_MS);
  const payload = Buffer.from(JSON.stringify({ n: nonce, e: expiresAt.getTime() })).toString(
    'base64url',
  );
  const state = `${payload}.${sign(await stateKey(deps.config), payload)}`;
  await deps.db.query('DELETE FROM oauth_states WHERE expires_at < $1', [
    new Date(now.getTime() - STATE_TTL_MS),
  ]);
  await deps.db.query(
    'INSERT INTO oauth_states (nonce, created_at, expires_at) VALUES ($1, $2, $3)',
    [nonce, now, expiresAt],
  );
  return { state, nonce, expiresAt };
}

const refused = (why: string) =>
  new ForbiddenError(`The install request is not valid (${why}); start the install again`, {
    reason: why,
  });

/**
 * Checks a state from the callback and marks its nonce used. `browserNonce`
 * is the nonce from the browser's cookie; pass it whenever there is a browser.
 */
export async function consumeInstallState(
  deps: StateDeps,
  state: string,
  browserNonce?: string | null,
): Promise<void> {
  const [payload, signature, extra] = state.split('.');
  if (!payload || !signature || extra !== undefined) throw refused('malformed state');
  const expected = Buffer.from(sign(await stateKey(deps.config), payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw refused('state signature does not match');
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString()));
  } catch {
    throw refused('malformed state');
  }
  if (!parsed.success) throw refused('malformed state');
  const now = deps.now();
  if (parsed.data.e <= now.getTime()) throw refused('state expired');
  if (browserNonce !== undefined && browserNonce !== parsed.data.n)
    throw refused('state was issued to another browser');
  const { rowCount } = await deps.db.query(
    'UPDATE oauth_states SET used_at = $2 WHERE nonce = $1 AND used_at IS NULL AND expires_at > $2',
    [parsed.data.n, now],
  );
  if (rowCount === 0) throw refused('state already used or unknown');
}
