import type { AppConfig } from '../config.js';
import { oauthApp } from '../hubspot/oauth.js';
import { appScopes } from './app-scopes.js';

/** HubSpot's consent screen; in sandbox mode the sandbox's, which grants at once. */
export const HUBSPOT_AUTHORIZE_URL = 'https://app.hubspot.com/oauth/authorize';

type UrlConfig = Pick<AppConfig, 'mode' | 'hubspot' | 'publicBaseUrl'>;

/** Where HubSpot sends the browser back; must be one of the app's redirect URLs. */
export function redirectUriOf(config: Pick<AppConfig, 'publicBaseUrl'>): string {
  return `${config.publicBaseUrl}/oauth/callback`;
}

export function authorizeEndpoint(config: Pick<AppConfig, 'mode' | 'hubspot'>): string {
  return config.mode === 'sandbox'
    ? `${config.hubspot.baseUrl}/oauth/authorize`
    : HUBSPOT_AUTHORIZE_URL;
}

/** The authorize URL for one install attempt; `state` comes from createInstallState. */
export function installUrl(config: UrlConfig, state: string): string {
  const scopes = appScopes();
  const url = new URL(authorizeEndpoint(config));
  url.searchParams.set('client_id', oauthApp(config).clientId);
  url.searchParams.set('redirect_uri', redirectUriOf(config));
  url.searchParams.set('scope', scopes.required.join(' '));
  if (scopes.optional.length > 0) url.searchParams.set('optional_scope', scopes.optional.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}
