// Self-checking cases for the Streams API as a worker sees it. Any request runs them all; the answer is
// { passed: [names], failed: [{ name, error }] }.
import { assert, suite } from './harness.js';

const { test, worker } = suite();

function assertEquals(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function assertRejects(promise, type, what) {
  try {
    await promise;
  } catch (e) {
    if (type !== undefined && !(e instanceof type)) throw new Error(`${what}: rejected with ${e && e.name}, expected ${type.name}`);
    return e;
  }
  throw new Error(`${what}: did not reject`);
}

function assertThrows(fn, type, what) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof type)) throw new Error(`${what}: threw ${e && e.name}, expected ${type.name}`);
    return;
  }
  throw new Error(`${what}: did not throw`);
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = (...values) => new Uint8Array(values);

async function collect(stream) {
  const out = [];
  for await (const chunk of stream) out.push(chunk);
  return out;
}

async function collectBytes(stream) {
  const parts = await collect(stream);
  return parts.flatMap((part) => Array.from(new Uint8Array(part.buffer, part.byteOffset, part.byteLength)));
}

// --- ReadableStream -------------------------------------------------------------------------------------

test('globals exist', () => {
  for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest',
    'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream',
    'TransformStreamDefaultController', 'IdentityTransformStream', 'FixedLengthStream', 'CountQueuingStrategy',
    'ByteLengthQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream']) {
    assert(typeof globalThis[name] === 'function', `${name} is missing`);
  }
  assertEquals(Object.prototype.toString.call(new ReadableStream()), '[object ReadableStream]', 'class string');
});

test('read queued chunks then done', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const reader = rs.getReader();
  assertEquals(await reader.read(), { value: 'a', done: false }, 'first');
  assertEquals(await reader.read(), { value: 'b', done: false }, 'second');
  assertEquals(await reader.read(), { done: true }, 'end');
  await reader.closed;
});

test('pull is called on demand only', async () => {
  let pulls = 0;
  const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); } }, { highWaterMark: 0 });
  await delay(0);
  assertEquals(pulls, 0, 'pulls before read');
  const reader = rs.getReader();
  assertEquals((await reader.read()).value, 1, 'first value');
  await delay(0);
  assertEquals(pulls, 1, 'pulls after one read');
});

test('desiredSize follows highWaterMark and size', () => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } }, { highWaterMark: 10, size: (chunk) => chunk.length });
  assertEquals(controller.desiredSize, 10, 'initial');
  controller.enqueue('abcd');
  assertEquals(controller.desiredSize, 6, 'after enqueue');
});

test('CountQueuingStrategy and ByteLengthQueuingStrategy', () => {
  const count = new CountQueuingStrategy({ highWaterMark: 3 });
  assertEquals(count.highWaterMark, 3, 'count hwm');
  assertEquals(count.size('anything'), 1, 'count size');
  const bl = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  assertEquals(bl.size(new Uint8Array(5)), 5, 'byte length size');
  assertThrows(() => new CountQueuingStrategy(), TypeError, 'missing init');
});

test('error propagates to reads and closed', async () => {
  const boom = new Error('boom');
  const rs = new ReadableStream({ start(c) { c.error(boom); } });
  const reader = rs.getReader();
  assert((await assertRejects(reader.read(), Error, 'read')) === boom, 'read rejects with the error');
  assert((await assertRejects(reader.closed, Error, 'closed')) === boom, 'closed rejects with the error');
});

test('pull rejection errors the stream', async () => {
  const rs = new ReadableStream({ pull() { throw new RangeError('pull failed'); } });
  await assertRejects(rs.getReader().read(), RangeError, 'read');
});

test('cancel calls the source and resolves reads as done', async () => {
  let reason;
  const rs = new ReadableStream({ pull() { return new Promise(() => {}); }, cancel(r) { reason = r; } });
  const reader = rs.getReader();
  const pending = reader.read();
  await reader.cancel('stop');
  assertEquals(reason, 'stop', 'cancel reason');
  assertEquals(await pending, { done: true }, 'pending read');
});

