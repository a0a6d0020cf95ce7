/** The OAuth install: authorize URL, state, callback, uninstall (see docs/install.md). */
export {
  installUrl,
  redirectUriOf,
  authorizeEndpoint,
  HUBSPOT_AUTHORIZE_URL,
} from './install-url.js';
export { appScopes, type AppScopes } from './app-scopes.js';
export {
  createInstallState,
  consumeInstallState,
  STATE_COOKIE,
  STATE_TTL_MS,
  type InstallState,
} from './state.js';
export {
  handleOAuthCallback,
  BACKFILL_QUEUE,
  type OAuthCallbackInput,
  type OAuthCallbackOptions,
} from './callback.js';
export { handleUninstall } from './uninstall.js';
