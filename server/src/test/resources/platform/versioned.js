// One version of a tenant, named by its VERSION binding, counting the requests its module instance has served.
// /slow awaits ?upstream= before answering; /stream sends ?count= lines 200 ms apart.
let served = 0;

export default {
  async fetch(request, env) {
    served++;
    const url = new URL(request.url);
    if (url.pathname === '/slow') {
      const upstream = await fetch(url.searchParams.get('upstream'));
      return new Response(`${env.VERSION} finished after ${await upstream.text()}`);
    }
    if (url.pathname === '/stream') {
      const count = Number(url.searchParams.get('count') ?? 5);
      const { readable, writable } = new TransformStream();
      const writer = writable.getWriter();
      const encoder = new TextEncoder();
      (async () => {
        for (let i = 0; i < count; i++) {
          await writer.write(encoder.encode(`${env.VERSION} tick ${i}\n`));
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        await writer.close();
      })();
      return new Response(readable, { headers: { 'content-type': 'text/plain' } });
    }
    return new Response(`${env.VERSION} served ${served}`);
  },
};
