import { randomUUID } from 'node:crypto';

/**
 * Token-endpoint errors as HubSpot answers them: its own `status` code
 * (BAD_REFRESH_TOKEN, BAD_AUTH_CODE, …) and `message`, plus the RFC 6749
 * `error` / `error_description` pair, with HTTP 400.
 */
export type Rfc6749Error =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export interface OAuthErrorBody {
  status: string;
  message: string;
  correlationId: string;
  error: Rfc6749Error;
  error_description: string;
}

export class OAuthError extends Error {
  constructor(
    readonly status: string,
    message: string,
    readonly error: Rfc6749Error,
    readonly httpStatus = 400,
  ) {
    super(message);
  }

  toBody(): OAuthErrorBody {
    return {
      status: this.status,
      message: this.message,
      correlationId: randomUUID(),
      error: this.error,
      error_description: this.message,
    };
  }
}

export const badClientId = () =>
  new OAuthError('BAD_CLIENT_ID', 'missing or invalid client id', 'invalid_client');
export const badClientSecret = () =>
  new OAuthError('BAD_CLIENT_SECRET', 'missing or invalid client secret', 'invalid_client');
export const badAuthCode = () =>
  new OAuthError('BAD_AUTH_CODE', 'missing or unknown auth code', 'invalid_grant');
export const badRefreshToken = () =>
  new OAuthError('BAD_REFRESH_TOKEN', 'missing or invalid refresh token', 'invalid_grant');
export const badRedirectUri = () =>
  new OAuthError(
    'BAD_REDIRECT_URI',
    'redirect_uri does not match initial auth code URI',
    'invalid_grant',
  );
export const badGrantType = (grant: string | undefined) =>
  new OAuthError(
    'BAD_GRANT_TYPE',
    `unsupported grant_type: ${grant ?? '(missing)'}`,
    'unsupported_grant_type',
  );
