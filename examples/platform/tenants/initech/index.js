// Initech is not deployed by `bin/corral dev`: deploy it yourself with wrangler (see examples/platform/README.md).
export default {
  async fetch(request, env) {
    return new Response(`Hello from ${env.COMPANY}, deployed with wrangler.\n`);
  },
};
