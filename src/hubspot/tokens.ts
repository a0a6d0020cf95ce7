import type { Queryable } from '../store/db.js';
import type { TokenCipher } from '../store/crypto.js';

/**
 * A portal's OAuth tokens at rest: AES-256-GCM ciphertexts bound to the portal
 * and the column (a value copied to another portal or column does not
 * decrypt). Only this module sees both the table and the plaintext.
 */

export interface PortalTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

const contextOf = (portalId: number, which: 'access' | 'refresh') => `oauth:${portalId}:${which}`;

export async function saveTokens(
  db: Queryable,
  cipher: TokenCipher,
  portalId: number,
  tokens: PortalTokens,
  now: Date,
  options: { refreshed?: boolean } = {},
): Promise<void> {
  await db.query(
    `INSERT INTO oauth_tokens (portal_id, access_token_enc, refresh_token_enc, key_id, expires_at, refreshed_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (portal_id) DO UPDATE SET
       access_token_enc = EXCLUDED.access_token_enc,
       refresh_token_enc = EXCLUDED.refresh_token_enc,
       key_id = EXCLUDED.key_id,
       expires_at = EXCLUDED.expires_at,
       refreshed_at = COALESCE(EXCLUDED.refreshed_at, oauth_tokens.refreshed_at),
       updated_at = EXCLUDED.updated_at`,
    [
      portalId,
      cipher.encrypt(tokens.accessToken, contextOf(portalId, 'access')),
      cipher.encrypt(tokens.refreshToken, contextOf(portalId, 'refresh')),
      cipher.currentKeyId,
      tokens.expiresAt,
      options.refreshed ? now : null,
      now,
    ],
  );
}

interface TokenRow {
  access_token_enc: string;
  refresh_token_enc: string;
  expires_at: Date;
}

/**
 * The tokens of an installed portal, or null (no tokens, or uninstalled).
 * `forUpdate` locks the row until the transaction ends (PostgreSQL), so only
 * one process refreshes a portal at a time.
 */
export async function loadTokens(
  db: Queryable,
  cipher: TokenCipher,
  portalId: number,
  options: { forUpdate?: boolean } = {},
): Promise<(PortalTokens & { needsReencryption: boolean }) | null> {
  const { rows } = await db.query<TokenRow>(
    `SELECT t.access_token_enc, t.refresh_token_enc, t.expires_at
       FROM oauth_tokens t JOIN portals p ON p.portal_id = t.portal_id
      WHERE t.portal_id = $1 AND p.install_state <> 'uninstalled'
      ${options.forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [portalId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    accessToken: cipher.decrypt(row.access_token_enc, contextOf(portalId, 'access')),
    refreshToken: cipher.decrypt(row.refresh_token_enc, contextOf(portalId, 'refresh')),
    expiresAt: row.expires_at,
    needsReencryption:
      cipher.needsReencryption(row.access_token_enc) ||
      cipher.needsReencryption(row.refresh_token_enc),
  };
}
