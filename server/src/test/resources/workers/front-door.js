// Drives the front door: echoing a streamed body, streaming a response slowly, throwing, and slow answers.
let requests = 0;

export default {
  async fetch(request) {
    requests++;
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/echo':
        return new Response(request.body, { headers: { 'x-method': request.method } });
      case '/upper': {
        const upper = new TransformStream({
          transform(chunk, controller) {
            controller.enqueue(new TextEncoder().encode(new TextDecoder().decode(chunk).toUpperCase()));
          },
        });
        return new Response(request.body.pipeThrough(upper));
      }
      case '/drip': {
        const count = Number(url.searchParams.get('count'));
        let sent = 0;
        const body = new ReadableStream({
          async pull(controller) {
            if (sent === count) return controller.close();
            await new Promise((resolve) => setTimeout(resolve, 100));
            controller.enqueue(new TextEncoder().encode(`tick ${sent++}\n`));
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/plain' } });
      }
      case '/throw':
        throw new Error('boom from the worker');
      case '/count':
        return new Response(String(requests));
      case '/slow':
        await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get('ms'))));
        return new Response('finished');
      case '/headers':
        return new Response(null, { status: 204, headers: [['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-multi', 'v']] });
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
