// Module state, globals and built-in prototypes, set by /plant?value= and read by /read. Deployed as two tenants
// with these same bytes, it shows whether one tenant's isolate can leak into another's.
let requests = 0;

export default {
  fetch(request) {
    requests++;
    const url = new URL(request.url);
    if (url.pathname === '/plant') {
      const value = url.searchParams.get('value');
      globalThis.planted = value;
      String.prototype.planted = value;
      const originalStringify = JSON.stringify;
      JSON.stringify = (...args) => originalStringify(...args).replace(/^\{/, `{"hijackedBy":${originalStringify(value)},`);
    }
    return Response.json({ planted: globalThis.planted ?? null, prototype: ''.planted ?? null, requests });
  },
};
