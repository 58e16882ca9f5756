// The tiny assertion harness that JS behaviour tests import. A test worker exports `run(cases)` as its fetch
// handler; it answers {passed: [names], failed: [{name, error}]}, which the JUnit factory asserts on.
export function eq(actual, expected, what = '') {
  if (actual !== expected) throw new Error(`${what ? what + ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function ok(condition, what) {
  if (!condition) throw new Error(`not true: ${what}`);
}

export function throws(fn, type) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`expected ${type.name}, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
  throw new Error(`expected ${type.name}, nothing thrown`);
}

export async function rejects(fn, type) {
  try {
    await fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`expected ${type.name}, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
  throw new Error(`expected ${type.name}, nothing thrown`);
}

/** A fetch handler that runs every case with (request, env, ctx) and reports. */
export function run(cases) {
  return {
    async fetch(request, env, ctx) {
      const passed = [];
      const failed = [];
      for (const [name, test] of Object.entries(cases)) {
        try {
          await test(request, env, ctx);
          passed.push(name);
        } catch (e) {
          failed.push({ name, error: String((e && e.stack) || e) });
        }
      }
      return Response.json({ passed, failed });
    },
  };
}