test('locking and releaseLock', async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  assert(rs.locked, 'locked');
  assertThrows(() => rs.getReader(), TypeError, 'second reader');
  await assertRejects(rs.cancel(), TypeError, 'cancel while locked');
  const pending = reader.read();
  reader.releaseLock();
  await assertRejects(pending, TypeError, 'pending read after release');
  assert(!rs.locked, 'unlocked');
});

test('brand checks', async () => {
  const getLocked = Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get;
  assertThrows(() => getLocked.call({}), TypeError, 'locked getter');
  await assertRejects(ReadableStream.prototype.cancel.call({}), TypeError, 'cancel');
  assertThrows(() => new ReadableStreamDefaultController(), TypeError, 'controller constructor');
  assertThrows(() => WritableStream.prototype.getWriter.call(new ReadableStream()), TypeError, 'getWriter');
});

test('async iteration and values({ preventCancel })', async () => {
  const rs = new ReadableStream({ start(c) { for (const x of [1, 2, 3]) c.enqueue(x); c.close(); } });
  assertEquals(await collect(rs), [1, 2, 3], 'values');
  let cancelled = false;
  const endless = new ReadableStream({ pull(c) { c.enqueue(0); }, cancel() { cancelled = true; } });
  for await (const x of endless.values({ preventCancel: true })) { assertEquals(x, 0, 'chunk'); break; }
  assert(!cancelled && !endless.locked, 'preventCancel keeps the stream');
  for await (const x of endless) { assertEquals(x, 0, 'chunk'); break; }
  assert(cancelled, 'break cancels');
});

test('ReadableStream.from', async () => {
  assertEquals(await collect(ReadableStream.from([1, Promise.resolve(2)])), [1, 2], 'array');
  async function* gen() { yield 'x'; yield 'y'; }
  assertEquals(await collect(ReadableStream.from(gen())), ['x', 'y'], 'async generator');
  assertThrows(() => ReadableStream.from(42), TypeError, 'not iterable');
});

test('tee gives both branches every chunk', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const [b1, b2] = rs.tee();
  const [r1, r2] = await Promise.all([collect(b1), collect(b2)]);
  assertEquals(r1, ['a', 'b'], 'branch 1');
  assertEquals(r2, ['a', 'b'], 'branch 2');
});

test('tee cancels the source only when both branches cancel', async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; } });
  const [b1, b2] = rs.tee();
  b1.cancel('one');
  await delay(0);
  assertEquals(reason, undefined, 'after one cancel');
  await b2.cancel('two');
  assertEquals(reason, ['one', 'two'], 'composite reason');
});

// --- Byte streams ---------------------------------------------------------------------------------------

test('BYOB reader fills the given buffer', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const view = c.byobRequest.view;
      view[0] = 1;
      view[1] = 2;
      c.byobRequest.respond(2);
      c.close();
      c.byobRequest?.respond(0);
    },
  });
  const reader = rs.getReader({ mode: 'byob' });
  const buffer = new ArrayBuffer(8);
  const { value, done } = await reader.read(new Uint8Array(buffer));
  assert(!done, 'not done');
  assertEquals(Array.from(value), [1, 2], 'filled bytes');
  assertEquals(buffer.byteLength, 0, 'the given buffer is detached');
  const end = await reader.read(new Uint8Array(4));
  assert(end.done && end.value.byteLength === 0, 'done with an empty view');
});

test('BYOB read from enqueued chunks with min', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1, 2)); c.enqueue(bytes(3, 4, 5)); c.close(); } });
  const reader = rs.getReader({ mode: 'byob' });
  const first = await reader.read(new Uint8Array(4), { min: 4 });
  assertEquals(Array.from(first.value), [1, 2, 3, 4], 'min 4');
  await assertRejects(reader.read(new Uint16Array(2)), TypeError, 'one byte left cannot fill a Uint16 before close');
});

