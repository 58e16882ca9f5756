// The platform's dynamic dispatch worker: every request to the platform enters here (a `*/*` route), picks its
// tenant and calls that tenant's user worker in the `tenants` namespace. After shared/seeds 000, 001, 003 and 004.

// Per-plan limits, passed to get(): a user worker runs with the lower of these and its own upload's limits.
const LIMITS = {
  free: { cpuMs: 10, subRequests: 5 },
  pro: { cpuMs: 50, subRequests: 50 },
};

/**
 * The tenant a request is for: the first label of a host name (acme.localhost, acme.example.com), else, for a bare
 * host or an IP address (localhost, 127.0.0.1), the first path segment (/acme/...).
 */
function route(url) {
  const labels = url.hostname.split('.');
  const isAddress = /^[0-9.]+$/.test(url.hostname) || url.hostname.startsWith('[');
  if (labels.length > 1 && !isAddress && labels[0] !== 'www') return { tenant: labels[0], path: url.pathname };
  const [, first = '', ...rest] = url.pathname.split('/');
  return { tenant: first, path: '/' + rest.join('/') };
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const { tenant, path } = route(url);
    if (!tenant) return new Response('Name a tenant: http://acme.localhost:8787/ or http://localhost:8787/acme/\n', { status: 404 });

    // Path routing hands the user worker the path without its tenant prefix.
    const forwarded = new Request(new URL(path + url.search, url), request);
    try {
      const userWorker = env.DISPATCHER.get(tenant, {}, {
        limits: LIMITS[env.PLANS[tenant] ?? 'free'],
        // The outbound worker sees these as env.customer_name and env.url.
        outbound: { customer_name: tenant, url: request.url },
      });
      return await userWorker.fetch(forwarded);
    } catch (e) {
      if (e.message.startsWith('Worker not found')) return new Response(`No tenant named "${tenant}".\n`, { status: 404 });
      if (e.message.includes('CPU time limit') || e.message.startsWith('Too many subrequests')) {
        return new Response(`Tenant "${tenant}" went over its plan's limits: ${e.message}\n`, { status: 429 });
      }
      return new Response(`Tenant "${tenant}" failed: ${e.message}\n`, { status: 500 });
    }
  },
};
