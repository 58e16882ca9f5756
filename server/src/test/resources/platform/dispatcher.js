// The platform's dispatch worker in these tests. It finds the tenant from the subdomain (<tenant>.platform.test) or,
// on any other host (an IP address, say), from the first path segment, which it strips. It calls the tenant through a
// dispatch-namespace binding and maps errors as the Workers for Platforms docs do: "Worker not found" to 404, a CPU
// overrun to 429, anything else to 500 with the message.
//
// Headers sent by the test steer it, so one dispatcher serves every scenario: x-binding (which namespace binding,
// default DISPATCHER), x-args and x-limits and x-outbound (JSON for get()'s args, options.limits and options.outbound)
// and x-uncaught (let errors through instead of mapping them). It counts invocations in x-nested, so a loop can say
// how deep it went.
const ZONE = 'platform.test';
const STEERING = ['x-binding', 'x-args', 'x-limits', 'x-outbound', 'x-uncaught'];

function route(url) {
  const labels = url.hostname.split('.');
  if (url.hostname.endsWith('.' + ZONE) && labels.length === 3) return { tenant: labels[0], url: url.href };
  const [, tenant = '', ...rest] = url.pathname.split('/');
  const forwarded = new URL(url);
  forwarded.pathname = '/' + rest.join('/');
  return { tenant, url: forwarded.href };
}

function json(header) {
  return header === null ? undefined : JSON.parse(header);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/__dispatcher/cf') return Response.json({ cf: request.cf ?? null });
    const target = route(url);
    const headers = new Headers(request.headers);
    for (const name of STEERING) headers.delete(name);
    headers.set('x-nested', String(Number(request.headers.get('x-nested') ?? 0) + 1));
    const forwarded = new Request(target.url, { method: request.method, headers, body: request.body });
    const binding = env[request.headers.get('x-binding') ?? 'DISPATCHER'];
    const options = {};
    if (request.headers.has('x-limits')) options.limits = json(request.headers.get('x-limits'));
    if (request.headers.has('x-outbound')) options.outbound = json(request.headers.get('x-outbound'));
    const args = json(request.headers.get('x-args'));
    if (request.headers.get('x-uncaught') === 'true') return binding.get(target.tenant, args, options).fetch(forwarded);
    try {
      const userWorker = binding.get(target.tenant, args, options);
      return await userWorker.fetch(forwarded);
    } catch (e) {
      if (e.message.startsWith('Worker not found')) return new Response(e.message, { status: 404 });
      if (e.message.includes('CPU time limit')) return new Response(e.message, { status: 429 });
      return new Response(e.message, { status: 500 });
    }
  },
};