test('byte stream with default reader and autoAllocateChunkSize', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 4,
    pull(c) {
      c.byobRequest.view.set([9, 8, 7]);
      c.byobRequest.respond(3);
      c.close();
    },
  });
  const { value } = await rs.getReader().read();
  assertEquals(Array.from(value), [9, 8, 7], 'auto-allocated chunk');
});

test('byte stream tee copies chunks', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1, 2, 3)); c.close(); } });
  const [b1, b2] = rs.tee();
  const reader = b2.getReader({ mode: 'byob' });
  assertEquals(await collectBytes(b1), [1, 2, 3], 'branch 1');
  const { value } = await reader.read(new Uint8Array(8));
  assertEquals(Array.from(value), [1, 2, 3], 'branch 2 via BYOB');
});

test('enqueue refuses empty and non-view chunks', () => {
  new ReadableStream({
    type: 'bytes',
    start(c) {
      assertThrows(() => c.enqueue(new Uint8Array(0)), TypeError, 'empty');
      assertThrows(() => c.enqueue('text'), TypeError, 'string');
    },
  });
});

// --- WritableStream -------------------------------------------------------------------------------------

test('writes reach the sink in order, then close', async () => {
  const log = [];
  const ws = new WritableStream({ write(chunk) { log.push(chunk); }, close() { log.push('close'); } });
  const writer = ws.getWriter();
  writer.write('a');
  writer.write('b');
  await writer.close();
  assertEquals(log, ['a', 'b', 'close'], 'sink calls');
  await writer.closed;
});

test('writer desiredSize and ready follow backpressure', async () => {
  let release;
  const ws = new WritableStream({ write() { return new Promise((r) => { release = r; }); } }, { highWaterMark: 2 });
  const writer = ws.getWriter();
  assertEquals(writer.desiredSize, 2, 'initial');
  writer.write(1);
  writer.write(2);
  assertEquals(writer.desiredSize, 0, 'full');
  let ready = false;
  writer.ready.then(() => { ready = true; });
  await delay(0);
  assert(!ready, 'ready waits while full');
  release();
  await delay(0);
  assert(ready, 'ready after a write completes');
});

test('sink write error errors the stream', async () => {
  const ws = new WritableStream({ write() { throw new TypeError('bad chunk'); } });
  const writer = ws.getWriter();
  await assertRejects(writer.write('x'), TypeError, 'write');
  await assertRejects(writer.closed, TypeError, 'closed');
  await assertRejects(writer.write('y'), TypeError, 'later write');
});

test('abort signals the controller, waits for the in-flight write, then rejects queued writes', async () => {
  let signal;
  let release;
  let abortReason;
  const ws = new WritableStream({
    start(c) { signal = c.signal; },
    write() { return new Promise((resolve) => { release = resolve; }); },
    abort(r) { abortReason = r; },
  });
  const writer = ws.getWriter();
  const inFlight = writer.write('in flight');
  await delay(0);
  const queued = writer.write('queued');
  const aborted = writer.abort('why');
  assert(signal.aborted && signal.reason === 'why', 'signal aborted');
  assertEquals(writer.desiredSize, null, 'desiredSize while erroring');
  await delay(0);
  assertEquals(abortReason, undefined, 'sink abort waits for the in-flight write');
  release();
  await inFlight;
  assertEquals(await assertRejects(queued, undefined, 'queued write'), 'why', 'queued write rejection');
  await aborted;
  assertEquals(abortReason, 'why', 'sink abort reason');
  assertEquals(await assertRejects(writer.closed, undefined, 'closed'), 'why', 'closed rejection');
});

// --- TransformStream ------------------------------------------------------------------------------------

test('TransformStream transforms and flushes', async () => {
  const ts = new TransformStream({
    transform(chunk, c) { c.enqueue(chunk.toUpperCase()); },
    flush(c) { c.enqueue('!'); },
  });
  const out = ReadableStream.from(['a', 'b']).pipeThrough(ts);
  assertEquals(await collect(out), ['A', 'B', '!'], 'output');
});

