// Behaviour tests for structuredClone. Each case throws on failure; the worker answers
// { passed: [names], failed: [{ name, error }] }.
import { assert, assertEquals, assertThrows, suite } from './harness.js';

const { test, worker } = suite();

function show(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

const isTypeError = (e) => e instanceof TypeError;
const isDataCloneError = (e) => e instanceof DOMException && e.name === 'DataCloneError' && e.code === 25;

// ---------------------------------------------------------------------------------------------------------------
// Values that clone

test('primitives clone to themselves', () => {
  for (const value of [undefined, null, true, false, 0, -0, NaN, Infinity, -Infinity, 1.5, 2 ** 53 + 2, '', 'text',
    '\ud800', '\u{1F600}', 0n, -(2n ** 100n)]) {
    assertEquals(structuredClone(value), value, show(value));
  }
});

test('primitive wrappers clone to new wrappers without extra properties', () => {
  const string = new String('ab');
  string.extra = 1;
  const copy = structuredClone(string);
  assert(copy instanceof String && copy !== string, 'String wrapper');
  assertEquals(copy.valueOf(), 'ab');
  assert(!('extra' in copy), 'extra property dropped');
  assertEquals(structuredClone(new Number(-0)).valueOf(), -0);
  assertEquals(structuredClone(new Boolean(false)).valueOf(), false);
  const big = structuredClone(Object(12n));
  assertEquals(typeof big, 'object');
  assertEquals(big.valueOf(), 12n);
});

test('Date and RegExp', () => {
  const date = new Date(1700000000123);
  const dateCopy = structuredClone(date);
  assert(dateCopy instanceof Date && dateCopy !== date, 'Date');
  assertEquals(dateCopy.getTime(), 1700000000123);
  assertEquals(structuredClone(new Date(NaN)).getTime(), NaN, 'invalid date');
  const regexp = /a+b/gimsuy;
  regexp.lastIndex = 3;
  const regexpCopy = structuredClone(regexp);
  assert(regexpCopy instanceof RegExp && regexpCopy !== regexp, 'RegExp');
  assertEquals(regexpCopy.source, 'a+b');
  assertEquals(regexpCopy.flags, 'gimsuy');
  assertEquals(regexpCopy.lastIndex, 0, 'lastIndex resets');
});

test('plain objects keep their own enumerable string keys in order', () => {
  const symbol = Symbol('s');
  const source = { b: 1, a: { nested: [1, 2] }, 2: 'two', 1: 'one', [symbol]: 'skipped' };
  Object.defineProperty(source, 'hidden', { value: 1, enumerable: false });
  Object.defineProperty(source, 'computed', { get: () => 'got', enumerable: true });
  const copy = structuredClone(source);
  assert(copy !== source && copy.a !== source.a && copy.a.nested !== source.a.nested, 'deep copy');
  assertEquals(Object.keys(copy).join(), '1,2,b,a,computed');
  assert(!(symbol in copy), 'symbol keys skipped');
  assert(!('hidden' in copy), 'non-enumerable skipped');
  const computed = Object.getOwnPropertyDescriptor(copy, 'computed');
  assert(computed.value === 'got' && computed.writable && computed.enumerable && computed.configurable, 'data property');
});

test('objects lose their prototype', () => {
  class Point {
    constructor() {
      this.x = 1;
    }
    get twice() {
      return 2;
    }
  }
  const copy = structuredClone(new Point());
  assertEquals(Object.getPrototypeOf(copy), Object.prototype);
  assertEquals(copy.x, 1);
  assert(!('twice' in copy), 'prototype accessor dropped');
  const bare = Object.create(null);
  bare.k = 'v';
  assertEquals(Object.getPrototypeOf(structuredClone(bare)), Object.prototype, 'null prototype');
});

test('an own __proto__ key stays an own property', () => {
  const source = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
  const copy = structuredClone(source);
  assertEquals(Object.getPrototypeOf(copy), Object.prototype);
  assert(Object.hasOwn(copy, '__proto__'), 'own __proto__');
  assertEquals(copy.__proto__.polluted, true);
  assertEquals({}.polluted, undefined);
});

test('arrays keep holes, length and extra properties', () => {
  const source = [1, , 3];
  source[9] = 'last';
  source.extra = 'x';
  const copy = structuredClone(source);
  assert(Array.isArray(copy), 'is an array');
  assertEquals(copy.length, 10);
  assert(!(1 in copy), 'hole kept');
  assertEquals(copy[9], 'last');
  assertEquals(copy.extra, 'x');
  assertEquals(Object.keys(copy).join(), '0,2,9,extra');
  const empty = new Array(5);
  assertEquals(structuredClone(empty).length, 5, 'sparse length');
});

test('Map and Set keep order, keys and nesting', () => {
  const key = { id: 1 };
  const map = new Map([[key, 'object key'], ['k', new Set([1, key])], [NaN, -0]]);
  const copy = structuredClone(map);
  assert(copy instanceof Map && copy !== map, 'Map');
  const keys = [...copy.keys()];
  assertEquals(keys.length, 3);
  assert(keys[0] !== key && keys[0].id === 1, 'object key cloned');
  assertEquals(keys[1], 'k');
  assertEquals(keys[2], NaN);
  const set = copy.get('k');
  assert(set instanceof Set, 'nested Set');
  assertEquals([...set][1], keys[0], 'shared object reused across Map and Set');
  assertEquals(copy.get(NaN), -0);
});

test('circular and shared references are preserved', () => {
  const shared = { s: true };
  const source = { a: shared, b: shared, list: [shared] };
  source.self = source;
  source.list.push(source.list);
  const copy = structuredClone(source);
  assertEquals(copy.self, copy, 'self reference');
  assertEquals(copy.a, copy.b, 'shared reference');
  assertEquals(copy.list[0], copy.a, 'shared across containers');
  assertEquals(copy.list[1], copy.list, 'array self reference');
  assert(copy.a !== shared, 'new object');
  const map = new Map();
  map.set(map, map);
  const mapCopy = structuredClone(map);
  assertEquals(mapCopy.get(mapCopy), mapCopy, 'map refers to itself');
});

test('ArrayBuffer copies its bytes and resizability', () => {
  const buffer = new Uint8Array([1, 2, 3]).buffer;
  const copy = structuredClone(buffer);
  assert(copy instanceof ArrayBuffer && copy !== buffer, 'ArrayBuffer');
  new Uint8Array(buffer)[0] = 9;
  assertEquals(new Uint8Array(copy)[0], 1, 'independent bytes');
  const resizable = new ArrayBuffer(4, { maxByteLength: 32 });
  const resizableCopy = structuredClone(resizable);
  assertEquals(resizableCopy.resizable, true);
  assertEquals(resizableCopy.maxByteLength, 32);
  assertEquals(resizableCopy.byteLength, 4);
});

test('every typed array kind and DataView', () => {
  const names = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  for (const name of names) {
    const Type = globalThis[name];
    if (typeof Type !== 'function') continue;
    const buffer = new ArrayBuffer(Type.BYTES_PER_ELEMENT * 6);
    const view = new Type(buffer, Type.BYTES_PER_ELEMENT, 3);
    view[0] = name.startsWith('Big') ? 7n : 7;
    const copy = structuredClone(view);
    assertEquals(Object.getPrototypeOf(copy), Type.prototype, name);
    assertEquals(copy.byteOffset, Type.BYTES_PER_ELEMENT, `${name} byteOffset`);
    assertEquals(copy.length, 3, `${name} length`);
    assertEquals(copy.buffer.byteLength, buffer.byteLength, `${name} whole buffer`);
    assertEquals(copy[0], view[0], `${name} element`);
  }
  const dataView = new DataView(new ArrayBuffer(8), 2, 4);
  dataView.setUint16(0, 0xbeef);
  const dataViewCopy = structuredClone(dataView);
  assert(dataViewCopy instanceof DataView, 'DataView');
  assertEquals(dataViewCopy.byteOffset, 2);
  assertEquals(dataViewCopy.byteLength, 4);
  assertEquals(dataViewCopy.getUint16(0), 0xbeef);
});

test('views on one buffer share the cloned buffer', () => {
  const buffer = new ArrayBuffer(8);
  const source = { a: new Uint8Array(buffer), b: new Uint32Array(buffer, 4, 1), buffer };
  const copy = structuredClone(source);
  assertEquals(copy.a.buffer, copy.b.buffer, 'views share');
  assertEquals(copy.a.buffer, copy.buffer, 'buffer shared');
  copy.b[0] = 0xffffffff;
  assertEquals(copy.a[7], 0xff, 'same memory');
  assertEquals(new Uint8Array(buffer)[7], 0, 'original untouched');
});

test('typed array subclasses clone as their base type', () => {
  class Bytes extends Uint8Array {}
  const copy = structuredClone(new Bytes([5, 6]));
  assertEquals(Object.getPrototypeOf(copy), Uint8Array.prototype);
  assertEquals(copy[1], 6);
});

test('errors keep their type, message, stack and cause', () => {
  for (const Type of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
    const error = new Type('message here');
    error.extra = 'dropped';
    const copy = structuredClone(error);
    assertEquals(Object.getPrototypeOf(copy), Type.prototype, Type.name);
    assertEquals(copy.message, 'message here', `${Type.name} message`);
    assertEquals(copy.extra, undefined, `${Type.name} extra property`);
    assertEquals(copy.stack, error.stack, `${Type.name} stack`);
  }
  const noMessage = structuredClone(new Error());
  assert(!Object.hasOwn(noMessage, 'message'), 'absent message stays absent');
  const renamed = new Error('x');
  renamed.name = 'TypeError';
  assertEquals(Object.getPrototypeOf(structuredClone(renamed)), TypeError.prototype, 'name picks the prototype');
  const custom = new TypeError('x');
  custom.name = 'CustomError';
  assertEquals(Object.getPrototypeOf(structuredClone(custom)), Error.prototype, 'unknown names become Error');
  const withCause = new Error('outer', { cause: { inner: [1] } });
  const causeCopy = structuredClone(withCause);
  assertEquals(causeCopy.cause.inner[0], 1);
  assert(causeCopy.cause !== withCause.cause, 'cause cloned');
  const loop = new Error('loop');
  loop.cause = loop;
  const loopCopy = structuredClone(loop);
  assertEquals(loopCopy.cause, loopCopy, 'cause cycle');
  const descriptor = Object.getOwnPropertyDescriptor(causeCopy, 'message');
  assert(!descriptor.enumerable && descriptor.writable && descriptor.configurable, 'message descriptor');
});

test('DOMException keeps its name and message', () => {
  const copy = structuredClone(new DOMException('gone', 'NotFoundError'));
  assert(copy instanceof DOMException, 'DOMException');
  assertEquals(copy.name, 'NotFoundError');
  assertEquals(copy.message, 'gone');
  assertEquals(copy.code, 8);
});

test('getters run once each, in key order, and may delete later keys', () => {
  const log = [];
  const source = {
    get a() {
      log.push('a');
      delete this.b;
      return 1;
    },
    b: 2,
    get c() {
      log.push('c');
      return 3;
    },
  };
  const copy = structuredClone(source);
  assertEquals(log.join(), 'a,c');
  assertEquals(Object.keys(copy).join(), 'a,c');
});

test('a getter that throws propagates its exception', () => {
  const boom = new Error('boom');
  try {
    structuredClone({ get x() {
      throw boom;
    } });
  } catch (e) {
    assertEquals(e, boom);
    return;
  }
  throw new Error('did not throw');
});

test('structuredClone can be called from inside a clone', () => {
  const copy = structuredClone({
    get inner() {
      return structuredClone({ deep: [1] });
    },
    after: 2,
  });
  assertEquals(copy.inner.deep[0], 1);
  assertEquals(copy.after, 2);
});

test('inherited setters never run on the clone', () => {
  let hits = 0;
  Object.defineProperty(Object.prototype, 'corralTrap', {
    set() {
      hits++;
    },
    configurable: true,
  });
  try {
    const copy = structuredClone({ corralTrap: 1 });
    assertEquals(hits, 0);
    assert(Object.hasOwn(copy, 'corralTrap'), 'own property');
  } finally {
    delete Object.prototype.corralTrap;
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Transfer

test('transferring an ArrayBuffer detaches it and moves its bytes', () => {
  const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
  const view = new Uint16Array(buffer, 2, 1);
  const copy = structuredClone({ buffer, view }, { transfer: [buffer] });
  assertEquals(buffer.byteLength, 0, 'original detached');
  assertEquals(buffer.detached, true);
  assertEquals(copy.buffer.byteLength, 4);
  assertEquals(copy.view.buffer, copy.buffer, 'view follows the buffer');
  assertEquals(new Uint8Array(copy.buffer)[3], 4);
  const resizable = new ArrayBuffer(2, { maxByteLength: 8 });
  assertEquals(structuredClone(resizable, { transfer: [resizable] }).maxByteLength, 8, 'resizable kept');
});

test('a transferred buffer missing from the value is still detached', () => {
  const buffer = new ArrayBuffer(4);
  assertEquals(structuredClone('x', { transfer: [buffer] }), 'x');
  assertEquals(buffer.detached, true);
});

test('a failed clone detaches nothing', () => {
  const buffer = new ArrayBuffer(4);
  assertThrows(() => structuredClone({ buffer, fn() {} }, { transfer: [buffer] }), isDataCloneError, 'function');
  assertEquals(buffer.detached, false);
  assertEquals(buffer.byteLength, 4);
});

test('invalid transfer lists', () => {
  const buffer = new ArrayBuffer(1);
  assertThrows(() => structuredClone(1, { transfer: [buffer, buffer] }), isDataCloneError, 'duplicate');
  assertThrows(() => structuredClone(1, { transfer: [{}] }), isDataCloneError, 'not transferable');
  assertThrows(() => structuredClone(1, { transfer: [1] }), isTypeError, 'not an object');
  assertThrows(() => structuredClone(1, { transfer: 1 }), isTypeError, 'not iterable');
  assertThrows(() => structuredClone(1, 1), isTypeError, 'options not an object');
  const detached = new ArrayBuffer(1);
  detached.transfer();
  assertThrows(() => structuredClone(detached, { transfer: [detached] }), isDataCloneError, 'already detached');
  assertEquals(buffer.detached, false, 'untouched by the failures');
  assertEquals(structuredClone(2, { transfer: new Set() }), 2, 'any iterable');
});

// ---------------------------------------------------------------------------------------------------------------
// Values that do not clone

test('uncloneable values throw DataCloneError', () => {
  const values = {
    'function': () => 1,
    'symbol': Symbol('s'),
    'Symbol wrapper': Object(Symbol('s')),
    'WeakMap': new WeakMap(),
    'WeakSet': new WeakSet(),
    'WeakRef': new WeakRef({}),
    'Promise': Promise.resolve(),
    'generator': (function* () {})(),
    'array iterator': [].values(),
    'Map iterator': new Map().entries(),
    'nested function': { deep: [{ f() {} }] },
    'function in a Map': new Map([[1, () => 2]]),
    'detached buffer': (() => {
      const b = new ArrayBuffer(1);
      b.transfer();
      return b;
    })(),
  };
  for (const [name, value] of Object.entries(values)) assertThrows(() => structuredClone(value), isDataCloneError, name);
});

test('SharedArrayBuffer does not clone without cross-origin isolation', () => {
  if (typeof SharedArrayBuffer !== 'function') return;
  assertThrows(() => structuredClone(new SharedArrayBuffer(4)), isDataCloneError, 'SharedArrayBuffer');
  assertThrows(() => structuredClone(new Uint8Array(new SharedArrayBuffer(4))), isDataCloneError, 'view on one');
});

test('out-of-bounds views do not clone', () => {
  const buffer = new ArrayBuffer(16, { maxByteLength: 32 });
  const typed = new Uint8Array(buffer, 8);
  const data = new DataView(buffer, 8);
  buffer.resize(4);
  assertThrows(() => structuredClone(typed), isDataCloneError, 'typed array');
  assertThrows(() => structuredClone(data), isDataCloneError, 'DataView');
});

test('platform objects without a serialization do not clone', () => {
  for (const value of [new EventTarget(), new Event('x'), new AbortController(), AbortSignal.abort(),
    new TextEncoder(), new TextDecoder()]) {
    assertThrows(() => structuredClone(value), isDataCloneError, Object.prototype.toString.call(value));
  }
});

test('Blob and File clone when the runtime has them', async () => {
  if (typeof Blob !== 'function') return;
  const blob = new Blob(['h\u00e9llo'], { type: 'text/plain' });
  const copy = structuredClone(blob);
  assert(copy instanceof Blob && copy !== blob, 'Blob');
  assertEquals(copy.size, blob.size);
  assertEquals(copy.type, 'text/plain');
  assertEquals(await copy.text(), 'h\u00e9llo');
  if (typeof File !== 'function') return;
  const file = new File(['x'], 'name.txt', { type: 'text/x', lastModified: 42 });
  const fileCopy = structuredClone({ file }).file;
  assert(fileCopy instanceof File, 'File');
  assertEquals(fileCopy.name, 'name.txt');
  assertEquals(fileCopy.lastModified, 42);
  assertEquals(await fileCopy.text(), 'x');
});

test('structuredClone needs a value and has Web IDL shape', () => {
  assertThrows(() => structuredClone(), isTypeError, 'no argument');
  assertEquals(structuredClone.length, 1);
  assertEquals(structuredClone.name, 'structuredClone');
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'structuredClone');
  assert(desc.writable && desc.configurable && !desc.enumerable, 'global descriptor');
});

export default worker;
