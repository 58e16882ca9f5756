// A well-behaved tenant: says who it is and what it was asked.
export default {
  fetch(request, env) {
    const url = new URL(request.url);
    return Response.json({ tenant: env.TENANT ?? null, host: url.host, path: url.pathname, query: url.search });
  },
};
