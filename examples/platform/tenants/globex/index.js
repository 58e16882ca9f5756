// Globex's user worker calls an API. Its fetch() goes through the platform's outbound worker, which adds the
// credentials; Globex's code never holds them.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/blocked') {
      const denied = await fetch('http://evil.example/');
      return new Response(`The platform answered ${denied.status}: ${await denied.text()}`, { status: denied.status });
    }
    const upstream = await fetch(env.UPSTREAM);
    return new Response(`Globex asked ${env.UPSTREAM} and got ${upstream.status}:\n${await upstream.text()}\n`, {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  },
};