test('identity TransformStream passes chunks through', async () => {
  const { readable, writable } = new TransformStream();
  const writer = writable.getWriter();
  writer.write(1);
  writer.close();
  assertEquals(await collect(readable), [1], 'output');
});

test('transform error errors both sides', async () => {
  const ts = new TransformStream({ transform() { throw new RangeError('nope'); } });
  const writer = ts.writable.getWriter();
  // The write waits for the readable side to want a chunk, so the read goes first.
  const read = ts.readable.getReader().read();
  await assertRejects(writer.write('x'), RangeError, 'write');
  await assertRejects(read, RangeError, 'read');
});

test('terminate closes the readable side', async () => {
  const ts = new TransformStream({ transform(chunk, c) { c.enqueue(chunk); c.terminate(); } });
  const writer = ts.writable.getWriter();
  writer.write('last').catch(() => {});
  assertEquals(await collect(ts.readable), ['last'], 'output');
  await assertRejects(writer.closed, TypeError, 'writable errored');
});

test('IdentityTransformStream is a byte stream', async () => {
  const { readable, writable } = new IdentityTransformStream();
  const writer = writable.getWriter();
  writer.write(bytes(1, 2, 3));
  writer.close();
  const reader = readable.getReader({ mode: 'byob' });
  const { value } = await reader.read(new Uint8Array(2));
  assertEquals(Array.from(value), [1, 2], 'first BYOB read');
  const rest = await reader.read(new Uint8Array(8));
  assertEquals(Array.from(rest.value), [3], 'rest');
  await assertRejects(new IdentityTransformStream().writable.getWriter().write('text'), TypeError, 'non-bytes chunk');
});

test('FixedLengthStream checks the byte count', async () => {
  const ok = new FixedLengthStream(3);
  const okWriter = ok.writable.getWriter();
  okWriter.write(bytes(1, 2));
  okWriter.write(bytes(3));
  okWriter.close();
  assertEquals(await collectBytes(ok.readable), [1, 2, 3], 'exact length');

  const short = new FixedLengthStream(4);
  const shortWriter = short.writable.getWriter();
  const shortRead = collectBytes(short.readable);
  shortWriter.write(bytes(1));
  await assertRejects(shortWriter.close(), TypeError, 'close before all bytes');
  await assertRejects(shortRead, TypeError, 'reader sees the error');

  const long = new FixedLengthStream(1);
  const longRead = collectBytes(long.readable);
  await assertRejects(long.writable.getWriter().write(bytes(1, 2)), TypeError, 'too many bytes');
  await assertRejects(longRead, TypeError, 'reader sees the overflow');
});

test('TextEncoderStream and TextDecoderStream round trip', async () => {
  const text = ReadableStream.from(['h\uD83D', '\uDE00 ', 'é'])
    .pipeThrough(new TextEncoderStream())
    .pipeThrough(new TextDecoderStream());
  assertEquals((await collect(text)).join(''), 'h\u{1F600} é', 'round trip');
  const split = ReadableStream.from([bytes(0xe2, 0x82), bytes(0xac)]).pipeThrough(new TextDecoderStream());
  assertEquals((await collect(split)).join(''), '€', 'split multi-byte character');
  assertEquals(new TextDecoderStream('utf-16le').encoding, 'utf-16le', 'encoding');
});

// --- Piping ---------------------------------------------------------------------------------------------

test('pipeTo copies everything and closes', async () => {
  const log = [];
  const ws = new WritableStream({ write(c) { log.push(c); }, close() { log.push('close'); } });
  await ReadableStream.from([1, 2, 3]).pipeTo(ws);
  assertEquals(log, [1, 2, 3, 'close'], 'sink calls');
});

