// Headers, Request and Response as workerd exposes them.
import { eq, rejects, run, throws } from './harness.js';

const cases = {
  'Headers are case-insensitive and combine values': () => {
    const h = new Headers({ 'X-A': '1' });
    h.append('x-a', '2');
    eq(h.get('X-a'), '1, 2');
    eq([...h.keys()].join(), 'x-a');
  },
  'Headers keep Set-Cookie apart': () => {
    const h = new Headers([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]);
    eq(JSON.stringify(h.getSetCookie()), '["a=1","b=2"]');
    eq(JSON.stringify(h.getAll('set-cookie')), '["a=1","b=2"]');
    eq([...h].length, 2);
  },
  'Headers iterate sorted': () => {
    const h = new Headers({ b: '2', a: '1', C: '3' });
    eq([...h.keys()].join(), 'a,b,c');
  },
  'Headers reject bad names and values': () => {
    throws(() => new Headers({ 'bad name': 'x' }), TypeError);
    throws(() => new Headers({ a: 'x\ny' }), TypeError);
    eq(new Headers({ a: '  padded  ' }).get('a'), 'padded');
  },
  'Headers set replaces all and delete removes all': () => {
    const h = new Headers([['a', '1'], ['a', '2'], ['b', '3']]);
    h.set('a', '9');
    eq(h.get('a'), '9');
    h.delete('b');
    eq(h.has('b'), false);
  },
  'incoming request headers are immutable': (request) => {
    throws(() => request.headers.set('x', 'y'), TypeError);
    eq(typeof request.headers.get('host'), 'string');
  },
  'Request parses and normalises': () => {
    const r = new Request('https://EXAMPLE.com/a/../b?x=1', { method: 'post', body: 'hi' });
    eq(r.url, 'https://example.com/b?x=1');
    eq(r.method, 'POST');
    eq(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
    eq(r.redirect, 'follow');
  },
  'Request rejects a GET body and bad URLs': () => {
    throws(() => new Request('https://x/', { method: 'GET', body: 'no' }), TypeError);
    throws(() => new Request('not a url'), TypeError);
  },
  'Request body is read once; clone reads it twice': async () => {
    const r = new Request('https://x/', { method: 'PUT', body: 'payload' });
    const copy = r.clone();
    eq(await r.text(), 'payload');
    eq(r.bodyUsed, true);
    await rejects(() => r.text(), TypeError);
    eq(await copy.text(), 'payload');
  },
  'new Request(request) takes the body over': async () => {
    const a = new Request('https://x/', { method: 'POST', body: 'moved' });
    const b = new Request(a, { headers: { x: '1' } });
    eq(await b.text(), 'moved');
    eq(b.headers.get('x'), '1');
    eq(a.bodyUsed, true);
  },
  'Response defaults': async () => {
    const r = new Response('hello');
    eq(r.status, 200);
    eq(r.ok, true);
    eq(r.statusText, '');
    eq(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
    eq(await r.text(), 'hello');
  },
  'Response.json': async () => {
    const r = Response.json({ a: [1, 2] }, { status: 201, headers: { 'x-y': 'z' } });
    eq(r.status, 201);
    eq(r.headers.get('content-type'), 'application/json');
    eq(r.headers.get('x-y'), 'z');
    eq((await r.json()).a[1], 2);
  },
  'Response.redirect and Response.error': () => {
    const r = Response.redirect('https://example.com/next', 301);
    eq(r.status, 301);
    eq(r.headers.get('location'), 'https://example.com/next');
    throws(() => Response.redirect('https://example.com/', 200), RangeError);
    const e = Response.error();
    eq(e.type, 'error');
    eq(e.status, 0);
  },
  'Response rejects bad statuses and null-body statuses with a body': () => {
    throws(() => new Response('x', { status: 99 }), RangeError);
    throws(() => new Response('x', { status: 600 }), RangeError);
    throws(() => new Response('x', { status: 204 }), TypeError);
    eq(new Response(null, { status: 204 }).status, 204);
  },
  'bodies from buffers, params and streams': async () => {
    eq(await new Response(new Uint8Array([104, 105])).text(), 'hi');
    eq(await new Response(new Uint8Array([1, 2, 3]).buffer).arrayBuffer().then((b) => b.byteLength), 3);
    const params = new Response(new URLSearchParams({ a: '1 2' }));
    eq(params.headers.get('content-type'), 'application/x-www-form-urlencoded;charset=UTF-8');
    eq(await params.text(), 'a=1+2');
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('str')); c.enqueue(new TextEncoder().encode('eam')); c.close(); } });
    eq(await new Response(stream).text(), 'stream');
  },
  'Response.body is a ReadableStream of bytes': async () => {
    const reader = new Response('abc').body.getReader();
    const { value, done } = await reader.read();
    eq(done, false);
    eq(value instanceof Uint8Array, true);
    eq(value.length, 3);
    eq((await reader.read()).done, true);
  },
  'Response.clone tees a stream body': async () => {
    const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('tee')); c.close(); } });
    const a = new Response(stream);
    const b = a.clone();
    eq(await a.text(), 'tee');
    eq(await b.text(), 'tee');
  },
  'bytes() and json() errors': async () => {
    eq((await new Response('xy').bytes()).length, 2);
    await rejects(() => new Response('{bad').json(), SyntaxError);
  },
};

export default run(cases);
