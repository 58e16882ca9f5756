// The platform's outbound worker: every fetch() of a user worker comes here first. It answers hosts under .invalid
// itself (with its whole env), refuses paths under /blocked, logs paths under /logged with ctx.waitUntil, and
// forwards everything else with headers naming the customer and this worker's VERSION.
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.hostname.endsWith('.invalid')) {
      return Response.json({ answeredBy: 'outbound', url: request.url, env });
    }
    if (url.pathname.startsWith('/blocked')) return new Response(`blocked by the outbound worker for ${env.customer}`, { status: 403 });
    if (url.pathname.startsWith('/logged')) {
      ctx.waitUntil(fetch(new URL('/outbound-log', url), {
        method: 'POST',
        body: JSON.stringify({ customer: env.customer, url: request.url }),
      }));
    }
    const headers = new Headers(request.headers);
    headers.set('x-outbound-customer', String(env.customer));
    headers.set('x-outbound-version', env.VERSION);
    // Redirects go back to the user worker, whose fetch() follows them: each hop then passes through here again.
    return fetch(new Request(request, { headers, redirect: 'manual' }));
  },
};
