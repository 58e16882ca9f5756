// The platform's outbound worker: every fetch() a tenant's worker makes arrives here instead of going to the network
// (shared/seeds/001). It logs the subrequest, refuses hosts on the block list, and signs requests to the platform's
// own API on the tenant's behalf, so tenants never hold API credentials.
//
// env.customer_name and env.url are set per request by the dispatcher (dispatcher.get(..., { outbound: {...} }));
// API_HOST, BLOCKED and the optional API_ORIGIN and LOG_URL are this worker's own bindings (see platform.json).
// This worker's own fetch() calls go straight to the network; they are not intercepted again.

export default {
  async fetch(request, env, ctx) {
    const customer_name = env.customer_name;
    const original_url = env.url;
    const target = new URL(request.url);

    // console.log lines land in the node's log, tagged with this worker. With LOG_URL set, each line is also shipped
    // there after the response is sent, as seed 001 does with logs.example.com.
    const line = JSON.stringify({ customer_name, original_url, method: request.method, subrequest: request.url });
    console.log(line);
    if (env.LOG_URL) ctx.waitUntil(fetch(env.LOG_URL, { method: 'POST', body: line }));

    if ((env.BLOCKED ?? []).includes(target.hostname)) {
      return new Response(`The platform blocks requests to ${target.hostname}.\n`, { status: 403 });
    }

    // Seed 001 tests the host of env.url, the URL the platform received. We test the host this subrequest goes to,
    // which is what "pre-auth requests to our API" needs.
    if (target.host === env.API_HOST) {
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${make_jwt_for_customer(customer_name)}`);
      // Copy the request with the new headers; the body goes along unread.
      const signed = new Request(request, { headers });
      if (!env.API_ORIGIN) return echo(signed);
      // Send it where the API really lives, keeping the path and query.
      return fetch(new Request(new URL(target.pathname + target.search, env.API_ORIGIN), signed));
    }
    return fetch(request);
  },
};

// Stands in for the platform's API when API_ORIGIN is not set (as under `corral dev`, where there is no such server):
// it answers with what the API would have received, so the injected Authorization header is visible.
async function echo(request) {
  const received = {
    answered_by: 'the outbound worker, standing in for the API (API_ORIGIN is not set)',
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
  };
  return new Response(JSON.stringify(received, null, 2) + '\n', { headers: { 'Content-Type': 'application/json' } });
}

// A well-formed but UNSIGNED demo token. A real platform signs it (HS256 through crypto.subtle.sign, say), but
// Corral's runtime has no crypto.subtle yet. So the header says alg "none", the signature part is the literal
// "unsigned-demo", and no API should ever accept such a token.
function make_jwt_for_customer(customer_name) {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'none', typ: 'JWT' };
  const payload = { iss: 'corral-example-platform', customer: customer_name, iat: now, exp: now + 300 };
  return `${base64url(header)}.${base64url(payload)}.unsigned-demo`;
}

function base64url(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
