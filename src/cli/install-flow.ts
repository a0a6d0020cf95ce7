/**
 * Installs the app the way an admin does, over HTTP: our `/install` redirects
 * to the authorize page (the sandbox grants at once), which redirects back to
 * our `/oauth/callback` with a code. Cookies our app sets (the OAuth state
 * binding) are carried along like a browser would.
 */

export interface InstallFlowResult {
  /** Status of our callback's answer. */
  status: number;
  /** Where the callback sent the browser, if it redirected. */
  location: string | null;
  body: string;
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]);
}

async function step(url: string, cookies: string[]): Promise<Response> {
  return fetch(url, {
    redirect: 'manual',
    headers: cookies.length > 0 ? { cookie: cookies.join('; ') } : {},
  });
}

function redirectTarget(res: Response, from: string, what: string): string {
  const location = res.headers.get('location');
  if (res.status < 300 || res.status >= 400 || location === null) {
    throw new Error(`${what} answered ${res.status} instead of a redirect`);
  }
  return new URL(location, from).toString();
}

export async function installThroughOAuth(
  appBaseUrl: string,
  options: { portalId?: number } = {},
): Promise<InstallFlowResult> {
  const cookies: string[] = [];
  const start = `${appBaseUrl}/install`;
  const installRes = await step(start, cookies);
  cookies.push(...cookiesOf(installRes));
  const authorize = new URL(redirectTarget(installRes, start, 'GET /install'));
  if (options.portalId !== undefined)
    authorize.searchParams.set('portalId', String(options.portalId));
  const grant = await step(authorize.toString(), []);
  if (grant.status >= 400) {
    throw new Error(
      `the authorize page refused the install (${grant.status}): ${(await grant.text()).slice(0, 300)}`,
    );
  }
  const callback = redirectTarget(grant, authorize.toString(), 'the authorize page');
  const done = await step(callback, cookies);
  const body = await done.text();
  if (done.status >= 400) {
    throw new Error(`the OAuth callback failed (${done.status}): ${body.slice(0, 300)}`);
  }
  return { status: done.status, location: done.headers.get('location'), body };
}
