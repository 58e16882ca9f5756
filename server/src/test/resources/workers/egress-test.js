// fetch() to a real local upstream (the JUnit factory starts it and passes ?upstream=URL).
import { eq, ok, rejects, run } from './harness.js';

const upstream = (request) => new URL(request.url).searchParams.get('upstream');

export default run({
  'GET reads status, headers and body': async (request) => {
    const r = await fetch(`${upstream(request)}/text?value=hello`);
    eq(r.status, 200);
    eq(r.headers.get('x-upstream'), 'yes');
    eq(await r.text(), 'hello');
    throwsOnMutate(r);
  },
  'POST sends a body and headers': async (request) => {
    const r = await fetch(`${upstream(request)}/echo`, { method: 'POST', body: 'payload', headers: { 'x-test': 'abc' } });
    const echo = await r.json();
    eq(echo.method, 'POST');
    eq(echo.body, 'payload');
    eq(echo.headers['x-test'], 'abc');
  },
  'a streamed request body arrives whole': async (request) => {
    const encoder = new TextEncoder();
    let i = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (i === 100) controller.close();
        else controller.enqueue(encoder.encode(`chunk${i++};`));
      },
    });
    const r = await fetch(`${upstream(request)}/echo`, { method: 'PUT', body, duplex: 'half' });
    const echo = await r.json();
    eq(echo.body.split(';').length, 101);
    ok(echo.body.startsWith('chunk0;chunk1;'), 'chunks in order');
  },
  'a large response streams through': async (request) => {
    const r = await fetch(`${upstream(request)}/bytes?size=3000000`);
    const reader = r.body.getReader();
    let total = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      chunks++;
    }
    eq(total, 3000000);
    ok(chunks > 1, `streamed in ${chunks} chunks`);
  },
  'redirects are followed and marked': async (request) => {
    const r = await fetch(`${upstream(request)}/redirect?to=/text%3Fvalue%3Dlanded`);
    eq(r.status, 200);
    eq(r.redirected, true);
    eq(await r.text(), 'landed');
    ok(r.url.endsWith('/text?value=landed'), r.url);
  },
  'redirect: manual returns the 3xx and redirect: error rejects': async (request) => {
    const manual = await fetch(`${upstream(request)}/redirect?to=/text`, { redirect: 'manual' });
    eq(manual.status, 302);
    eq(manual.headers.get('location'), '/text');
    await rejects(() => fetch(`${upstream(request)}/redirect?to=/text`, { redirect: 'error' }), TypeError);
  },
  'a 303 after POST turns into a GET': async (request) => {
    const r = await fetch(`${upstream(request)}/redirect?status=303&to=/echo`, { method: 'POST', body: 'x' });
    eq((await r.json()).method, 'GET');
  },
  'AbortController aborts a slow fetch': async (request) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejects(() => fetch(`${upstream(request)}/slow?ms=5000`, { signal: controller.signal }), DOMException);
    eq(error.name, 'AbortError');
  },
  'AbortSignal.timeout gives a TimeoutError': async (request) => {
    const error = await rejects(() => fetch(`${upstream(request)}/slow?ms=5000`, { signal: AbortSignal.timeout(50) }), DOMException);
    eq(error.name, 'TimeoutError');
  },
  'connection failures reject with a TypeError': async () => {
    await rejects(() => fetch('http://127.0.0.1:9/'), TypeError);
    await rejects(() => fetch('ftp://example.com/'), TypeError);
  },
  'concurrent fetches share the pool': async (request) => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${upstream(request)}/text?value=${i}`).then((r) => r.text())));
    eq(results.join(','), Array.from({ length: 20 }, (_, i) => i).join(','));
  },
  'a fetched body can be returned as is': async (request) => {
    const r = await fetch(`${upstream(request)}/text?value=relay`);
    const again = new Response(r.body, r);
    eq(await again.text(), 'relay');
  },
});

function throwsOnMutate(response) {
  try {
    response.headers.set('x', 'y');
  } catch (e) {
    if (e instanceof TypeError) return;
  }
  throw new Error('fetch response headers must be immutable');
}
