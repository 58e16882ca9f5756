// The outbound worker in bench/dispatch: every fetch() of a user worker arrives here; it tags the request with the
// tenant and sends it on to the network. Corral passes the tenant as the dispatcher's outbound parameter
// (env.customer, as on Cloudflare); in workerd each tenant's globalOutbound carries it as ctx.props.customer.
export default {
  fetch(request, env, ctx) {
    const outgoing = new Request(request);
    outgoing.headers.set("x-bench-customer", env.customer ?? ctx.props?.customer ?? "unknown");
    return fetch(outgoing);
  },
};
