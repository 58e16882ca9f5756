// The platform's dynamic dispatch worker: every request to the platform arrives here first. It finds the tenant the
// request is for, calls that tenant's worker with the limits of the tenant's plan, and turns each way the call can
// fail into a plain HTTP answer. The pattern is the one in shared/seeds/000, 001, 003 and 004.

// What each plan may use per request. A tenant's worker that goes over either limit throws, and we answer 429.
const PLANS = {
  free: { cpuMs: 10, subRequests: 5 },
  pro: { cpuMs: 50, subRequests: 50 },
};

export default {
  async fetch(request, env) {
    const route = routeOf(request);
    if (route === null) {
      return new Response('No tenant in this URL. Try http://acme.localhost:8787/ or http://127.0.0.1:8787/acme/\n', { status: 404 });
    }
    // A dispatcher cannot read a script's tags, so the plans live in a binding (TENANT_PLANS in platform.json).
    // A real platform would look them up in its own database. Tenants it does not know get the free plan.
    const named = env.TENANT_PLANS?.[route.tenant];
    const plan = Object.hasOwn(PLANS, named ?? '') ? named : 'free';
    const limits = PLANS[plan];
    try {
      const userWorker = env.DISPATCHER.get(route.tenant, {}, {
        limits,
        // The outbound worker gets these as env.customer_name and env.url; only names that the binding declares
        // as params get through.
        outbound: { customer_name: route.tenant, url: request.url },
      });
      return await userWorker.fetch(route.request);
    } catch (e) {
      const message = String(e?.message ?? e);
      if (message.startsWith('Worker not found')) {
        return new Response(`No tenant named "${route.tenant}".\n`, { status: 404 });
      }
      if (message.includes('CPU time limit')) {
        return new Response(`"${route.tenant}" used more than the ${limits.cpuMs} ms of CPU time per request that the ${plan} plan allows.\n`, { status: 429 });
      }
      if (message.includes('Too many subrequests')) {
        return new Response(`"${route.tenant}" made more than the ${limits.subRequests} subrequests per request that the ${plan} plan allows.\n`, { status: 429 });
      }
      return new Response(message, { status: 500 });
    }
  },
};

// Subdomain routing (acme.localhost, acme.example.com) when the host carries a tenant label; otherwise path routing
// (localhost/acme/...). With path routing the tenant's worker sees its own paths (/ rather than /acme/), and learns
// the prefix from X-Forwarded-Prefix so it can still build links.
function routeOf(request) {
  const url = new URL(request.url);
  const label = tenantLabel(url.hostname);
  if (label !== null) return { tenant: label, request };
  const [, tenant, ...rest] = url.pathname.split('/');
  if (!tenant) return null;
  url.pathname = '/' + rest.join('/');
  const forwarded = new Request(url, request);
  forwarded.headers.set('X-Forwarded-Prefix', `/${tenant}`);
  return { tenant, request: forwarded };
}

// A host names a tenant when a label stands in front of the platform's domain: anything under .localhost, or three
// labels or more (acme.example.com). A bare name (localhost), a two-label domain (example.com) or an IP address does not.
function tenantLabel(hostname) {
  const labels = hostname.split('.');
  const last = labels[labels.length - 1];
  if (hostname.startsWith('[') || /^\d+$/.test(last)) return null;
  if (last === 'localhost') return labels.length >= 2 ? labels[0] : null;
  return labels.length >= 3 ? labels[0] : null;
}
