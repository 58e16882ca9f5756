// Timers, microtasks, waitUntil and the small globals.
import { eq, ok, run, throws } from './harness.js';

let waitUntilRan = 0;

export default run({
  'setTimeout fires in delay order': async () => {
    const order = [];
    await new Promise((resolve) => {
      setTimeout(() => order.push('b'), 20);
      setTimeout(() => order.push('a'), 5);
      setTimeout(resolve, 40);
    });
    eq(order.join(''), 'ab');
  },
  'setTimeout passes extra arguments': async () => {
    eq(await new Promise((resolve) => setTimeout((a, b) => resolve(a + b), 1, 2, 3)), 5);
  },
  'clearTimeout cancels': async () => {
    let fired = false;
    const id = setTimeout(() => { fired = true; }, 5);
    clearTimeout(id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    eq(fired, false);
  },
  'setInterval repeats until cleared': async () => {
    let count = 0;
    await new Promise((resolve) => {
      const id = setInterval(() => {
        if (++count === 3) {
          clearInterval(id);
          resolve();
        }
      }, 2);
    });
    eq(count, 3);
  },
  'queueMicrotask runs before timers': async () => {
    const order = [];
    await new Promise((resolve) => {
      setTimeout(() => { order.push('timer'); resolve(); }, 0);
      queueMicrotask(() => order.push('micro'));
    });
    eq(order.join(','), 'micro,timer');
  },
  'waitUntil work runs after the response': (request, env, ctx) => {
    ctx.waitUntil(new Promise((resolve) => setTimeout(() => { waitUntilRan++; resolve(); }, 10)));
    eq(typeof ctx.passThroughOnException, 'function');
  },
  'waitUntil work from the previous request finished': async (request) => {
    if (new URL(request.url).searchParams.get('round') === '2') eq(waitUntilRan >= 1, true, 'waitUntil ran');
  },
  'crypto.getRandomValues and randomUUID': () => {
    const a = crypto.getRandomValues(new Uint8Array(32));
    ok(a.some((x) => x !== 0), 'random bytes');
    throws(() => crypto.getRandomValues(new Float32Array(4)), DOMException);
    throws(() => crypto.getRandomValues(new Uint8Array(65537)), DOMException);
    ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(crypto.randomUUID()), 'UUID v4');
  },
  'performance.now advances': async () => {
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 15));
    ok(performance.now() - t0 >= 10, 'time advanced');
  },
  'atob and btoa': () => {
    eq(btoa('hello'), 'aGVsbG8=');
    eq(atob('aGVsbG8='), 'hello');
    throws(() => btoa('\u0100'), DOMException);
  },
  'console methods exist and do not throw': () => {
    console.log('log', { a: 1 }, [1, 2], new Error('shown'));
    console.info('info');
    console.warn('warn');
    console.error('error');
    console.debug('debug');
  },
  'navigator.userAgent': () => eq(navigator.userAgent, 'Cloudflare-Workers'),
  'structuredClone keeps structure': () => {
    const source = { date: new Date(0), map: new Map([[1, 'a']]), bytes: new Uint8Array([1, 2]) };
    source.self = source;
    const copy = structuredClone(source);
    eq(copy.self, copy);
    eq(copy.map.get(1), 'a');
    eq(copy.bytes[1], 2);
    eq(copy.date.getTime(), 0);
  },
  'no code generation from strings': () => {
    throws(() => eval('1'), EvalError);
    throws(() => new Function('return 1'), EvalError);
  },
});
