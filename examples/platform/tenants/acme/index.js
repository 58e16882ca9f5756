// acme, a tenant on the free plan: what a tenant's worker sees. `/` is an HTML page with its env, `/api` the same as
// JSON. `/spin` and `/fanout` break the free plan's limits on purpose, to show the dispatcher's 429 answers.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    // Under path routing (/acme/...) the dispatcher strips /acme and passes it here, for links.
    const prefix = request.headers.get('X-Forwarded-Prefix') ?? '';
    switch (url.pathname) {
      case '/api':
        return Response.json({
          tenant: 'acme',
          path: url.pathname,
          bindings: Object.keys(env),
          GREETING: env.GREETING,
          API_KEY: env.API_KEY ? 'set (never shown)' : 'not set',
        });
      case '/spin': {
        // About a second of pure computation, far over the free plan's 10 ms.
        let x = 0;
        for (let i = 0; i < 300_000_000; i++) x = (x + i) % 1_000_003;
        return new Response(`done: ${x}\n`);
      }
      case '/fanout': {
        // One subrequest more than the free plan's 5.
        for (let i = 1; i <= 6; i++) await fetch(`https://api.example.com/v1/ping?n=${i}`);
        return new Response('all 6 subrequests made\n');
      }
      default:
        return new Response(page(env, url, prefix), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    }
  },
};

// A worker can read its secrets like any other env entry; this page only says whether API_KEY is there.
function page(env, url, prefix) {
  return `<!doctype html>
<title>acme</title>
<h1>${escapeHtml(env.GREETING ?? 'Hello')}</h1>
<p>This is acme's worker. It was asked for <code>${escapeHtml(url.pathname)}</code>.</p>
<ul>
  <li><code>GREETING</code> (plain_text): ${escapeHtml(env.GREETING ?? 'not set')}</li>
  <li><code>API_KEY</code> (secret_text): ${env.API_KEY ? 'set (its value is never shown)' : 'not set'}</li>
</ul>
<p>The same as JSON: <a href="${escapeHtml(prefix)}/api">${escapeHtml(prefix)}/api</a></p>
`;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
