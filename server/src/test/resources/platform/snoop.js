// A tenant looking for what is not its own: every env entry it has, globals that hint at the host or other tenants,
// and the binding names a platform commonly gives its dispatcher and outbound worker.
export default {
  async fetch(request, env) {
    const values = {};
    for (const [name, value] of Object.entries(env)) values[name] = typeof value === 'string' ? value : typeof value;
    const guesses = {};
    for (const name of ['DISPATCHER', 'dispatcher', 'OUTBOUND', 'outbound', 'LOOP', 'API_KEY_B', 'ENV', 'SECRETS']) {
      guesses[name] = typeof env[name];
    }
    const globals = Object.getOwnPropertyNames(globalThis)
      .filter((name) => /env|secret|tenant|dispatcher|namespace|corral|internal|binding|java|process/i.test(name));
    const reachable = {};
    for (const name of ['env', '__env', '__corralInternal', 'bindings', 'process']) reachable[name] = typeof globalThis[name];
    return Response.json({ env: values, guesses, globals, reachable });
  },
};