test('pipeTo respects backpressure: a fast source never runs ahead of highWaterMark', async () => {
  let produced = 0;
  let consumed = 0;
  let maxAhead = 0;
  const source = new ReadableStream({
    pull(c) {
      if (produced === 40) c.close();
      else c.enqueue(produced++);
    },
  }, { highWaterMark: 2 });
  const sink = new WritableStream({
    async write() {
      maxAhead = Math.max(maxAhead, produced - consumed);
      await delay(1);
      consumed++;
    },
  }, { highWaterMark: 2 });
  await source.pipeTo(sink);
  assertEquals(consumed, 40, 'all written');
  assert(maxAhead <= 5, `producer ran ${maxAhead} chunks ahead`);
});

test('pipeTo propagates a source error as abort', async () => {
  let abortReason;
  const boom = new Error('source failed');
  const rs = new ReadableStream({ pull() { throw boom; } });
  const ws = new WritableStream({ abort(r) { abortReason = r; } });
  assert((await assertRejects(rs.pipeTo(ws), Error, 'pipeTo')) === boom, 'rejects with the source error');
  assert(abortReason === boom, 'destination aborted');
});

test('pipeTo propagates a destination error as cancel', async () => {
  let cancelReason;
  const rs = new ReadableStream({ pull(c) { c.enqueue(1); }, cancel(r) { cancelReason = r; } });
  const ws = new WritableStream({ write() { throw new RangeError('sink failed'); } });
  await assertRejects(rs.pipeTo(ws), RangeError, 'pipeTo');
  assert(cancelReason instanceof RangeError, 'source cancelled');
});

test('pipeTo preventClose keeps the destination open', async () => {
  const ws = new WritableStream();
  await ReadableStream.from(['x']).pipeTo(ws, { preventClose: true });
  const writer = ws.getWriter();
  await writer.write('more');
  await writer.close();
});

test('pipeTo with preventAbort and preventCancel', async () => {
  let aborted = false;
  const failing = new ReadableStream({ start(c) { c.error(new Error('x')); } });
  const ws = new WritableStream({ abort() { aborted = true; } });
  await assertRejects(failing.pipeTo(ws, { preventAbort: true }), Error, 'pipeTo');
  assert(!aborted && !ws.locked, 'destination untouched');

  let cancelled = false;
  const rs = new ReadableStream({ cancel() { cancelled = true; } });
  const broken = new WritableStream({ start(c) { c.error(new Error('y')); } });
  await assertRejects(rs.pipeTo(broken, { preventCancel: true }), Error, 'pipeTo');
  assert(!cancelled && !rs.locked, 'source untouched');
});

test('pipeTo stops on an abort signal', async () => {
  const controller = new AbortController();
  let cancelReason;
  const rs = new ReadableStream({ pull(c) { return delay(1).then(() => c.enqueue('tick')); }, cancel(r) { cancelReason = r; } });
  const piping = rs.pipeTo(new WritableStream(), { signal: controller.signal });
  await delay(5);
  controller.abort();
  const error = await assertRejects(piping, undefined, 'pipeTo');
  assertEquals(error.name, 'AbortError', 'error name');
  assertEquals(cancelReason && cancelReason.name, 'AbortError', 'source cancelled with the reason');
});

// --- Bodies -----------------------------------------------------------------------------------------------

test('Response body from a ReadableStream', async () => {
  const rs = ReadableStream.from([new TextEncoder().encode('hello '), new TextEncoder().encode('world')]);
  assertEquals(await new Response(rs).text(), 'hello world', 'text');
});

test('Response body is a byte stream with BYOB', async () => {
  const body = new Response('abc').body;
  const reader = body.getReader({ mode: 'byob' });
  const { value } = await reader.read(new Uint8Array(2));
  assertEquals(Array.from(value), [97, 98], 'first bytes');
});

test('Response body rejects non-byte chunks', async () => {
  const rs = ReadableStream.from(['not bytes']);
  await assertRejects(new Response(rs).arrayBuffer(), TypeError, 'arrayBuffer');
});

test('bodyUsed after reading the stream', async () => {
  const response = new Response('xyz');
  const reader = response.body.getReader();
  await reader.read();
  assert(response.bodyUsed, 'bodyUsed');
});

export default worker;
