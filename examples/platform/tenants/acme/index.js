// Acme's user worker: a page and a JSON endpoint. It sees only its own env; the secret's value never leaves it.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/api/status') {
      return Response.json({ tenant: 'acme', ok: true, hasApiKey: typeof env.API_KEY === 'string', cf: request.cf ?? null });
    }
    return new Response(`${env.GREETING}\nYou asked for ${url.pathname}. Try /api/status.\n`, {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  },
};
