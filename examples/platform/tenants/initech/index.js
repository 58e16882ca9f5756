// initech, a third tenant that is not part of platform.json: deploy it to the running platform with wrangler
// (wrangler.toml beside this file) or with curl, as examples/platform/README.md shows.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    return new Response(`initech says: ${env.MOTTO ?? 'hello'}\nYou asked for ${url.pathname}\n`);
  },
};
