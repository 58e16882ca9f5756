// A tenant that attacks the node. Each path is one attack; limits and sandboxing must stop every one of them
// without harming the node or any other tenant.
const attacks = {
  // CPU
  '/loop': () => { for (;;) {} },
  '/loop-after-await': async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    for (;;) {}
  },
  '/loop-in-microtasks': () => new Promise(() => {
    const spin = () => Promise.resolve().then(spin);
    spin();
  }),
  // Memory
  '/array-growth': () => {
    const hoard = [];
    for (;;) hoard.push({ index: hoard.length, padding: 'x'.repeat(64) + hoard.length });
  },
  '/string-doubling': () => {
    const kept = [];
    let s = 'abcdefgh';
    for (;;) {
      s = s + s;
      kept.push(s.slice(1)); // force flattening, so the memory is really used
    }
  },
  '/arraybuffers': () => {
    const kept = [];
    for (;;) kept.push(new Uint8Array(16 << 20).fill(1));
  },
  '/huge-arraybuffer': () => new Response(String(new Uint8Array(new ArrayBuffer(4 * 1024 * 1024 * 1024)).fill(7).length)),
  '/retained-across-requests': () => {
    globalThis.__hoard = globalThis.__hoard || [];
    globalThis.__hoard.push(new Uint8Array(8 << 20).fill(2));
    return new Response(`hoarding ${globalThis.__hoard.length * 8} MB`);
  },
  // Stack
  '/recursion': () => {
    const deeper = (n) => deeper(n + 1) + 1;
    return new Response(String(deeper(0)));
  },
  // Code generation
  '/eval': () => new Response(String(eval('1 + 1'))),
  '/new-function': () => new Response(String(new Function('return 2')())),
  '/string-timer': () => new Response(String(setTimeout('globalThis.pwned = true', 1))),
  // Escapes
  '/escape': async (request) => {
    const findings = {};
    for (const name of ['java', 'Packages', 'javax', 'process', 'require', 'module', 'Deno', 'Bun', 'javet', '__corralInternal', 'internal', 'ops', 'global']) {
      findings[`global:${name}`] = typeof globalThis[name] !== 'undefined';
    }
    findings['globals'] = Object.getOwnPropertyNames(globalThis).filter((name) => /java|javet|corral|internal|ops|process|require/i.test(name));
    const tries = {
      'import:node:fs': () => import('node:fs'),
      'import:fs': () => import('fs'),
      'import:data-url': () => import('data:text/javascript,export default 1'),
      'import:absolute-path': () => import('/etc/passwd'),
      'fetch:file': () => fetch('file:///etc/passwd').then((r) => r.text()),
      'fetch:admin': () => fetch(new URL(request.url).searchParams.get('admin') + '/healthz').then((r) => r.text()),
      'fetch:loopback': () => fetch('http://127.0.0.1:1/').then((r) => r.text()),
      'fetch:metadata': () => fetch('http://169.254.169.254/latest/meta-data/').then((r) => r.text()),
    };
    for (const [name, attempt] of Object.entries(tries)) {
      try {
        const value = await attempt();
        findings[name] = `reached: ${String(value).slice(0, 80)}`;
      } catch (e) {
        findings[name] = false;
      }
    }
    return Response.json(findings);
  },
};

export default {
  async fetch(request) {
    const attack = attacks[new URL(request.url).pathname];
    if (attack === undefined) return new Response('no such attack', { status: 404 });
    const result = await attack(request);
    return result instanceof Response ? result : new Response('survived?!');
  },
};
