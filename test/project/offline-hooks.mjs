// Module customization hooks (node:module `register`): route the parsing library's
// HTTP client to ./offline-http.mjs so `translate` validates without the network.
import { URL } from 'node:url';

const offlineHttp = new URL('./offline-http.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@hubspot/local-dev-lib/http') {
    return { url: offlineHttp, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
