import { signV3 } from '../../src/sandbox/webhooks/signature.js';
import { signatureUri } from '../../src/webhooks/signature.js';

/**
 * A card API read signed as HubSpot signs `hubspot.fetch` (v3 signature over
 * the public URL), sent to our server on loopback. Returns its latency in ms;
 * throws on anything but 200.
 */
export function signedGetter(opts: {
  serverUrl: string;
  publicBaseUrl: string;
  secret: string;
  portalId: number;
}): (path: string) => Promise<number> {
  return async (path) => {
    const pathAndQuery = `${path}${path.includes('?') ? '&' : '?'}userId=1&appId=1&portalId=${opts.portalId}`;
    const ts = Date.now();
    const started = performance.now();
    const res = await fetch(`${opts.serverUrl}${pathAndQuery}`, {
      headers: {
        'x-hubspot-signature-v3': signV3(
          opts.secret,
          'GET',
          signatureUri(`${opts.publicBaseUrl}${pathAndQuery}`),
          '',
          ts,
        ),
        'x-hubspot-request-timestamp': String(ts),
      },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - started;
  };
}
