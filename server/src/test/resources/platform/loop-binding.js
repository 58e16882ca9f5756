// Calls the dispatcher again through a service binding (LOOP) with the request it got, so the dispatcher sends it back
// here: a loop that only the platform's depth limit can end. The innermost invocation reports how deep it was.
export default {
  async fetch(request, env) {
    const nested = Number(request.headers.get('x-nested') ?? 0) + 1;
    const headers = new Headers(request.headers);
    headers.set('x-nested', String(nested));
    try {
      return await env.LOOP.fetch(new Request(request.url, { headers }));
    } catch (e) {
      return new Response(`stopped after ${nested} nested invocations: ${e.message}`, { status: 508 });
    }
  },
};
