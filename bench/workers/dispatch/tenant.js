// A tenant's user worker in bench/dispatch. bench/dispatch fills in TENANT and UPSTREAM for each copy, so every
// tenant is its own script and gets its own isolate, as distinct customers' code would.
const TENANT = "__TENANT__";
const UPSTREAM = "__UPSTREAM__";

export default {
  fetch(request) {
    // /upstream is the outbound chain: this fetch goes through the outbound worker to the upstream.
    if (new URL(request.url).pathname === "/upstream") return fetch(UPSTREAM);
    return new Response(`Hello from ${TENANT}\n`);
  },
};
