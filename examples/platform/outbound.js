// The platform's outbound worker: every fetch() a user worker makes arrives here first. After shared/seeds/001.
// env.customer_name and env.url are the parameters the dispatcher passed to get().

// Hosts user workers may never reach.
const BLOCKED = ['metadata.google.internal', 'evil.example'];
// The platform's own API, where the outbound worker signs requests on the customer's behalf.
const API_HOST = 'api.example.com';

/**
 * A demo token for the platform's API. crypto.subtle is not in Corral's runtime yet, so it is unsigned: a well-formed
 * JWT header and payload with the signature part "unsigned-demo". A real platform signs it (HS256 or ES256).
 */
function make_jwt_for_customer(customer_name) {
  const encode = (object) => btoa(JSON.stringify(object)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: customer_name, iat: now, exp: now + 300 })}.unsigned-demo`;
}

export default {
  async fetch(request, env, ctx) {
    const target = new URL(request.url);
    // Logging runs after the response, so it never slows the customer's request down.
    ctx.waitUntil(Promise.resolve().then(() => console.log(`[outbound] ${env.customer_name} -> ${request.method} ${target.href}`)));

    if (BLOCKED.includes(target.hostname)) {
      return new Response(`The platform does not allow requests to ${target.hostname}.\n`, { status: 403 });
    }
    if (target.hostname === API_HOST) {
      // The platform's API is not on the internet in this example: answer for it here, showing the injected token.
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${make_jwt_for_customer(env.customer_name)}`);
      return Response.json({ api: API_HOST, path: target.pathname, customer: env.customer_name, authorization: headers.get('Authorization') });
    }
    return fetch(request);
  },
};
