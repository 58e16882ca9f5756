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

/** Object.is equality, for tests where -0 and NaN matter. */
export function assertEquals(actual, expected, message = 'value') {
  if (!Object.is(actual, expected)) throw new Error(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Expects `fn` to throw an error that `check` accepts. */
export function assertThrows(fn, check, message) {
  try {
    fn();
  } catch (e) {
    if (!check(e)) throw new Error(`${message}: wrong error ${e && e.name}: ${e && e.message}`);
    return;
  }
  throw new Error(`${message}: did not throw`);
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function show(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** Cases registered one by one: `const { test, worker } = suite(); test('name', fn); export default worker;`. */
export function suite() {
  const cases = [];
  return { test: (name, fn) => cases.push([name, fn]), worker: run(cases) };
}

/** A fetch handler that runs every case with (request, env, ctx) and reports. Cases: an object or [name, fn] pairs. */
export function run(cases) {
  return {
    async fetch(request, env, ctx) {
      const passed = [];
      const failed = [];
      for (const [name, test] of Array.isArray(cases) ? cases : Object.entries(cases)) {
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
