import { z } from 'zod';
import type { AppDeps } from '../src/app/deps.js';
import { httpStatusFor, toErrorBody } from '../src/errors.js';
import {
  createInstallState,
  handleOAuthCallback,
  installUrl,
  redirectUriOf,
  STATE_COOKIE,
  STATE_TTL_MS,
} from '../src/install/index.js';
import { childLogger } from '../src/logger.js';

/**
 * The two browser-facing install endpoints as plain functions, so any server
 * can mount them (src/server mounts them at /install and /oauth/callback):
 * request { query, headers } in, { status, headers, body } out.
 *
 * /install makes a signed state, remembers its nonce in an HttpOnly cookie
 * scoped to the callback path, and redirects to HubSpot's consent screen.
 * /oauth/callback hands code, state and the cookie's nonce to
 * handleOAuthCallback and answers a small HTML page.
 */

export interface HttpRequestLike {
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export interface HttpResponseLike {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type OAuthHandler = (req: HttpRequestLike) => Promise<HttpResponseLike>;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function page(status: number, title: string, html: string, extra: Record<string, string> = {}) {
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      ...extra,
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">${html}</body></html>`,
  };
}

function cookie(config: AppDeps['config'], value: string, maxAgeSeconds: number): string {
  const path = new URL(redirectUriOf(config)).pathname;
  const secure = config.publicBaseUrl.startsWith('https://') ? '; Secure' : '';
  // Lax: the callback is a top-level GET redirect from HubSpot, which Lax cookies accompany.
  return `${STATE_COOKIE}=${value}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

function cookieValue(headers: HttpRequestLike['headers'], name: string): string | null {
  const raw = headers.cookie ?? headers.Cookie;
  const text = Array.isArray(raw) ? raw.join('; ') : (raw ?? '');
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function installHandler(deps: Pick<AppDeps, 'db' | 'config' | 'now'>): OAuthHandler {
  return async () => {
    const { state, nonce } = await createInstallState(deps);
    return {
      status: 302,
      headers: {
        Location: installUrl(deps.config, state),
        'Set-Cookie': cookie(deps.config, nonce, STATE_TTL_MS / 1000),
        'Cache-Control': 'no-store',
      },
      body: '',
    };
  };
}

const callbackQuery = z.object({
  code: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

function portalLink(config: AppDeps['config'], portalId: number): string {
  return config.mode === 'sandbox'
    ? `${config.hubspot.baseUrl}/?portal=${portalId}`
    : `https://app.hubspot.com/contacts/${portalId}/objects/0-2/views/all/list`;
}

export function oauthCallbackHandler(deps: AppDeps): OAuthHandler {
  return async (req) => {
    const clear = { 'Set-Cookie': cookie(deps.config, '', 0) };
    const again = `<p><a href="${escapeHtml(`${deps.config.publicBaseUrl}/install`)}">Start the install again</a></p>`;
    const query = callbackQuery.safeParse(req.query);
    if (!query.success || query.data.error !== undefined || !query.data.code || !query.data.state) {
      const said = query.success ? (query.data.error_description ?? query.data.error) : undefined;
      return page(
        400,
        'Install not completed',
        `<h1>Install not completed</h1><p>${escapeHtml(said ? `HubSpot said: ${said}` : 'The request from HubSpot is missing its code or state.')}</p>${again}`,
        clear,
      );
    }
    try {
      const portalId = await handleOAuthCallback(deps, {
        code: query.data.code,
        state: query.data.state,
        browserNonce: cookieValue(req.headers, STATE_COOKIE),
      });
      return page(
        200,
        'KAM for HubSpot is installed',
        `<h1>KAM for HubSpot is installed</h1><p>Portal ${portalId}: the KAM properties are in place and your accounts are being evaluated now; results appear on company records within minutes.</p><p><a href="${escapeHtml(portalLink(deps.config, portalId))}">Open HubSpot</a></p>`,
        clear,
      );
    } catch (error) {
      const status = httpStatusFor(error);
      if (status >= 500)
        childLogger(deps.logger, {}).error({ err: error }, 'OAuth callback failed');
      const message = toErrorBody(error).error.message;
      return page(
        status,
        'Install failed',
        `<h1>Install failed</h1><p>${escapeHtml(message)}</p>${again}`,
        clear,
      );
    }
  };
}

export function createOAuthHandlers(deps: AppDeps): {
  install: OAuthHandler;
  callback: OAuthHandler;
} {
  return { install: installHandler(deps), callback: oauthCallbackHandler(deps) };
}
