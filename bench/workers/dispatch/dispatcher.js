// The platform's dispatcher in bench/dispatch: sends each request to the tenant named by its Host's first label
// (t7.bench.test -> t7). Corral, like Cloudflare, resolves the tenant at request time through the dispatch-namespace
// binding and hands the outbound worker the tenant's name as a parameter. Open-source workerd has no dynamic
// dispatch, so there the tenant is one of the service bindings the generated config gives this worker, one per tenant.
export default {
  fetch(request, env) {
    const tenant = new URL(request.url).hostname.split(".")[0];
    const worker = env.DISPATCHER
      ? env.DISPATCHER.get(tenant, {}, { outbound: { customer: tenant } })
      : env[tenant];
    if (!worker) return new Response(`No tenant ${tenant}\n`, { status: 404 });
    return worker.fetch(request);
  },
};
