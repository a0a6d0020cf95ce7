import { signatureHeaders, type LegacySignatureVersion } from './signature.js';

const USER_AGENT = 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks)';

export interface PostTarget {
  targetUrl: string;
  clientSecret: string;
  legacySignatureVersion: LegacySignatureVersion;
}

export interface PostResult {
  httpStatus?: number;
  /** 'timeout' or the connection error, when no answer came. */
  error?: string;
  latencyMs: number;
}

/** One signed webhook POST; never throws. */
export async function postSigned(
  target: PostTarget,
  body: string,
  timeoutMs: number,
  cancel: AbortSignal,
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'latencyMs'>): PostResult => ({
    ...r,
    latencyMs: Math.round(performance.now() - started),
  });
  try {
    const headers = signatureHeaders({
      method: 'POST',
      url: target.targetUrl,
      body,
      clientSecret: target.clientSecret,
      timestamp: Date.now(),
      legacyVersion: target.legacySignatureVersion,
    });
    const res = await fetch(target.targetUrl, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT, ...headers },
      signal: AbortSignal.any([cancel, AbortSignal.timeout(timeoutMs)]),
    });
    await res.arrayBuffer().catch(() => undefined);
    return done({ httpStatus: res.status });
  } catch (err) {
    return done({
      error: err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : errorText(err),
    });
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${err.message}: ${cause.message}` : err.message;
  }
  return String(err);
}
