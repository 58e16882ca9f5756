// A user worker the platform uploaded with a dispatch-namespace binding (OTHER): it passes requests to ?script= there.
export default {
  async fetch(request, env) {
    const script = new URL(request.url).searchParams.get('script');
    try {
      return await env.OTHER.get(script).fetch(request);
    } catch (e) {
      return new Response(e.message, { status: 502 });
    }
  },
};
