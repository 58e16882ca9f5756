// The example worker `corral dev` serves until the platform's router lands: it echoes what it saw.
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    return Response.json({
      hello: 'from Corral',
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    });
  },
};
