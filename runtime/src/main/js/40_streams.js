// Streams Standard (https://streams.spec.whatwg.org/): readable, writable and transform streams, with workerd's
// IdentityTransformStream and FixedLengthStream, and the encoding streams.
//
// Each public object holds its state record in a private field, so user code cannot reach or forge the slots; the
// abstract operations work on the records. Promises are built and chained through the intrinsics captured here,
// because the order in which reactions run is observable and user code may patch Promise.prototype.then.
'use strict';
(function (internal) {
  const { defineInterface, requireArgs, dictionary } = internal;
  const NativePromise = Promise;
  const promiseThen = Promise.prototype.then;
  const promiseResolve = Promise.resolve;
  const { apply } = Reflect;
  const noop = () => {};

  const isObject = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';
  const newPromise = () => {
    const d = {};
    d.promise = new NativePromise((resolve, reject) => {
      d.resolve = resolve;
      d.reject = reject;
    });
    return d;
  };
  // Web IDL's "a promise resolved with" is always a new promise, even for a promise: adopting one takes two
  // microtasks, and the standard's ordering (and the web-platform-tests) count on them.
  const resolvedWith = (v) => new NativePromise((resolve) => resolve(v));
  const rejectedWith = (e) => new NativePromise((resolve, reject) => reject(e));
  const transform = (p, onFulfilled, onRejected) => apply(promiseThen, p, [onFulfilled, onRejected]);
  // "Upon fulfillment/rejection" reacts without deriving a promise that could go unhandled.
  const upon = (p, onFulfilled, onRejected = noop) => {
    apply(promiseThen, p, [onFulfilled, onRejected]);
  };
  const markHandled = (p) => {
    apply(promiseThen, p, [undefined, noop]);
  };
  const resolvedUndefined = () => resolvedWith(undefined);
  const microtask = (fn) => upon(resolvedWith(undefined), fn);

  const illegal = () => new TypeError('Illegal invocation');
  const illegalConstructor = () => new TypeError('Illegal constructor');
  const fail = (interfaceName, member, message) => `Failed to execute '${member}' on '${interfaceName}': ${message}`;
  const typeError = (interfaceName, member, message) => new TypeError(fail(interfaceName, member, message));
  const RELEASED_READER = 'This reader has been released.';
  const RELEASED_WRITER = 'This writer has been released.';
  const READABLE_LOCKED = 'This ReadableStream is currently locked to a reader.';
  const WRITABLE_LOCKED = 'This WritableStream is currently locked to a writer.';

  // Calls a member of a user dictionary with `this` bound to the dictionary, as Web IDL callback functions are.
  function callbackMember(dict, name, what) {
    const fn = dict[name];
    if (fn === undefined) return undefined;
    if (typeof fn !== 'function') throw new TypeError(`${what}: '${name}' is not a function.`);
    return fn;
  }

  // Invokes a promise-returning callback: a throw becomes a rejection.
  function promiseCall(fn, thisArg, args) {
    try {
      return resolvedWith(apply(fn, thisArg, args));
    } catch (e) {
      return rejectedWith(e);
    }
  }

  // A Web IDL [EnforceRange] unsigned long long; undefined passes through when `optional`.
  function enforceRange(value, what, optional) {
    if (value === undefined && optional) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new TypeError(`${what}: the value is not a finite number.`);
    const t = Math.trunc(n);
    if (t < 0 || t > Number.MAX_SAFE_INTEGER) throw new TypeError(`${what}: the value is outside the accepted range.`);
    return t;
  }

  function isBufferSource(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  // A FIFO with amortized O(1) shift, for chunk queues that can grow long.
  class Queue {
    constructor() {
      this.items = [];
      this.head = 0;
    }

    get length() {
      return this.items.length - this.head;
    }

    push(item) {
      this.items.push(item);
    }

    peek() {
      return this.items[this.head];
    }

    shift() {
      const items = this.items;
      const item = items[this.head];
      items[this.head++] = undefined;
      if (this.head === items.length) {
        this.items = [];
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > items.length) {
        this.items = items.slice(this.head);
        this.head = 0;
      }
      return item;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Queue-with-sizes and queuing strategies

  function resetQueue(c) {
    c.queue = new Queue();
    c.queueTotalSize = 0;
  }

  function dequeueValue(c) {
    const pair = c.queue.shift();
    c.queueTotalSize -= pair.size;
    if (c.queueTotalSize < 0) c.queueTotalSize = 0;
    return pair.value;
  }

  function enqueueValueWithSize(c, value, size) {
    if (typeof size !== 'number' || !(size >= 0) || size === Infinity) {
      throw new RangeError("A queuing strategy's size function must return a finite, non-negative number.");
    }
    c.queue.push({ value, size });
    c.queueTotalSize += size;
  }

  // Converts a QueuingStrategy dictionary in Web IDL member order.
  function convertStrategy(strategy, what) {
    const dict = dictionary(strategy, what);
    const hwm = dict.highWaterMark;
    const highWaterMark = hwm === undefined ? undefined : +hwm;
    const size = dict.size;
    if (size !== undefined && typeof size !== 'function') throw new TypeError(`${what}: 'size' is not a function.`);
    return { highWaterMark, size };
  }

  function extractHighWaterMark(strategy, defaultHWM) {
    const hwm = strategy.highWaterMark;
    if (hwm === undefined) return defaultHWM;
    if (Number.isNaN(hwm) || hwm < 0) throw new RangeError('The highWaterMark must be a non-negative number.');
    return hwm;
  }

  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return () => 1;
    return (chunk) => +apply(size, undefined, [chunk]);
  }

  // Method definitions, so that the size functions are named "size" and are not constructors.
  const byteLengthSize = { size(chunk) { return chunk.byteLength; } }.size;
  const countSize = { size() { return 1; } }.size;

  function strategyInit(init, what) {
    const dict = dictionary(init, what);
    if (dict.highWaterMark === undefined) throw new TypeError(`${what}: required member highWaterMark is undefined.`);
    return +dict.highWaterMark;
  }

  class ByteLengthQueuingStrategy {
    #hwm;

    constructor(init) {
      requireArgs(arguments.length, 1, "Failed to construct 'ByteLengthQueuingStrategy'");
      this.#hwm = strategyInit(init, "Failed to construct 'ByteLengthQueuingStrategy'");
    }

    get highWaterMark() {
      if (!isObject(this) || !(#hwm in this)) throw illegal();
      return this.#hwm;
    }

    get size() {
      if (!isObject(this) || !(#hwm in this)) throw illegal();
      return byteLengthSize;
    }
  }

  class CountQueuingStrategy {
    #hwm;

    constructor(init) {
      requireArgs(arguments.length, 1, "Failed to construct 'CountQueuingStrategy'");
      this.#hwm = strategyInit(init, "Failed to construct 'CountQueuingStrategy'");
    }

    get highWaterMark() {
      if (!isObject(this) || !(#hwm in this)) throw illegal();
      return this.#hwm;
    }

    get size() {
      if (!isObject(this) || !(#hwm in this)) throw illegal();
      return countSize;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // ReadableStream state

  const CREATE = Symbol('create');

  class RStream {
    constructor() {
      this.state = 'readable';
      this.reader = undefined;
      this.storedError = undefined;
      this.disturbed = false;
      this.controller = undefined;
      this.pub = undefined;
    }
  }

  let streamOf; // public ReadableStream -> RStream, or TypeError

  function newRStream() {
    const stream = new RStream();
    new ReadableStream(CREATE, stream);
    return stream;
  }

  const isLocked = (stream) => stream.reader !== undefined;

  function rsClose(stream) {
    stream.state = 'closed';
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closedResolve(undefined);
    if (!reader.byob) {
      const requests = reader.requests;
      reader.requests = [];
      for (const request of requests) request.close();
    }
  }

  function rsError(stream, e) {
    stream.state = 'errored';
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closedReject(e);
    markHandled(reader.closed);
    errorReadRequests(reader, e);
  }

  function rsCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === 'closed') return resolvedUndefined();
    if (stream.state === 'errored') return rejectedWith(stream.storedError);
    rsClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const requests = reader.requests;
      reader.requests = [];
      for (const request of requests) request.close(undefined);
    }
    return transform(stream.controller.cancelSteps(reason), noop);
  }

  function fulfillReadRequest(stream, chunk, done) {
    const request = stream.reader.requests.shift();
    if (done) request.close();
    else request.chunk(chunk);
  }

  function fulfillReadIntoRequest(stream, chunk, done) {
    const request = stream.reader.requests.shift();
    if (done) request.close(chunk);
    else request.chunk(chunk);
  }

  const numReadRequests = (stream) => stream.reader.requests.length;
  const hasDefaultReader = (stream) => stream.reader !== undefined && !stream.reader.byob;
  const hasBYOBReader = (stream) => stream.reader !== undefined && stream.reader.byob;

  // ---------------------------------------------------------------------------------------------------------
  // Readers

  class Reader {
    constructor(byob) {
      this.byob = byob;
      this.stream = undefined;
      this.requests = [];
      this.closed = undefined;
      this.closedResolve = undefined;
      this.closedReject = undefined;
      this.pub = undefined;
    }
  }

  function newClosedPromise(reader) {
    const d = newPromise();
    reader.closed = d.promise;
    reader.closedResolve = d.resolve;
    reader.closedReject = d.reject;
  }

  function readerInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    newClosedPromise(reader);
    if (stream.state === 'closed') {
      reader.closedResolve(undefined);
    } else if (stream.state === 'errored') {
      reader.closedReject(stream.storedError);
      markHandled(reader.closed);
    }
  }

  function setUpReader(reader, stream, what) {
    if (isLocked(stream)) throw new TypeError(`${what}: This ReadableStream is currently locked to a reader.`);
    if (reader.byob && !(stream.controller instanceof ByteController)) {
      throw new TypeError(`${what}: Cannot use a BYOB reader with a non-byte stream.`);
    }
    readerInitialize(reader, stream);
  }

  function readerRelease(reader) {
    const stream = reader.stream;
    if (stream.state !== 'readable') newClosedPromise(reader);
    reader.closedReject(new TypeError(RELEASED_READER));
    markHandled(reader.closed);
    stream.controller.releaseSteps();
    stream.reader = undefined;
    reader.stream = undefined;
    errorReadRequests(reader, new TypeError(RELEASED_READER));
  }

  function errorReadRequests(reader, e) {
    const requests = reader.requests;
    reader.requests = [];
    for (const request of requests) request.error(e);
  }

  function defaultReaderRead(reader, request) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'closed') request.close();
    else if (stream.state === 'errored') request.error(stream.storedError);
    else stream.controller.pullSteps(request);
  }

  function acquireDefaultReader(stream) {
    const reader = new Reader(false);
    setUpReader(reader, stream, "Failed to execute 'getReader' on 'ReadableStream'");
    new ReadableStreamDefaultReader(CREATE, reader);
    return reader;
  }

  // A read request settling a promise with an iterator result.
  function promiseReadRequest(d) {
    return {
      chunk: (value) => d.resolve({ value, done: false }),
      close: (value) => d.resolve({ value, done: true }),
      error: (e) => d.reject(e),
    };
  }

  let readerOf; // public reader -> Reader, or TypeError

  class ReadableStreamDefaultReader {
    #r;

    constructor(stream) {
      if (stream === CREATE) {
        this.#r = arguments[1];
        this.#r.pub = this;
        return;
      }
      requireArgs(arguments.length, 1, "Failed to construct 'ReadableStreamDefaultReader'");
      const reader = new Reader(false);
      setUpReader(reader, streamOf(stream, "Failed to construct 'ReadableStreamDefaultReader'"),
        "Failed to construct 'ReadableStreamDefaultReader'");
      reader.pub = this;
      this.#r = reader;
    }

    static {
      readerOf = (o) => {
        if (!isObject(o) || !(#r in o)) throw illegal();
        return o.#r;
      };
    }

    get closed() {
      let r;
      try {
        r = readerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      return r.closed;
    }

    read() {
      let r;
      try {
        r = readerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (r.stream === undefined) {
        return rejectedWith(typeError('ReadableStreamDefaultReader', 'read', RELEASED_READER));
      }
      const d = newPromise();
      defaultReaderRead(r, promiseReadRequest(d));
      return d.promise;
    }

    releaseLock() {
      const r = readerOf(this);
      if (r.stream !== undefined) readerRelease(r);
    }

    cancel(reason = undefined) {
      let r;
      try {
        r = readerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (r.stream === undefined) {
        return rejectedWith(typeError('ReadableStreamDefaultReader', 'cancel', RELEASED_READER));
      }
      return rsCancel(r.stream, reason);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // ReadableStreamDefaultController

  class DefaultController {
    constructor(stream) {
      this.stream = stream;
      this.queue = new Queue();
      this.queueTotalSize = 0;
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategySize = undefined;
      this.strategyHWM = 0;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.pub = undefined;
    }

    cancelSteps(reason) {
      resetQueue(this);
      const result = this.cancelAlgorithm(reason);
      dcClearAlgorithms(this);
      return result;
    }

    pullSteps(request) {
      const stream = this.stream;
      if (this.queue.length > 0) {
        const chunk = dequeueValue(this);
        if (this.closeRequested && this.queue.length === 0) {
          dcClearAlgorithms(this);
          rsClose(stream);
        } else {
          callPullIfNeeded(this);
        }
        request.chunk(chunk);
      } else {
        stream.reader.requests.push(request);
        callPullIfNeeded(this);
      }
    }

    releaseSteps() {}

    shouldCallPull() {
      if (!dcCanCloseOrEnqueue(this) || !this.started) return false;
      const stream = this.stream;
      if (isLocked(stream) && numReadRequests(stream) > 0) return true;
      return dcDesiredSize(this) > 0;
    }

    error(e) {
      dcError(this, e);
    }
  }

  function setUpDefaultController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm) {
    c.strategySize = sizeAlgorithm;
    c.strategyHWM = hwm;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    stream.controller = c;
    new ReadableStreamDefaultController(CREATE, c);
    startController(c, startAlgorithm);
  }

  // Shared by both controller kinds: `c.shouldCallPull()` and `c.error(e)` are the kind's own algorithms.
  function startController(c, startAlgorithm) {
    const startResult = startAlgorithm();
    upon(resolvedWith(startResult), () => {
      c.started = true;
      callPullIfNeeded(c);
    }, (r) => c.error(r));
  }

  function callPullIfNeeded(c) {
    if (!c.shouldCallPull()) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    upon(c.pullAlgorithm(), () => {
      c.pulling = false;
      if (c.pullAgain) {
        c.pullAgain = false;
        callPullIfNeeded(c);
      }
    }, (e) => c.error(e));
  }

  function dcClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
    c.strategySize = undefined;
  }

  function dcClose(c) {
    if (!dcCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      dcClearAlgorithms(c);
      rsClose(c.stream);
    }
  }

  function dcEnqueue(c, chunk) {
    if (!dcCanCloseOrEnqueue(c)) return;
    const stream = c.stream;
    if (isLocked(stream) && numReadRequests(stream) > 0) {
      fulfillReadRequest(stream, chunk, false);
    } else {
      let size;
      try {
        size = c.strategySize(chunk);
      } catch (e) {
        dcError(c, e);
        throw e;
      }
      try {
        enqueueValueWithSize(c, chunk, size);
      } catch (e) {
        dcError(c, e);
        throw e;
      }
    }
    callPullIfNeeded(c);
  }

  function dcError(c, e) {
    if (c.stream.state !== 'readable') return;
    resetQueue(c);
    dcClearAlgorithms(c);
    rsError(c.stream, e);
  }

  function dcDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.strategyHWM - c.queueTotalSize;
  }

  const dcHasBackpressure = (c) => !c.shouldCallPull();
  const dcCanCloseOrEnqueue = (c) => !c.closeRequested && c.stream.state === 'readable';

  let defaultControllerOf;

  class ReadableStreamDefaultController {
    #c;

    constructor() {
      if (arguments[0] !== CREATE) throw illegalConstructor();
      this.#c = arguments[1];
      this.#c.pub = this;
    }

    static {
      defaultControllerOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal();
        return o.#c;
      };
    }

    get desiredSize() {
      return dcDesiredSize(defaultControllerOf(this));
    }

    close() {
      const c = defaultControllerOf(this);
      if (!dcCanCloseOrEnqueue(c)) {
        throw typeError('ReadableStreamDefaultController', 'close', 'The stream is not in a state that permits close.');
      }
      dcClose(c);
    }

    enqueue(chunk = undefined) {
      const c = defaultControllerOf(this);
      if (!dcCanCloseOrEnqueue(c)) {
        throw typeError('ReadableStreamDefaultController', 'enqueue', 'The stream cannot take more chunks.');
      }
      dcEnqueue(c, chunk);
    }

    error(e = undefined) {
      dcError(defaultControllerOf(this), e);
    }
  }

  // Creates a stream with a default controller from algorithms (the spec's CreateReadableStream).
  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 1, sizeAlgorithm = () => 1) {
    const stream = newRStream();
    const c = new DefaultController(stream);
    setUpDefaultController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm);
    return stream;
  }

  // ---------------------------------------------------------------------------------------------------------
  // ReadableByteStreamController, ReadableStreamBYOBRequest, ReadableStreamBYOBReader

  const arrayBufferSlice = ArrayBuffer.prototype.slice;
  const arrayBufferTransfer = ArrayBuffer.prototype.transfer;
  const arrayBufferDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached').get;
  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayName = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const isView = ArrayBuffer.isView;
  const TYPED_ARRAYS = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  if (typeof Float16Array === 'function') TYPED_ARRAYS.Float16Array = Float16Array;

  // Throws TypeError for a SharedArrayBuffer, which Web IDL's ArrayBufferView conversion refuses anyway.
  const transferBuffer = (buffer) => apply(arrayBufferTransfer, buffer, []);
  const isDetached = (buffer) => apply(arrayBufferDetached, buffer, []);
  const sliceBuffer = (buffer, begin, end) => apply(arrayBufferSlice, buffer, [begin, end]);

  class ByteController {
    constructor(stream) {
      this.stream = stream;
      this.autoAllocateChunkSize = undefined;
      this.byobRequest = null;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.started = false;
      this.pendingPullIntos = [];
      this.queue = new Queue();
      this.queueTotalSize = 0;
      this.strategyHWM = 0;
      this.pub = undefined;
    }

    cancelSteps(reason) {
      bcClearPendingPullIntos(this);
      resetQueue(this);
      const result = this.cancelAlgorithm(reason);
      bcClearAlgorithms(this);
      return result;
    }

    pullSteps(request) {
      if (this.queueTotalSize > 0) {
        bcFillReadRequestFromQueue(this, request);
        return;
      }
      const size = this.autoAllocateChunkSize;
      if (size !== undefined) {
        let buffer;
        try {
          buffer = new ArrayBuffer(size);
        } catch (e) {
          request.error(e);
          return;
        }
        this.pendingPullIntos.push({
          buffer, bufferByteLength: size, byteOffset: 0, byteLength: size, bytesFilled: 0, minimumFill: 1,
          elementSize: 1, viewConstructor: Uint8Array, readerType: 'default',
        });
      }
      this.stream.reader.requests.push(request);
      callPullIfNeeded(this);
    }

    releaseSteps() {
      if (this.pendingPullIntos.length > 0) {
        const first = this.pendingPullIntos[0];
        first.readerType = 'none';
        this.pendingPullIntos = [first];
      }
    }

    shouldCallPull() {
      const stream = this.stream;
      if (stream.state !== 'readable' || this.closeRequested || !this.started) return false;
      if (stream.reader !== undefined && stream.reader.requests.length > 0) return true;
      return bcDesiredSize(this) > 0;
    }

    error(e) {
      bcError(this, e);
    }
  }

  function setUpByteController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize) {
    c.strategyHWM = hwm;
    c.pullAlgorithm = pullAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    c.autoAllocateChunkSize = autoAllocateChunkSize;
    stream.controller = c;
    new ReadableByteStreamController(CREATE, c);
    startController(c, startAlgorithm);
  }

  function setUpByteControllerFromSource(stream, source, start, pull, cancel, autoAllocateChunkSize, hwm, what) {
    if (autoAllocateChunkSize === 0) throw new TypeError(`${what}: autoAllocateChunkSize must be greater than 0.`);
    const c = new ByteController(stream);
    setUpByteController(stream, c,
      start === undefined ? noop : () => apply(start, source, [c.pub]),
      pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [c.pub]),
      cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]),
      hwm, autoAllocateChunkSize);
  }

  function bcClearAlgorithms(c) {
    c.pullAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }

  function bcClearPendingPullIntos(c) {
    bcInvalidateBYOBRequest(c);
    c.pendingPullIntos = [];
  }

  function bcInvalidateBYOBRequest(c) {
    const request = c.byobRequest;
    if (request === null) return;
    request.controller = undefined;
    request.view = null;
    c.byobRequest = null;
  }

  function bcGetBYOBRequest(c) {
    if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      const filled = first.bytesFilled;
      const view = new Uint8Array(first.buffer, first.byteOffset + filled, first.byteLength - filled);
      const request = { controller: c, view, pub: undefined };
      new ReadableStreamBYOBRequest(CREATE, request);
      c.byobRequest = request;
    }
    return c.byobRequest;
  }

  function bcDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.strategyHWM - c.queueTotalSize;
  }

  function bcClose(c) {
    const stream = c.stream;
    if (c.closeRequested || stream.state !== 'readable') return;
    if (c.queueTotalSize > 0) {
      c.closeRequested = true;
      return;
    }
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError('Insufficient bytes to fill elements in the given buffer');
        bcError(c, e);
        throw e;
      }
    }
    bcClearAlgorithms(c);
    rsClose(stream);
  }

  function bcError(c, e) {
    const stream = c.stream;
    if (stream.state !== 'readable') return;
    bcClearPendingPullIntos(c);
    resetQueue(c);
    bcClearAlgorithms(c);
    rsError(stream, e);
  }

  function bcEnqueue(c, chunk) {
    const stream = c.stream;
    if (c.closeRequested || stream.state !== 'readable') return;
    const { buffer, byteOffset, byteLength } = chunk;
    if (isDetached(buffer)) throw new TypeError("The chunk's buffer is detached.");
    const transferred = transferBuffer(buffer);
    if (c.pendingPullIntos.length > 0) {
      const first = c.pendingPullIntos[0];
      if (isDetached(first.buffer)) {
        throw new TypeError("The BYOB request's buffer has been detached, so it cannot take an enqueued chunk.");
      }
      bcInvalidateBYOBRequest(c);
      first.buffer = transferBuffer(first.buffer);
      if (first.readerType === 'none') bcEnqueueDetachedPullIntoToQueue(c, first);
    }
    if (hasDefaultReader(stream)) {
      bcProcessReadRequestsUsingQueue(c);
      if (numReadRequests(stream) === 0) {
        bcEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
      } else {
        if (c.pendingPullIntos.length > 0) c.pendingPullIntos.shift();
        fulfillReadRequest(stream, new Uint8Array(transferred, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(stream)) {
      bcEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
      for (const d of bcProcessPullIntosUsingQueue(c)) bcCommitPullInto(stream, d);
    } else {
      bcEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
    }
    callPullIfNeeded(c);
  }

  function bcEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
    c.queue.push({ buffer, byteOffset, byteLength });
    c.queueTotalSize += byteLength;
  }

  function bcEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = sliceBuffer(buffer, byteOffset, byteOffset + byteLength);
    } catch (e) {
      bcError(c, e);
      throw e;
    }
    bcEnqueueChunkToQueue(c, clone, 0, byteLength);
  }

  function bcEnqueueDetachedPullIntoToQueue(c, d) {
    if (d.bytesFilled > 0) bcEnqueueClonedChunkToQueue(c, d.buffer, d.byteOffset, d.bytesFilled);
    c.pendingPullIntos.shift();
  }

  function bcCommitPullInto(stream, d) {
    const done = stream.state === 'closed';
    const view = bcConvertPullInto(d);
    if (d.readerType === 'default') fulfillReadRequest(stream, view, done);
    else fulfillReadIntoRequest(stream, view, done);
  }

  function bcConvertPullInto(d) {
    return new d.viewConstructor(transferBuffer(d.buffer), d.byteOffset, d.bytesFilled / d.elementSize);
  }

  // Copies queued bytes into `d`; true when it holds at least its minimum fill.
  function bcFillPullIntoFromQueue(c, d) {
    const maxBytesToCopy = Math.min(c.queueTotalSize, d.byteLength - d.bytesFilled);
    const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
    let remaining = maxBytesToCopy;
    let ready = false;
    const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % d.elementSize);
    if (maxAlignedBytes >= d.minimumFill) {
      remaining = maxAlignedBytes - d.bytesFilled;
      ready = true;
    }
    const queue = c.queue;
    while (remaining > 0) {
      const head = queue.peek();
      const n = Math.min(remaining, head.byteLength);
      new Uint8Array(d.buffer, d.byteOffset + d.bytesFilled, n).set(new Uint8Array(head.buffer, head.byteOffset, n));
      if (head.byteLength === n) {
        queue.shift();
      } else {
        head.byteOffset += n;
        head.byteLength -= n;
      }
      c.queueTotalSize -= n;
      d.bytesFilled += n;
      remaining -= n;
    }
    return ready;
  }

  function bcFillReadRequestFromQueue(c, request) {
    const entry = c.queue.shift();
    c.queueTotalSize -= entry.byteLength;
    bcHandleQueueDrain(c);
    request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
  }

  function bcHandleQueueDrain(c) {
    if (c.queueTotalSize === 0 && c.closeRequested) {
      bcClearAlgorithms(c);
      rsClose(c.stream);
    } else {
      callPullIfNeeded(c);
    }
  }

  function bcProcessPullIntosUsingQueue(c) {
    const filled = [];
    while (c.pendingPullIntos.length > 0 && c.queueTotalSize > 0) {
      const d = c.pendingPullIntos[0];
      if (bcFillPullIntoFromQueue(c, d)) {
        c.pendingPullIntos.shift();
        filled.push(d);
      }
    }
    return filled;
  }

  function bcProcessReadRequestsUsingQueue(c) {
    const reader = c.stream.reader;
    while (reader.requests.length > 0 && c.queueTotalSize > 0) bcFillReadRequestFromQueue(c, reader.requests.shift());
  }

  function bcPullInto(c, view, min, request) {
    const stream = c.stream;
    let elementSize = 1;
    let ctor = DataView;
    const name = apply(typedArrayName, view, []);
    if (name !== undefined) {
      ctor = TYPED_ARRAYS[name];
      elementSize = ctor.BYTES_PER_ELEMENT;
    }
    const { byteOffset, byteLength } = view;
    let buffer;
    try {
      buffer = transferBuffer(view.buffer);
    } catch (e) {
      request.error(e);
      return;
    }
    const d = {
      buffer, bufferByteLength: buffer.byteLength, byteOffset, byteLength, bytesFilled: 0,
      minimumFill: min * elementSize, elementSize, viewConstructor: ctor, readerType: 'byob',
    };
    if (c.pendingPullIntos.length > 0) {
      c.pendingPullIntos.push(d);
      stream.reader.requests.push(request);
      return;
    }
    if (stream.state === 'closed') {
      request.close(new ctor(d.buffer, d.byteOffset, 0));
      return;
    }
    if (c.queueTotalSize > 0) {
      if (bcFillPullIntoFromQueue(c, d)) {
        const filled = bcConvertPullInto(d);
        bcHandleQueueDrain(c);
        request.chunk(filled);
        return;
      }
      if (c.closeRequested) {
        const e = new TypeError('Insufficient bytes to fill elements in the given buffer');
        bcError(c, e);
        request.error(e);
        return;
      }
    }
    c.pendingPullIntos.push(d);
    stream.reader.requests.push(request);
    callPullIfNeeded(c);
  }

  function bcRespond(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === 'closed') {
      if (bytesWritten !== 0) throw new TypeError('bytesWritten must be 0 when calling respond() on a closed stream');
    } else {
      if (bytesWritten === 0) {
        throw new TypeError('bytesWritten must be greater than 0 when calling respond() on a readable stream');
      }
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeError('bytesWritten out of range');
    }
    first.buffer = transferBuffer(first.buffer);
    bcRespondInternal(c, bytesWritten);
  }

  function bcRespondWithNewView(c, view) {
    const first = c.pendingPullIntos[0];
    if (c.stream.state === 'closed') {
      if (view.byteLength !== 0) {
        throw new TypeError("The view's length must be 0 when calling respondWithNewView() on a closed stream");
      }
    } else if (view.byteLength === 0) {
      throw new TypeError("The view's length must be greater than 0 when responding on a readable stream");
    }
    if (first.byteOffset + first.bytesFilled !== view.byteOffset) {
      throw new RangeError('The region specified by view does not match byobRequest');
    }
    if (first.bufferByteLength !== view.buffer.byteLength) {
      throw new RangeError('The buffer of view has different capacity than byobRequest');
    }
    if (first.bytesFilled + view.byteLength > first.byteLength) {
      throw new RangeError('The region specified by view is larger than byobRequest');
    }
    const viewByteLength = view.byteLength;
    first.buffer = transferBuffer(view.buffer);
    bcRespondInternal(c, viewByteLength);
  }

  function bcRespondInternal(c, bytesWritten) {
    const first = c.pendingPullIntos[0];
    bcInvalidateBYOBRequest(c);
    if (c.stream.state === 'closed') bcRespondInClosedState(c, first);
    else bcRespondInReadableState(c, bytesWritten, first);
    callPullIfNeeded(c);
  }

  function bcRespondInClosedState(c, first) {
    if (first.readerType === 'none') c.pendingPullIntos.shift();
    const stream = c.stream;
    if (hasBYOBReader(stream)) {
      const filled = [];
      const count = stream.reader.requests.length;
      while (filled.length < count) filled.push(c.pendingPullIntos.shift());
      for (const d of filled) bcCommitPullInto(stream, d);
    }
  }

  function bcRespondInReadableState(c, bytesWritten, d) {
    d.bytesFilled += bytesWritten;
    if (d.readerType === 'none') {
      bcEnqueueDetachedPullIntoToQueue(c, d);
      for (const f of bcProcessPullIntosUsingQueue(c)) bcCommitPullInto(c.stream, f);
      return;
    }
    if (d.bytesFilled < d.minimumFill) return;
    c.pendingPullIntos.shift();
    const remainder = d.bytesFilled % d.elementSize;
    if (remainder > 0) {
      const end = d.byteOffset + d.bytesFilled;
      bcEnqueueClonedChunkToQueue(c, d.buffer, end - remainder, remainder);
    }
    d.bytesFilled -= remainder;
    const filled = bcProcessPullIntosUsingQueue(c);
    bcCommitPullInto(c.stream, d);
    for (const f of filled) bcCommitPullInto(c.stream, f);
  }

  let byteControllerOf;

  class ReadableByteStreamController {
    #c;

    constructor() {
      if (arguments[0] !== CREATE) throw illegalConstructor();
      this.#c = arguments[1];
      this.#c.pub = this;
    }

    static {
      byteControllerOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal();
        return o.#c;
      };
    }

    get byobRequest() {
      const request = bcGetBYOBRequest(byteControllerOf(this));
      return request === null ? null : request.pub;
    }

    get desiredSize() {
      return bcDesiredSize(byteControllerOf(this));
    }

    close() {
      const c = byteControllerOf(this);
      if (c.closeRequested) {
        throw typeError('ReadableByteStreamController', 'close', 'The stream has already been closed.');
      }
      if (c.stream.state !== 'readable') {
        throw typeError('ReadableByteStreamController', 'close', 'The stream is not in a state that permits close.');
      }
      bcClose(c);
    }

    enqueue(chunk) {
      const c = byteControllerOf(this);
      const what = (message) => fail('ReadableByteStreamController', 'enqueue', message);
      requireArgs(arguments.length, 1, "Failed to execute 'enqueue' on 'ReadableByteStreamController'");
      if (!isView(chunk)) throw new TypeError(what("parameter 1 is not of type 'ArrayBufferView'."));
      if (chunk.byteLength === 0) throw new TypeError(what('The chunk must have a non-zero byteLength.'));
      if (chunk.buffer.byteLength === 0) {
        throw new TypeError(what("The chunk's buffer must have a non-zero byteLength."));
      }
      if (c.closeRequested) throw new TypeError(what('The stream has already been closed.'));
      if (c.stream.state !== 'readable') {
        throw new TypeError(what('The stream is not in a state that permits enqueue.'));
      }
      bcEnqueue(c, chunk);
    }

    error(e = undefined) {
      bcError(byteControllerOf(this), e);
    }
  }

  let byobRequestOf;

  class ReadableStreamBYOBRequest {
    #r;

    constructor() {
      if (arguments[0] !== CREATE) throw illegalConstructor();
      this.#r = arguments[1];
      this.#r.pub = this;
    }

    static {
      byobRequestOf = (o) => {
        if (!isObject(o) || !(#r in o)) throw illegal();
        return o.#r;
      };
    }

    get view() {
      return byobRequestOf(this).view;
    }

    respond(bytesWritten) {
      const r = byobRequestOf(this);
      const what = "Failed to execute 'respond' on 'ReadableStreamBYOBRequest'";
      requireArgs(arguments.length, 1, what);
      const n = enforceRange(bytesWritten, what, false);
      if (r.controller === undefined) throw new TypeError(`${what}: This BYOB request has been invalidated.`);
      if (isDetached(r.view.buffer)) throw new TypeError(`${what}: The BYOB request's buffer has been detached.`);
      bcRespond(r.controller, n);
    }

    respondWithNewView(view) {
      const r = byobRequestOf(this);
      const what = "Failed to execute 'respondWithNewView' on 'ReadableStreamBYOBRequest'";
      requireArgs(arguments.length, 1, what);
      if (!isView(view)) throw new TypeError(`${what}: parameter 1 is not of type 'ArrayBufferView'.`);
      if (r.controller === undefined) throw new TypeError(`${what}: This BYOB request has been invalidated.`);
      if (isDetached(view.buffer)) throw new TypeError(`${what}: The given view's buffer has been detached.`);
      bcRespondWithNewView(r.controller, view);
    }
  }

  function byobReaderRead(reader, view, min, request) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'errored') request.error(stream.storedError);
    else bcPullInto(stream.controller, view, min, request);
  }

  function acquireBYOBReader(stream) {
    const reader = new Reader(true);
    setUpReader(reader, stream, "Failed to execute 'getReader' on 'ReadableStream'");
    new ReadableStreamBYOBReader(CREATE, reader);
    return reader;
  }

  let byobReaderOf;

  class ReadableStreamBYOBReader {
    #r;

    constructor(stream) {
      if (stream === CREATE) {
        this.#r = arguments[1];
        this.#r.pub = this;
        return;
      }
      const what = "Failed to construct 'ReadableStreamBYOBReader'";
      requireArgs(arguments.length, 1, what);
      const reader = new Reader(true);
      setUpReader(reader, streamOf(stream, what), what);
      reader.pub = this;
      this.#r = reader;
    }

    static {
      byobReaderOf = (o) => {
        if (!isObject(o) || !(#r in o)) throw illegal();
        return o.#r;
      };
    }

    get closed() {
      let r;
      try {
        r = byobReaderOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      return r.closed;
    }

    read(view, options = undefined) {
      let r;
      let min;
      const what = (message) => fail('ReadableStreamBYOBReader', 'read', message);
      try {
        r = byobReaderOf(this);
        requireArgs(arguments.length, 1, "Failed to execute 'read' on 'ReadableStreamBYOBReader'");
        if (!isView(view)) throw new TypeError(what("parameter 1 is not of type 'ArrayBufferView'."));
        const opts = dictionary(options, "Failed to execute 'read' on 'ReadableStreamBYOBReader'");
        min = opts.min === undefined ? 1 : enforceRange(opts.min, what('options.min'), false);
        if (view.byteLength === 0) throw new TypeError(what('The view must have a non-zero byteLength.'));
        if (view.buffer.byteLength === 0) {
          throw new TypeError(what("The view's buffer must have a non-zero byteLength."));
        }
        if (isDetached(view.buffer)) throw new TypeError(what("The view's buffer has been detached."));
        if (min === 0) throw new TypeError(what('options.min must be greater than 0.'));
        if (apply(typedArrayName, view, []) !== undefined) {
          if (min > view.length) {
            throw new RangeError(what("options.min must be less than or equal to the view's length."));
          }
        } else if (min > view.byteLength) {
          throw new RangeError(what("options.min must be less than or equal to the view's byteLength."));
        }
        if (r.stream === undefined) throw new TypeError(what(RELEASED_READER));
      } catch (e) {
        return rejectedWith(e);
      }
      const d = newPromise();
      byobReaderRead(r, view, min, promiseReadRequest(d));
      return d.promise;
    }

    releaseLock() {
      const r = byobReaderOf(this);
      if (r.stream !== undefined) readerRelease(r);
    }

    cancel(reason = undefined) {
      let r;
      try {
        r = byobReaderOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (r.stream === undefined) return rejectedWith(typeError('ReadableStreamBYOBReader', 'cancel', RELEASED_READER));
      return rsCancel(r.stream, reason);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // tee

  function rsTee(stream) {
    return stream.controller instanceof ByteController ? byteTee(stream) : defaultTee(stream);
  }

  // Both tee kinds: the branches' shared cancel promise, settled once both cancel or the source ends.
  function teeCancelState(stream) {
    const state = { canceled1: false, canceled2: false, reason1: undefined, reason2: undefined, cancel: newPromise() };
    state.cancelAlgorithm = (second) => (reason) => {
      if (second) {
        state.canceled2 = true;
        state.reason2 = reason;
      } else {
        state.canceled1 = true;
        state.reason1 = reason;
      }
      if (state.canceled1 && state.canceled2) state.cancel.resolve(rsCancel(stream, [state.reason1, state.reason2]));
      return state.cancel.promise;
    };
    state.settle = () => {
      if (!state.canceled1 || !state.canceled2) state.cancel.resolve(undefined);
    };
    return state;
  }

  function defaultTee(stream) {
    const reader = acquireDefaultReader(stream);
    const t = teeCancelState(stream);
    let reading = false;
    let readAgain = false;
    let branch1;
    let branch2;
    const readRequest = {
      chunk(chunk) {
        // A microtask later, as the standard has it: the source's errors reach the branches through reader.closed,
        // a microtask late, and a chunk must not overtake an error that happened before it.
        microtask(() => {
          readAgain = false;
          if (!t.canceled1) dcEnqueue(branch1.controller, chunk);
          if (!t.canceled2) dcEnqueue(branch2.controller, chunk);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!t.canceled1) dcClose(branch1.controller);
        if (!t.canceled2) dcClose(branch2.controller);
        t.settle();
      },
      error() {
        reading = false;
      },
    };
    function pullAlgorithm() {
      if (reading) {
        readAgain = true;
        return resolvedUndefined();
      }
      reading = true;
      defaultReaderRead(reader, readRequest);
      return resolvedUndefined();
    }
    branch1 = createReadableStream(noop, pullAlgorithm, t.cancelAlgorithm(false));
    branch2 = createReadableStream(noop, pullAlgorithm, t.cancelAlgorithm(true));
    upon(reader.closed, noop, (r) => {
      dcError(branch1.controller, r);
      dcError(branch2.controller, r);
      t.settle();
    });
    return [branch1, branch2];
  }

  function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
    const stream = newRStream();
    const c = new ByteController(stream);
    setUpByteController(stream, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
    return stream;
  }

  function cloneAsUint8Array(view) {
    return new Uint8Array(sliceBuffer(view.buffer, view.byteOffset, view.byteOffset + view.byteLength));
  }

  function byteTee(stream) {
    let reader = acquireDefaultReader(stream);
    const t = teeCancelState(stream);
    let reading = false;
    let readAgainForBranch1 = false;
    let readAgainForBranch2 = false;
    let branch1;
    let branch2;

    function forwardReaderError(thisReader) {
      upon(thisReader.closed, noop, (r) => {
        if (thisReader !== reader) return;
        bcError(branch1.controller, r);
        bcError(branch2.controller, r);
        t.settle();
      });
    }

    function pullAgain() {
      if (readAgainForBranch1) pull1Algorithm();
      else if (readAgainForBranch2) pull2Algorithm();
    }

    // Errors both branches and cancels the source when a chunk cannot be cloned (out of memory).
    function cloneFailed(e) {
      bcError(branch1.controller, e);
      bcError(branch2.controller, e);
      t.cancel.resolve(rsCancel(stream, e));
    }

    function pullWithDefaultReader() {
      if (reader.byob) {
        readerRelease(reader);
        reader = acquireDefaultReader(stream);
        forwardReaderError(reader);
      }
      defaultReaderRead(reader, {
        chunk(chunk) {
          microtask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            let chunk2 = chunk;
            if (!t.canceled1 && !t.canceled2) {
              try {
                chunk2 = cloneAsUint8Array(chunk);
              } catch (e) {
                cloneFailed(e);
                return;
              }
            }
            if (!t.canceled1) bcEnqueue(branch1.controller, chunk);
            if (!t.canceled2) bcEnqueue(branch2.controller, chunk2);
            reading = false;
            pullAgain();
          });
        },
        close() {
          reading = false;
          if (!t.canceled1) bcClose(branch1.controller);
          if (!t.canceled2) bcClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) bcRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) bcRespond(branch2.controller, 0);
          t.settle();
        },
        error() {
          reading = false;
        },
      });
    }

    function pullWithBYOBReader(view, forBranch2) {
      if (!reader.byob) {
        readerRelease(reader);
        reader = acquireBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      byobReaderRead(reader, view, 1, {
        chunk(chunk) {
          microtask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? t.canceled2 : t.canceled1;
            const otherCanceled = forBranch2 ? t.canceled1 : t.canceled2;
            if (!otherCanceled) {
              let clone;
              try {
                clone = cloneAsUint8Array(chunk);
              } catch (e) {
                cloneFailed(e);
                return;
              }
              if (!byobCanceled) bcRespondWithNewView(byobBranch.controller, chunk);
              bcEnqueue(otherBranch.controller, clone);
            } else if (!byobCanceled) {
              bcRespondWithNewView(byobBranch.controller, chunk);
            }
            reading = false;
            pullAgain();
          });
        },
        close(chunk) {
          reading = false;
          const byobCanceled = forBranch2 ? t.canceled2 : t.canceled1;
          const otherCanceled = forBranch2 ? t.canceled1 : t.canceled2;
          if (!byobCanceled) bcClose(byobBranch.controller);
          if (!otherCanceled) bcClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) bcRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) {
              bcRespond(otherBranch.controller, 0);
            }
          }
          if (!byobCanceled || !otherCanceled) t.cancel.resolve(undefined);
        },
        error() {
          reading = false;
        },
      });
    }

    function pull1Algorithm() {
      if (reading) {
        readAgainForBranch1 = true;
        return resolvedUndefined();
      }
      reading = true;
      const request = bcGetBYOBRequest(branch1.controller);
      if (request === null) pullWithDefaultReader();
      else pullWithBYOBReader(request.view, false);
      return resolvedUndefined();
    }

    function pull2Algorithm() {
      if (reading) {
        readAgainForBranch2 = true;
        return resolvedUndefined();
      }
      reading = true;
      const request = bcGetBYOBRequest(branch2.controller);
      if (request === null) pullWithDefaultReader();
      else pullWithBYOBReader(request.view, true);
      return resolvedUndefined();
    }

    branch1 = createReadableByteStream(noop, pull1Algorithm, t.cancelAlgorithm(false));
    branch2 = createReadableByteStream(noop, pull2Algorithm, t.cancelAlgorithm(true));
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ---------------------------------------------------------------------------------------------------------
  // Async iteration and ReadableStream.from

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const END = Symbol('end');

  // The Web IDL asynchronous iterator: next() and return() calls each wait for the one before them.
  class IteratorState {
    constructor(reader, preventCancel) {
      this.reader = reader;
      this.preventCancel = preventCancel;
      this.ongoing = undefined;
      this.finished = false;
    }

    nextResult() {
      const reader = this.reader;
      const d = newPromise();
      defaultReaderRead(reader, {
        chunk: (value) => d.resolve(value),
        close: () => {
          readerRelease(reader);
          d.resolve(END);
        },
        error: (e) => {
          readerRelease(reader);
          d.reject(e);
        },
      });
      return d.promise;
    }

    returnSteps(value) {
      const reader = this.reader;
      if (!this.preventCancel) {
        const result = rsCancel(reader.stream, value);
        readerRelease(reader);
        return result;
      }
      readerRelease(reader);
      return resolvedUndefined();
    }
  }

  let iteratorOf;

  const iteratorMethods = {
    next() {
      let it;
      try {
        it = iteratorOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      const nextSteps = () => {
        if (it.finished) return resolvedWith({ value: undefined, done: true });
        return transform(it.nextResult(), (value) => {
          it.ongoing = undefined;
          if (value === END) {
            it.finished = true;
            return { value: undefined, done: true };
          }
          return { value, done: false };
        }, (reason) => {
          it.ongoing = undefined;
          it.finished = true;
          throw reason;
        });
      };
      it.ongoing = it.ongoing === undefined ? nextSteps() : transform(it.ongoing, nextSteps, nextSteps);
      return it.ongoing;
    },
    return(value) {
      let it;
      try {
        it = iteratorOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      const returnSteps = () => {
        if (it.finished) return resolvedWith({ value, done: true });
        it.finished = true;
        return it.returnSteps(value);
      };
      it.ongoing = it.ongoing === undefined ? returnSteps() : transform(it.ongoing, returnSteps, returnSteps);
      return transform(it.ongoing, () => ({ value, done: true }));
    },
  };
  const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype);
  for (const key of ['next', 'return']) {
    Object.defineProperty(ReadableStreamAsyncIteratorPrototype, key, {
      value: iteratorMethods[key], writable: true, enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(ReadableStreamAsyncIteratorPrototype, Symbol.toStringTag, {
    value: 'ReadableStream AsyncIterator', configurable: true,
  });

  // Iterator objects hold their state in a private field of a base class that returns the fresh object.
  class IteratorBase {
    constructor(o) {
      return o;
    }
  }

  class IteratorHolder extends IteratorBase {
    #it;

    constructor(o, state) {
      super(o);
      this.#it = state;
    }

    static {
      iteratorOf = (o) => {
        if (!isObject(o) || !(#it in o)) throw illegal();
        return o.#it;
      };
    }
  }

  function createIterator(stream, options) {
    const what = "Failed to execute 'values' on 'ReadableStream'";
    const preventCancel = !!dictionary(options, what).preventCancel;
    const reader = acquireDefaultReader(stream);
    const iterator = Object.create(ReadableStreamAsyncIteratorPrototype);
    new IteratorHolder(iterator, new IteratorState(reader, preventCancel));
    return iterator;
  }

  // GetIterator(value, async): an async iterator, or a sync one adapted as CreateAsyncFromSyncIterator does.
  function getAsyncIterator(value) {
    const asyncMethod = value == null ? undefined : value[Symbol.asyncIterator];
    if (asyncMethod !== undefined && asyncMethod !== null) {
      if (typeof asyncMethod !== 'function') {
        throw new TypeError('ReadableStream.from: @@asyncIterator is not a function.');
      }
      const iterator = apply(asyncMethod, value, []);
      if (!isObject(iterator)) throw new TypeError('ReadableStream.from: the async iterator is not an object.');
      return { iterator, next: iterator.next };
    }
    const syncMethod = value == null ? undefined : value[Symbol.iterator];
    if (typeof syncMethod !== 'function') throw new TypeError('ReadableStream.from: the argument is not iterable.');
    const syncIterator = apply(syncMethod, value, []);
    if (!isObject(syncIterator)) throw new TypeError('ReadableStream.from: the iterator is not an object.');
    const syncNext = syncIterator.next;
    const closeSyncIterator = () => {
      try {
        const ret = syncIterator.return;
        if (ret !== undefined && ret !== null) apply(ret, syncIterator, []);
      } catch {
        // IteratorClose after a throw keeps the original error.
      }
    };
    // Awaits a sync result's value; a rejected value closes the sync iterator, as the language does.
    const continuation = (result, closeOnRejection) => {
      if (!isObject(result)) throw new TypeError('The iterator result is not an object.');
      const done = !!result.done;
      let valueWrapper;
      try {
        valueWrapper = apply(promiseResolve, NativePromise, [result.value]);
      } catch (e) {
        if (!done && closeOnRejection) closeSyncIterator();
        throw e;
      }
      return transform(valueWrapper, (v) => ({ value: v, done }), (e) => {
        if (!done && closeOnRejection) closeSyncIterator();
        throw e;
      });
    };
    const iterator = {
      next(v) {
        try {
          return continuation(apply(syncNext, syncIterator, [v]), true);
        } catch (e) {
          return rejectedWith(e);
        }
      },
      return(v) {
        try {
          const ret = syncIterator.return;
          if (ret === undefined || ret === null) return resolvedWith({ value: v, done: true });
          return continuation(apply(ret, syncIterator, [v]), false);
        } catch (e) {
          return rejectedWith(e);
        }
      },
    };
    return { iterator, next: iterator.next };
  }

  function readableStreamFromIterable(value) {
    const record = getAsyncIterator(value);
    let stream;
    const pullAlgorithm = () => {
      let nextResult;
      try {
        nextResult = apply(record.next, record.iterator, []);
      } catch (e) {
        return rejectedWith(e);
      }
      return transform(resolvedWith(nextResult), (result) => {
        if (!isObject(result)) {
          throw new TypeError('The promise returned by the iterator.next() method must fulfill with an object');
        }
        if (result.done) dcClose(stream.controller);
        else dcEnqueue(stream.controller, result.value);
      });
    };
    const cancelAlgorithm = (reason) => {
      const iterator = record.iterator;
      let returnResult;
      try {
        const method = iterator.return;
        if (method === undefined || method === null) return resolvedUndefined();
        if (typeof method !== 'function') throw new TypeError('The iterator\'s return property is not a function.');
        returnResult = apply(method, iterator, [reason]);
      } catch (e) {
        return rejectedWith(e);
      }
      return transform(resolvedWith(returnResult), (result) => {
        if (!isObject(result)) {
          throw new TypeError('The promise returned by the iterator.return() method must fulfill with an object');
        }
      });
    };
    stream = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  // ---------------------------------------------------------------------------------------------------------
  // WritableStream

  // A promise whose settlement the stream must be able to test ("if writer.[[readyPromise]] is pending").
  function pendingSlot() {
    const d = newPromise();
    const slot = { promise: d.promise, pending: true, resolve: undefined, reject: undefined };
    slot.resolve = (v) => {
      slot.pending = false;
      d.resolve(v);
    };
    slot.reject = (e) => {
      slot.pending = false;
      d.reject(e);
    };
    return slot;
  }

  function settledSlot(fulfilled, value) {
    const slot = pendingSlot();
    if (fulfilled) slot.resolve(value);
    else {
      slot.reject(value);
      markHandled(slot.promise);
    }
    return slot;
  }

  class WStream {
    constructor() {
      this.state = 'writable';
      this.storedError = undefined;
      this.writer = undefined;
      this.controller = undefined;
      this.inFlightWriteRequest = undefined;
      this.closeRequest = undefined;
      this.inFlightCloseRequest = undefined;
      this.pendingAbortRequest = undefined;
      this.writeRequests = new Queue();
      this.backpressure = false;
      this.pub = undefined;
    }
  }

  let wstreamOf;

  function newWStream() {
    const stream = new WStream();
    new WritableStream(CREATE, stream);
    return stream;
  }

  const isWritableLocked = (stream) => stream.writer !== undefined;
  const closeQueuedOrInFlight = (s) => s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
  const hasOperationMarkedInFlight = (s) => s.inFlightWriteRequest !== undefined
    || s.inFlightCloseRequest !== undefined;

  function wsAbort(stream, reason) {
    if (stream.state === 'closed' || stream.state === 'errored') return resolvedUndefined();
    wcSignalAbort(stream.controller, reason);
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return resolvedUndefined();
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise;
    const wasAlreadyErroring = state === 'erroring';
    const d = newPromise();
    stream.pendingAbortRequest = {
      promise: d.promise, resolve: d.resolve, reject: d.reject,
      reason: wasAlreadyErroring ? undefined : reason, wasAlreadyErroring,
    };
    if (!wasAlreadyErroring) wsStartErroring(stream, reason);
    return d.promise;
  }

  function wsClose(stream) {
    const state = stream.state;
    if (state === 'closed' || state === 'errored') {
      return rejectedWith(new TypeError('The stream is not in the writable state and cannot be closed.'));
    }
    const d = newPromise();
    stream.closeRequest = d;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === 'writable') writer.ready.resolve(undefined);
    enqueueValueWithSize(stream.controller, CLOSE_SENTINEL, 0);
    wcAdvanceQueueIfNeeded(stream.controller);
    return d.promise;
  }

  function wsAddWriteRequest(stream) {
    const d = newPromise();
    stream.writeRequests.push(d);
    return d.promise;
  }

  function wsDealWithRejection(stream, error) {
    if (stream.state === 'writable') wsStartErroring(stream, error);
    else wsFinishErroring(stream);
  }

  function wsStartErroring(stream, reason) {
    const c = stream.controller;
    stream.state = 'erroring';
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) writerEnsureReadyPromiseRejected(writer, reason);
    if (!hasOperationMarkedInFlight(stream) && c.started) wsFinishErroring(stream);
  }

  function wsFinishErroring(stream) {
    stream.state = 'errored';
    resetQueue(stream.controller);
    const storedError = stream.storedError;
    const requests = stream.writeRequests;
    stream.writeRequests = new Queue();
    while (requests.length > 0) requests.shift().reject(storedError);
    const abortRequest = stream.pendingAbortRequest;
    if (abortRequest === undefined) {
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.reject(storedError);
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const c = stream.controller;
    const promise = c.abortAlgorithm(abortRequest.reason);
    wcClearAlgorithms(c);
    upon(promise, () => {
      abortRequest.resolve(undefined);
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
    }, (reason) => {
      abortRequest.reject(reason);
      wsRejectCloseAndClosedPromiseIfNeeded(stream);
    });
  }

  function wsFinishInFlightWrite(stream) {
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
  }

  function wsFinishInFlightWriteWithError(stream, error) {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    wsDealWithRejection(stream, error);
  }

  function wsFinishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === 'erroring') {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = 'closed';
    const writer = stream.writer;
    if (writer !== undefined) writer.closed.resolve(undefined);
  }

  function wsFinishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    wsDealWithRejection(stream, error);
  }

  function wsRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) {
      writer.closed.reject(stream.storedError);
      markHandled(writer.closed.promise);
    }
  }

  function wsUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = pendingSlot();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  // ---------------------------------------------------------------------------------------------------------
  // WritableStreamDefaultWriter

  class Writer {
    constructor() {
      this.stream = undefined;
      this.ready = undefined;
      this.closed = undefined;
      this.pub = undefined;
    }
  }

  function setUpWriter(writer, stream, what) {
    if (isWritableLocked(stream)) throw new TypeError(`${what}: This WritableStream is currently locked to a writer.`);
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === 'writable') {
      writer.ready = !closeQueuedOrInFlight(stream) && stream.backpressure ? pendingSlot() : settledSlot(true);
      writer.closed = pendingSlot();
    } else if (state === 'erroring') {
      writer.ready = settledSlot(false, stream.storedError);
      writer.closed = pendingSlot();
    } else if (state === 'closed') {
      writer.ready = settledSlot(true);
      writer.closed = settledSlot(true);
    } else {
      writer.ready = settledSlot(false, stream.storedError);
      writer.closed = settledSlot(false, stream.storedError);
    }
  }

  function acquireWriter(stream) {
    const writer = new Writer();
    setUpWriter(writer, stream, "Failed to execute 'getWriter' on 'WritableStream'");
    new WritableStreamDefaultWriter(CREATE, writer);
    return writer;
  }

  function writerEnsureClosedPromiseRejected(writer, error) {
    if (writer.closed.pending) writer.closed.reject(error);
    else writer.closed = settledSlot(false, error);
    markHandled(writer.closed.promise);
  }

  function writerEnsureReadyPromiseRejected(writer, error) {
    if (writer.ready.pending) writer.ready.reject(error);
    else writer.ready = settledSlot(false, error);
    markHandled(writer.ready.promise);
  }

  function writerCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (closeQueuedOrInFlight(stream) || state === 'closed') return resolvedUndefined();
    if (state === 'errored') return rejectedWith(stream.storedError);
    return wsClose(stream);
  }

  function writerDesiredSize(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return wcDesiredSize(stream.controller);
  }

  function writerRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeError(RELEASED_WRITER);
    writerEnsureReadyPromiseRejected(writer, releasedError);
    writerEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }

  function writerWrite(writer, chunk) {
    const stream = writer.stream;
    const c = stream.controller;
    const chunkSize = wcGetChunkSize(c, chunk);
    if (stream !== writer.stream) return rejectedWith(new TypeError(RELEASED_WRITER));
    const state = stream.state;
    if (state === 'errored') return rejectedWith(stream.storedError);
    if (closeQueuedOrInFlight(stream) || state === 'closed') {
      return rejectedWith(new TypeError('The stream is closing or closed and cannot be written to.'));
    }
    if (state === 'erroring') return rejectedWith(stream.storedError);
    const promise = wsAddWriteRequest(stream);
    wcWrite(c, chunk, chunkSize);
    return promise;
  }

  let writerOf;

  class WritableStreamDefaultWriter {
    #w;

    constructor(stream) {
      if (stream === CREATE) {
        this.#w = arguments[1];
        this.#w.pub = this;
        return;
      }
      const what = "Failed to construct 'WritableStreamDefaultWriter'";
      requireArgs(arguments.length, 1, what);
      const writer = new Writer();
      setUpWriter(writer, wstreamOf(stream, what), what);
      writer.pub = this;
      this.#w = writer;
    }

    static {
      writerOf = (o) => {
        if (!isObject(o) || !(#w in o)) throw illegal();
        return o.#w;
      };
    }

    get closed() {
      let w;
      try {
        w = writerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      return w.closed.promise;
    }

    get desiredSize() {
      const w = writerOf(this);
      if (w.stream === undefined) throw new TypeError(RELEASED_WRITER);
      return writerDesiredSize(w);
    }

    get ready() {
      let w;
      try {
        w = writerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      return w.ready.promise;
    }

    abort(reason = undefined) {
      let w;
      try {
        w = writerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (w.stream === undefined) {
        return rejectedWith(typeError('WritableStreamDefaultWriter', 'abort', RELEASED_WRITER));
      }
      return wsAbort(w.stream, reason);
    }

    close() {
      let w;
      try {
        w = writerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      const stream = w.stream;
      if (stream === undefined) return rejectedWith(typeError('WritableStreamDefaultWriter', 'close', RELEASED_WRITER));
      if (closeQueuedOrInFlight(stream)) {
        return rejectedWith(typeError('WritableStreamDefaultWriter', 'close', 'The stream is already closing.'));
      }
      return wsClose(stream);
    }

    releaseLock() {
      const w = writerOf(this);
      if (w.stream !== undefined) writerRelease(w);
    }

    write(chunk = undefined) {
      let w;
      try {
        w = writerOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (w.stream === undefined) {
        return rejectedWith(typeError('WritableStreamDefaultWriter', 'write', RELEASED_WRITER));
      }
      return writerWrite(w, chunk);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // WritableStreamDefaultController

  const CLOSE_SENTINEL = Symbol('close');
  const AbortControllerCtor = globalThis.AbortController;

  class WController {
    constructor(stream) {
      this.stream = stream;
      this.queue = new Queue();
      this.queueTotalSize = 0;
      // Made on first use of `signal`; until then an abort only records its reason.
      this.abortController = undefined;
      this.aborted = false;
      this.abortReason = undefined;
      this.started = false;
      this.strategySize = undefined;
      this.strategyHWM = 1;
      this.writeAlgorithm = undefined;
      this.closeAlgorithm = undefined;
      this.abortAlgorithm = undefined;
      this.pub = undefined;
    }
  }

  function wcSignalAbort(c, reason) {
    if (c.aborted) return;
    c.aborted = true;
    c.abortReason = reason;
    if (c.abortController !== undefined) c.abortController.abort(reason);
  }

  function setUpWController(stream, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm,
    sizeAlgorithm) {
    stream.controller = c;
    c.strategySize = sizeAlgorithm;
    c.strategyHWM = hwm;
    c.writeAlgorithm = writeAlgorithm;
    c.closeAlgorithm = closeAlgorithm;
    c.abortAlgorithm = abortAlgorithm;
    new WritableStreamDefaultController(CREATE, c);
    wsUpdateBackpressure(stream, wcDesiredSize(c) <= 0);
    const startResult = startAlgorithm();
    upon(resolvedWith(startResult), () => {
      c.started = true;
      wcAdvanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      wsDealWithRejection(stream, r);
    });
  }

  function wcAdvanceQueueIfNeeded(c) {
    const stream = c.stream;
    if (!c.started || stream.inFlightWriteRequest !== undefined) return;
    if (stream.state === 'erroring') {
      wsFinishErroring(stream);
      return;
    }
    if (c.queue.length === 0) return;
    const value = c.queue.peek().value;
    if (value === CLOSE_SENTINEL) wcProcessClose(c);
    else wcProcessWrite(c, value);
  }

  function wcClearAlgorithms(c) {
    c.writeAlgorithm = undefined;
    c.closeAlgorithm = undefined;
    c.abortAlgorithm = undefined;
    c.strategySize = undefined;
  }

  function wcError(c, error) {
    wcClearAlgorithms(c);
    wsStartErroring(c.stream, error);
  }

  function wcErrorIfNeeded(c, error) {
    if (c.stream.state === 'writable') wcError(c, error);
  }

  function wcGetChunkSize(c, chunk) {
    if (c.strategySize === undefined) return 1;
    try {
      return c.strategySize(chunk);
    } catch (e) {
      wcErrorIfNeeded(c, e);
      return 1;
    }
  }

  const wcDesiredSize = (c) => c.strategyHWM - c.queueTotalSize;

  function wcProcessClose(c) {
    const stream = c.stream;
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
    dequeueValue(c);
    const sinkClosePromise = c.closeAlgorithm();
    wcClearAlgorithms(c);
    upon(sinkClosePromise, () => wsFinishInFlightClose(stream),
      (reason) => wsFinishInFlightCloseWithError(stream, reason));
  }

  function wcProcessWrite(c, chunk) {
    const stream = c.stream;
    stream.inFlightWriteRequest = stream.writeRequests.shift();
    upon(c.writeAlgorithm(chunk), () => {
      wsFinishInFlightWrite(stream);
      dequeueValue(c);
      if (!closeQueuedOrInFlight(stream) && stream.state === 'writable') {
        wsUpdateBackpressure(stream, wcDesiredSize(c) <= 0);
      }
      wcAdvanceQueueIfNeeded(c);
    }, (reason) => {
      if (stream.state === 'writable') wcClearAlgorithms(c);
      wsFinishInFlightWriteWithError(stream, reason);
    });
  }

  function wcWrite(c, chunk, chunkSize) {
    try {
      enqueueValueWithSize(c, chunk, chunkSize);
    } catch (e) {
      wcErrorIfNeeded(c, e);
      return;
    }
    const stream = c.stream;
    if (!closeQueuedOrInFlight(stream) && stream.state === 'writable') {
      wsUpdateBackpressure(stream, wcDesiredSize(c) <= 0);
    }
    wcAdvanceQueueIfNeeded(c);
  }

  let wcontrollerOf;

  class WritableStreamDefaultController {
    #c;

    constructor() {
      if (arguments[0] !== CREATE) throw illegalConstructor();
      this.#c = arguments[1];
      this.#c.pub = this;
    }

    static {
      wcontrollerOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal();
        return o.#c;
      };
    }

    get signal() {
      const c = wcontrollerOf(this);
      if (c.abortController === undefined) {
        c.abortController = new AbortControllerCtor();
        if (c.aborted) c.abortController.abort(c.abortReason);
      }
      return c.abortController.signal;
    }

    error(e = undefined) {
      const c = wcontrollerOf(this);
      if (c.stream.state !== 'writable') return;
      wcError(c, e);
    }
  }

  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm = 1,
    sizeAlgorithm = () => 1) {
    const stream = newWStream();
    const c = new WController(stream);
    setUpWController(stream, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm);
    return stream;
  }

  class WritableStream {
    #s;

    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === CREATE) {
        this.#s = strategy;
        strategy.pub = this;
        return;
      }
      const what = "Failed to construct 'WritableStream'";
      const strategyDict = convertStrategy(strategy, what);
      const sink = underlyingSink === undefined ? {} : underlyingSink;
      if (!isObject(sink)) throw new TypeError(`${what}: The underlying sink must be an object.`);
      const abort = callbackMember(sink, 'abort', what);
      const close = callbackMember(sink, 'close', what);
      const start = callbackMember(sink, 'start', what);
      const type = sink.type;
      const write = callbackMember(sink, 'write', what);
      if (type !== undefined) throw new RangeError(`${what}: Invalid type is specified.`);
      const stream = new WStream();
      this.#s = stream;
      stream.pub = this;
      const sizeAlgorithm = extractSizeAlgorithm(strategyDict);
      const hwm = extractHighWaterMark(strategyDict, 1);
      const c = new WController(stream);
      setUpWController(stream, c,
        start === undefined ? noop : () => apply(start, sink, [c.pub]),
        write === undefined ? resolvedUndefined : (chunk) => promiseCall(write, sink, [chunk, c.pub]),
        close === undefined ? resolvedUndefined : () => promiseCall(close, sink, []),
        abort === undefined ? resolvedUndefined : (reason) => promiseCall(abort, sink, [reason]),
        hwm, sizeAlgorithm);
    }

    static {
      wstreamOf = (o, what) => {
        if (!isObject(o) || !(#s in o)) {
          throw what === undefined ? illegal() : new TypeError(`${what}: parameter 1 is not of type 'WritableStream'.`);
        }
        return o.#s;
      };
    }

    get locked() {
      return isWritableLocked(wstreamOf(this));
    }

    abort(reason = undefined) {
      let stream;
      try {
        stream = wstreamOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (isWritableLocked(stream)) {
        return rejectedWith(typeError('WritableStream', 'abort', WRITABLE_LOCKED));
      }
      return wsAbort(stream, reason);
    }

    close() {
      let stream;
      try {
        stream = wstreamOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (isWritableLocked(stream)) {
        return rejectedWith(typeError('WritableStream', 'close', WRITABLE_LOCKED));
      }
      if (closeQueuedOrInFlight(stream)) {
        return rejectedWith(typeError('WritableStream', 'close', 'The stream is already closing.'));
      }
      return wsClose(stream);
    }

    getWriter() {
      return acquireWriter(wstreamOf(this)).pub;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // pipeTo

  function rsPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireDefaultReader(source);
    const writer = acquireWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let currentWrite = resolvedUndefined();
    const result = newPromise();
    let abortAlgorithm;

    function finalize(isError, error) {
      writerRelease(writer);
      readerRelease(reader);
      if (signal !== undefined) internal.events.removeAbortAlgorithm(signal, abortAlgorithm);
      if (isError) result.reject(error);
      else result.resolve(undefined);
    }

    function waitForWritesToFinish() {
      const oldCurrentWrite = currentWrite;
      return transform(oldCurrentWrite, () => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined));
    }

    // Runs `then` once the chunks already read are written, unless the destination can take no more writes.
    function afterPendingWrites(then) {
      if (dest.state === 'writable' && !closeQueuedOrInFlight(dest)) upon(waitForWritesToFinish(), then);
      else then();
    }

    function shutdownWithAction(action, isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      afterPendingWrites(() => {
        let p;
        try {
          p = action();
        } catch (e) {
          p = rejectedWith(e);
        }
        upon(p, () => finalize(isError, error), (newError) => finalize(true, newError));
      });
    }

    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      afterPendingWrites(() => finalize(isError, error));
    }

    if (signal !== undefined) {
      abortAlgorithm = () => {
        const error = apply(signalReason, signal, []);
        const actions = [];
        if (!preventAbort) actions.push(() => (dest.state === 'writable' ? wsAbort(dest, error) : resolvedUndefined()));
        if (!preventCancel) {
          actions.push(() => (source.state === 'readable' ? rsCancel(source, error) : resolvedUndefined()));
        }
        shutdownWithAction(() => waitForAll(actions.map((action) => action())), true, error);
      };
      if (apply(signalAborted, signal, [])) {
        abortAlgorithm();
        return result.promise;
      }
      internal.events.addAbortAlgorithm(signal, abortAlgorithm);
    }

    // Each step waits for the destination to want a chunk before reading one, which bounds what is buffered.
    function pipeStep() {
      if (shuttingDown) return;
      upon(writer.ready.promise, () => {
        if (shuttingDown) return;
        defaultReaderRead(reader, {
          // A microtask later, so that a source's enqueue() never runs the sink's write() on its own stack.
          chunk: (chunk) => microtask(() => {
            if (writer.stream === undefined) return;
            currentWrite = transform(writerWrite(writer, chunk), undefined, noop);
            pipeStep();
          }),
          close: noop,
          error: noop,
        });
      });
    }

    const sourceErrored = (storedError) => {
      if (!preventAbort) shutdownWithAction(() => wsAbort(dest, storedError), true, storedError);
      else shutdown(true, storedError);
    };
    const destErrored = (storedError) => {
      if (!preventCancel) shutdownWithAction(() => rsCancel(source, storedError), true, storedError);
      else shutdown(true, storedError);
    };
    const sourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer), false);
      else shutdown(false);
    };

    if (source.state === 'errored') sourceErrored(source.storedError);
    else upon(reader.closed, noop, sourceErrored);
    if (dest.state === 'errored') destErrored(dest.storedError);
    else upon(writer.closed.promise, noop, destErrored);
    if (source.state === 'closed') sourceClosed();
    else upon(reader.closed, () => sourceClosed());
    if (closeQueuedOrInFlight(dest) || dest.state === 'closed') {
      const destClosed = new TypeError('The destination stream is closed.');
      if (!preventCancel) shutdownWithAction(() => rsCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    }
    pipeStep();
    return result.promise;
  }

  // The standard's "wait for all": fulfils when every promise has, rejects with the first rejection.
  function waitForAll(promises) {
    const d = newPromise();
    let remaining = promises.length;
    if (remaining === 0) d.resolve(undefined);
    for (const p of promises) {
      upon(p, () => {
        if (--remaining === 0) d.resolve(undefined);
      }, d.reject);
    }
    return d.promise;
  }

  function convertPipeOptions(options, what) {
    const dict = dictionary(options, what);
    const preventAbort = !!dict.preventAbort;
    const preventCancel = !!dict.preventCancel;
    const preventClose = !!dict.preventClose;
    const signal = dict.signal;
    if (signal !== undefined) {
      try {
        apply(signalAborted, signal, []);
      } catch {
        throw new TypeError(`${what}: member signal is not of type 'AbortSignal'.`);
      }
    }
    return { preventAbort, preventCancel, preventClose, signal };
  }

  // AbortSignal's own getters: they brand-check, and user code cannot redefine them on a signal.
  const signalAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get;
  const signalReason = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'reason').get;

  // ---------------------------------------------------------------------------------------------------------
  // TransformStream

  class TStream {
    constructor() {
      this.readable = undefined;
      this.writable = undefined;
      this.backpressure = undefined;
      this.backpressureChange = undefined;
      this.controller = undefined;
      this.pub = undefined;
    }
  }

  class TController {
    constructor(stream) {
      this.stream = stream;
      this.transformAlgorithm = undefined;
      this.flushAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.finishPromise = undefined;
      this.pub = undefined;
    }
  }

  function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
    const startAlgorithm = () => startPromise;
    stream.writable = createWritableStream(startAlgorithm, (chunk) => tsSinkWrite(stream, chunk),
      () => tsSinkClose(stream), (reason) => tsSinkAbort(stream, reason), writableHWM, writableSize);
    stream.readable = createReadableStream(startAlgorithm, () => tsSourcePull(stream),
      (reason) => tsSourceCancel(stream, reason), readableHWM, readableSize);
    stream.backpressure = undefined;
    stream.backpressureChange = undefined;
    tsSetBackpressure(stream, true);
  }

  function setUpTController(stream, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    stream.controller = c;
    c.transformAlgorithm = transformAlgorithm;
    c.flushAlgorithm = flushAlgorithm;
    c.cancelAlgorithm = cancelAlgorithm;
    new TransformStreamDefaultController(CREATE, c);
  }

  // A transform stream over internal algorithms, already started (for the encoding streams).
  function createTransformStream(transformAlgorithm, flushAlgorithm) {
    const stream = new TStream();
    initializeTransformStream(stream, resolvedUndefined(), 1, () => 1, 0, () => 1);
    const c = new TController(stream);
    setUpTController(stream, c, (chunk) => {
      try {
        transformAlgorithm(chunk, c);
        return resolvedUndefined();
      } catch (e) {
        return rejectedWith(e);
      }
    }, () => {
      try {
        flushAlgorithm(c);
        return resolvedUndefined();
      } catch (e) {
        return rejectedWith(e);
      }
    }, resolvedUndefined);
    return stream;
  }

  function tsError(stream, e) {
    dcError(stream.readable.controller, e);
    tsErrorWritableAndUnblockWrite(stream, e);
  }

  function tsErrorWritableAndUnblockWrite(stream, e) {
    tcClearAlgorithms(stream.controller);
    wcErrorIfNeeded(stream.writable.controller, e);
    tsUnblockWrite(stream);
  }

  function tsUnblockWrite(stream) {
    if (stream.backpressure) tsSetBackpressure(stream, false);
  }

  function tsSetBackpressure(stream, backpressure) {
    if (stream.backpressureChange !== undefined) stream.backpressureChange.resolve(undefined);
    stream.backpressureChange = newPromise();
    stream.backpressure = backpressure;
  }

  function tcClearAlgorithms(c) {
    c.transformAlgorithm = undefined;
    c.flushAlgorithm = undefined;
    c.cancelAlgorithm = undefined;
  }

  function tcEnqueue(c, chunk) {
    const stream = c.stream;
    const rc = stream.readable.controller;
    if (!dcCanCloseOrEnqueue(rc)) {
      throw new TypeError('The readable side of this TransformStream is closed or errored.');
    }
    try {
      dcEnqueue(rc, chunk);
    } catch (e) {
      tsErrorWritableAndUnblockWrite(stream, e);
      throw stream.readable.storedError;
    }
    if (dcHasBackpressure(rc) !== stream.backpressure) tsSetBackpressure(stream, true);
  }

  function tcPerformTransform(c, chunk) {
    return transform(c.transformAlgorithm(chunk), undefined, (r) => {
      tsError(c.stream, r);
      throw r;
    });
  }

  function tcTerminate(c) {
    const stream = c.stream;
    dcClose(stream.readable.controller);
    tsErrorWritableAndUnblockWrite(stream, new TypeError('The TransformStream has been terminated.'));
  }

  function tsSinkWrite(stream, chunk) {
    const c = stream.controller;
    if (stream.backpressure) {
      return transform(stream.backpressureChange.promise, () => {
        const writable = stream.writable;
        if (writable.state === 'erroring') throw writable.storedError;
        return tcPerformTransform(c, chunk);
      });
    }
    return tcPerformTransform(c, chunk);
  }

  // The three ways a transform stream finishes share one promise, so that they run only once.
  function tsFinish(c, algorithmResult, onFulfilled, onRejected) {
    const d = newPromise();
    c.finishPromise = d.promise;
    upon(algorithmResult, () => {
      try {
        onFulfilled();
        d.resolve(undefined);
      } catch (e) {
        d.reject(e);
      }
    }, (r) => {
      onRejected(r);
      d.reject(r);
    });
    return d.promise;
  }

  function tsSinkAbort(stream, reason) {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise;
    const readable = stream.readable;
    const cancelPromise = c.cancelAlgorithm(reason);
    tcClearAlgorithms(c);
    return tsFinish(c, cancelPromise, () => {
      if (readable.state === 'errored') throw readable.storedError;
      dcError(readable.controller, reason);
    }, (r) => dcError(readable.controller, r));
  }

  function tsSinkClose(stream) {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise;
    const readable = stream.readable;
    const flushPromise = c.flushAlgorithm();
    tcClearAlgorithms(c);
    return tsFinish(c, flushPromise, () => {
      if (readable.state === 'errored') throw readable.storedError;
      dcClose(readable.controller);
    }, (r) => dcError(readable.controller, r));
  }

  function tsSourcePull(stream) {
    tsSetBackpressure(stream, false);
    return stream.backpressureChange.promise;
  }

  function tsSourceCancel(stream, reason) {
    const c = stream.controller;
    if (c.finishPromise !== undefined) return c.finishPromise;
    const writable = stream.writable;
    const cancelPromise = c.cancelAlgorithm(reason);
    tcClearAlgorithms(c);
    return tsFinish(c, cancelPromise, () => {
      if (writable.state === 'errored') throw writable.storedError;
      wcErrorIfNeeded(writable.controller, reason);
      tsUnblockWrite(stream);
    }, (r) => {
      wcErrorIfNeeded(writable.controller, r);
      tsUnblockWrite(stream);
    });
  }

  let tcontrollerOf;

  class TransformStreamDefaultController {
    #c;

    constructor() {
      if (arguments[0] !== CREATE) throw illegalConstructor();
      this.#c = arguments[1];
      this.#c.pub = this;
    }

    static {
      tcontrollerOf = (o) => {
        if (!isObject(o) || !(#c in o)) throw illegal();
        return o.#c;
      };
    }

    get desiredSize() {
      return dcDesiredSize(tcontrollerOf(this).stream.readable.controller);
    }

    enqueue(chunk = undefined) {
      tcEnqueue(tcontrollerOf(this), chunk);
    }

    error(reason = undefined) {
      tsError(tcontrollerOf(this).stream, reason);
    }

    terminate() {
      tcTerminate(tcontrollerOf(this));
    }
  }

  let tstreamOf;

  class TransformStream {
    #s;

    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      if (transformer === CREATE) {
        this.#s = writableStrategy;
        writableStrategy.pub = this;
        return;
      }
      const what = "Failed to construct 'TransformStream'";
      const writableDict = convertStrategy(writableStrategy, what);
      const readableDict = convertStrategy(readableStrategy, what);
      const t = transformer === undefined ? {} : transformer;
      if (!isObject(t)) throw new TypeError(`${what}: The transformer must be an object.`);
      const cancel = callbackMember(t, 'cancel', what);
      const flush = callbackMember(t, 'flush', what);
      const readableType = t.readableType;
      const start = callbackMember(t, 'start', what);
      const transformFn = callbackMember(t, 'transform', what);
      const writableType = t.writableType;
      if (readableType !== undefined) throw new RangeError(`${what}: Invalid readableType specified.`);
      if (writableType !== undefined) throw new RangeError(`${what}: Invalid writableType specified.`);
      const readableHWM = extractHighWaterMark(readableDict, 0);
      const readableSize = extractSizeAlgorithm(readableDict);
      const writableHWM = extractHighWaterMark(writableDict, 1);
      const writableSize = extractSizeAlgorithm(writableDict);
      const stream = new TStream();
      this.#s = stream;
      stream.pub = this;
      const startPromise = newPromise();
      initializeTransformStream(stream, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
      const c = new TController(stream);
      setUpTController(stream, c,
        transformFn === undefined
          ? (chunk) => {
            try {
              tcEnqueue(c, chunk);
              return resolvedUndefined();
            } catch (e) {
              return rejectedWith(e);
            }
          }
          : (chunk) => promiseCall(transformFn, t, [chunk, c.pub]),
        flush === undefined ? resolvedUndefined : () => promiseCall(flush, t, [c.pub]),
        cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, t, [reason]));
      startPromise.resolve(start === undefined ? undefined : apply(start, t, [c.pub]));
    }

    static {
      tstreamOf = (o) => {
        if (!isObject(o) || !(#s in o)) throw illegal();
        return o.#s;
      };
    }

    get readable() {
      return tstreamOf(this).readable.pub;
    }

    get writable() {
      return tstreamOf(this).writable.pub;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // workerd's byte transforms: IdentityTransformStream and FixedLengthStream
  //
  // A write completes only once a read takes its bytes, so the pair buffers at most one chunk, and the readable
  // side is a byte stream, so BYOB readers work.

  const NOT_BYTES = 'This TransformStream is being used as a byte stream, but received an object of '
    + 'non-ArrayBuffer/ArrayBufferView type on its writable side.';

  function initializeByteTransform(expectedLength, highWaterMark) {
    let waitingWrite = null; // the sink's write, until a read wants bytes: { bytes, d }
    let waitingPull = null; // the source's pull, until a write brings bytes
    let seen = 0;
    let readable;
    let writable;
    const deliver = (bytes) => bcEnqueue(readable.controller, bytes);
    const releasePull = () => {
      if (waitingPull !== null) {
        waitingPull.resolve(undefined);
        waitingPull = null;
      }
    };
    readable = createReadableByteStream(noop, () => {
      if (waitingWrite === null) {
        waitingPull = newPromise();
        return waitingPull.promise;
      }
      const w = waitingWrite;
      waitingWrite = null;
      deliver(w.bytes);
      w.d.resolve(undefined);
      return resolvedUndefined();
    }, (reason) => {
      wcErrorIfNeeded(writable.controller, reason);
      if (waitingWrite !== null) {
        waitingWrite.d.reject(reason);
        waitingWrite = null;
      }
      return resolvedUndefined();
    });
    writable = createWritableStream(noop, (chunk) => {
      if (!isBufferSource(chunk)) return rejectedWith(new TypeError(NOT_BYTES));
      // A copy: the writer may reuse its buffer once the write resolves, and enqueueing transfers the buffer.
      const bytes = chunk instanceof ArrayBuffer ? new Uint8Array(sliceBuffer(chunk, 0, chunk.byteLength))
        : new Uint8Array(sliceBuffer(chunk.buffer, chunk.byteOffset, chunk.byteOffset + chunk.byteLength));
      seen += bytes.byteLength;
      if (expectedLength !== undefined && seen > expectedLength) {
        const e = new TypeError('Attempt to write too many bytes through a FixedLengthStream.');
        bcError(readable.controller, e);
        releasePull();
        return rejectedWith(e);
      }
      if (bytes.byteLength === 0) return resolvedUndefined();
      if (waitingPull !== null) {
        deliver(bytes);
        releasePull();
        return resolvedUndefined();
      }
      const d = newPromise();
      waitingWrite = { bytes, d };
      return d.promise;
    }, () => {
      if (expectedLength !== undefined && seen < expectedLength) {
        const e = new TypeError('FixedLengthStream did not see all expected bytes before close().');
        bcError(readable.controller, e);
        releasePull();
        return rejectedWith(e);
      }
      const c = readable.controller;
      bcClose(c);
      if (readable.state === 'closed' && c.pendingPullIntos.length > 0) bcRespond(c, 0);
      releasePull();
      return resolvedUndefined();
    }, (reason) => {
      bcError(readable.controller, reason);
      releasePull();
      return resolvedUndefined();
    }, highWaterMark, (chunk) => (isBufferSource(chunk) ? chunk.byteLength : 1));
    const stream = new TStream();
    stream.readable = readable;
    stream.writable = writable;
    return stream;
  }

  function byteTransformHighWaterMark(strategy, what) {
    const dict = dictionary(strategy, what);
    if (dict.highWaterMark === undefined) return 1;
    return extractHighWaterMark({ highWaterMark: +dict.highWaterMark }, 0);
  }

  class IdentityTransformStream extends TransformStream {
    constructor(strategy = undefined) {
      const what = "Failed to construct 'IdentityTransformStream'";
      super(CREATE, initializeByteTransform(undefined, byteTransformHighWaterMark(strategy, what)));
    }
  }

  class FixedLengthStream extends TransformStream {
    constructor(expectedLength, strategy = undefined) {
      const what = "Failed to construct 'FixedLengthStream'";
      requireArgs(arguments.length, 1, what);
      const n = Number(expectedLength);
      if (!Number.isInteger(n) || n < 0 || n > Number.MAX_SAFE_INTEGER) {
        throw new TypeError(`${what}: expectedLength must be a non-negative integer.`);
      }
      super(CREATE, initializeByteTransform(n, byteTransformHighWaterMark(strategy, what)));
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // TextEncoderStream, TextDecoderStream

  let textEncoderStreamOf;

  class TextEncoderStream {
    #t;

    constructor() {
      // A high surrogate that ends a chunk waits for the next chunk, which may complete the pair.
      let pendingHighSurrogate = null;
      const encoder = new TextEncoder();
      this.#t = createTransformStream((chunk, c) => {
        let text = `${chunk}`;
        if (pendingHighSurrogate !== null) {
          text = pendingHighSurrogate + text;
          pendingHighSurrogate = null;
        }
        if (text.length === 0) return;
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHighSurrogate = text[text.length - 1];
          text = text.slice(0, -1);
          if (text.length === 0) return;
        }
        tcEnqueue(c, encoder.encode(text));
      }, (c) => {
        if (pendingHighSurrogate !== null) tcEnqueue(c, new Uint8Array([0xef, 0xbf, 0xbd]));
      });
    }

    static {
      textEncoderStreamOf = (o) => {
        if (!isObject(o) || !(#t in o)) throw illegal();
        return o.#t;
      };
    }

    get encoding() {
      textEncoderStreamOf(this);
      return 'utf-8';
    }

    get readable() {
      return textEncoderStreamOf(this).readable.pub;
    }

    get writable() {
      return textEncoderStreamOf(this).writable.pub;
    }
  }

  let textDecoderStreamOf;

  class TextDecoderStream {
    #t;
    #decoder;

    constructor(label = 'utf-8', options = undefined) {
      const decoder = new TextDecoder(label, options);
      this.#decoder = decoder;
      this.#t = createTransformStream((chunk, c) => {
        if (!isBufferSource(chunk)) {
          throw new TypeError("TextDecoderStream: the chunk is not of type '(ArrayBuffer or ArrayBufferView)'.");
        }
        const text = decoder.decode(chunk, { stream: true });
        if (text.length > 0) tcEnqueue(c, text);
      }, (c) => {
        const text = decoder.decode();
        if (text.length > 0) tcEnqueue(c, text);
      });
    }

    static {
      textDecoderStreamOf = (o) => {
        if (!isObject(o) || !(#t in o)) throw illegal();
        return o.#decoder;
      };
    }

    get encoding() {
      return textDecoderStreamOf(this).encoding;
    }

    get fatal() {
      return textDecoderStreamOf(this).fatal;
    }

    get ignoreBOM() {
      return textDecoderStreamOf(this).ignoreBOM;
    }

    get readable() {
      textDecoderStreamOf(this);
      return this.#t.readable.pub;
    }

    get writable() {
      textDecoderStreamOf(this);
      return this.#t.writable.pub;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // ReadableStream

  class ReadableStream {
    #s;

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === CREATE) {
        this.#s = strategy;
        strategy.pub = this;
        return;
      }
      const what = "Failed to construct 'ReadableStream'";
      const strategyDict = convertStrategy(strategy, what);
      const source = underlyingSource === undefined ? {} : underlyingSource;
      if (!isObject(source)) throw new TypeError(`${what}: The underlying source must be an object.`);
      const autoAllocateChunkSize = enforceRange(source.autoAllocateChunkSize, what, true);
      const cancel = callbackMember(source, 'cancel', what);
      const pull = callbackMember(source, 'pull', what);
      const start = callbackMember(source, 'start', what);
      const rawType = source.type;
      const type = rawType === undefined ? undefined : `${rawType}`;
      if (type !== undefined && type !== 'bytes') throw new TypeError(`${what}: '${type}' is not a valid stream type.`);
      const stream = new RStream();
      this.#s = stream;
      stream.pub = this;
      if (type === 'bytes') {
        if (strategyDict.size !== undefined) {
          throw new RangeError(`${what}: A byte stream cannot have a size function.`);
        }
        const hwm = extractHighWaterMark(strategyDict, 0);
        setUpByteControllerFromSource(stream, source, start, pull, cancel, autoAllocateChunkSize, hwm, what);
      } else {
        const sizeAlgorithm = extractSizeAlgorithm(strategyDict);
        const hwm = extractHighWaterMark(strategyDict, 1);
        const c = new DefaultController(stream);
        setUpDefaultController(stream, c,
          start === undefined ? noop : () => apply(start, source, [c.pub]),
          pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [c.pub]),
          cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]),
          hwm, sizeAlgorithm);
      }
    }

    static {
      streamOf = (o, what) => {
        if (!isObject(o) || !(#s in o)) {
          throw what === undefined ? illegal() : new TypeError(`${what}: parameter 1 is not of type 'ReadableStream'.`);
        }
        return o.#s;
      };
    }

    get locked() {
      return isLocked(streamOf(this));
    }

    cancel(reason = undefined) {
      let stream;
      try {
        stream = streamOf(this);
      } catch (e) {
        return rejectedWith(e);
      }
      if (isLocked(stream)) {
        return rejectedWith(typeError('ReadableStream', 'cancel', READABLE_LOCKED));
      }
      return rsCancel(stream, reason);
    }

    getReader(options = undefined) {
      const stream = streamOf(this);
      const what = "Failed to execute 'getReader' on 'ReadableStream'";
      const mode = dictionary(options, what).mode;
      if (mode === undefined) return acquireDefaultReader(stream).pub;
      if (`${mode}` !== 'byob') throw new TypeError(`${what}: '${mode}' is not a valid reader mode.`);
      return acquireBYOBReader(stream).pub;
    }

    tee() {
      const [a, b] = rsTee(streamOf(this));
      return [a.pub, b.pub];
    }

    pipeTo(destination, options = undefined) {
      const what = "Failed to execute 'pipeTo' on 'ReadableStream'";
      let stream;
      let dest;
      let o;
      try {
        stream = streamOf(this);
        requireArgs(arguments.length, 1, what);
        dest = wstreamOf(destination, what);
        o = convertPipeOptions(options, what);
      } catch (e) {
        return rejectedWith(e);
      }
      if (isLocked(stream)) {
        return rejectedWith(new TypeError(`${what}: This ReadableStream is currently locked to a reader.`));
      }
      if (isWritableLocked(dest)) {
        return rejectedWith(new TypeError(`${what}: The destination WritableStream is currently locked to a writer.`));
      }
      return rsPipeTo(stream, dest, o.preventClose, o.preventAbort, o.preventCancel, o.signal);
    }

    pipeThrough(transform, options = undefined) {
      const stream = streamOf(this);
      const what = "Failed to execute 'pipeThrough' on 'ReadableStream'";
      requireArgs(arguments.length, 1, what);
      const pair = dictionary(transform, what);
      const readable = pair.readable;
      streamOf(readable, what);
      const writable = wstreamOf(pair.writable, what);
      const o = convertPipeOptions(options, what);
      if (isLocked(stream)) throw new TypeError(`${what}: This ReadableStream is currently locked to a reader.`);
      if (isWritableLocked(writable)) {
        throw new TypeError(`${what}: The WritableStream is currently locked to a writer.`);
      }
      markHandled(rsPipeTo(stream, writable, o.preventClose, o.preventAbort, o.preventCancel, o.signal));
      return readable;
    }

    values(options = undefined) {
      return createIterator(streamOf(this), options);
    }

    static from(asyncIterable) {
      requireArgs(arguments.length, 1, "Failed to execute 'from' on 'ReadableStream'");
      return readableStreamFromIterable(asyncIterable).pub;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Internal hooks for the body code

  async function readAll(pub) {
    const stream = streamOf(pub);
    const isByteStream = stream.controller instanceof ByteController;
    const reader = acquireDefaultReader(stream);
    const chunks = [];
    let total = 0;
    for (;;) {
      const d = newPromise();
      defaultReaderRead(reader, promiseReadRequest(d));
      const { value, done } = await d.promise;
      if (done) break;
      if (!isBufferSource(value)) {
        const e = new TypeError('This ReadableStream did not return bytes.');
        markHandled(rsCancel(reader.stream, e));
        throw e;
      }
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      chunks.push(bytes);
      total += bytes.byteLength;
    }
    readerRelease(reader);
    // A byte stream transferred its chunks, so a lone whole one is ours to return; a default stream's chunks may
    // still be in the hands of whoever enqueued them.
    if (chunks.length === 1 && !(isByteStream && chunks[0].byteLength === chunks[0].buffer.byteLength)) return chunks[0].slice();
    return internal.concatBytes(chunks, total);
  }

  internal.streams = {
    fromHost(pull, cancel) {
      const stream = newRStream();
      const c = new ByteController(stream);
      const pullOnce = () => {
        let chunk;
        try {
          chunk = pull();
        } catch (e) {
          return rejectedWith(e);
        }
        return transform(chunk, onChunk);
      };
      const onChunk = (chunk) => {
        if (chunk === null) {
          bcClose(c);
          // A BYOB read waiting on the source ends with an empty view.
          if (stream.state === 'closed' && c.pendingPullIntos.length > 0) bcRespond(c, 0);
          return undefined;
        }
        // An empty chunk satisfies no read, and enqueue refuses it; ask the host again.
        if (chunk.byteLength === 0) return pullOnce();
        bcEnqueue(c, chunk);
        return undefined;
      };
      setUpByteController(stream, c, noop, pullOnce,
        (reason) => promiseCall(cancel, undefined, [reason]), 0, undefined);
      return stream.pub;
    },
    isDisturbed: (pub) => streamOf(pub).disturbed,
    isLocked: (pub) => isLocked(streamOf(pub)),
    readAll,
    fromBytes(u8) {
      const stream = newRStream();
      const c = new ByteController(stream);
      // A copy, so that transferring the chunk to a reader cannot detach the caller's bytes.
      const copy = u8.slice();
      setUpByteController(stream, c, () => {
        if (copy.byteLength > 0) bcEnqueueChunkToQueue(c, copy.buffer, 0, copy.byteLength);
        bcClose(c);
      }, resolvedUndefined, resolvedUndefined, 0, undefined);
      return stream.pub;
    },
  };

  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values, writable: true, configurable: true,
  });

  for (const cls of [WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
    TransformStream, TransformStreamDefaultController, IdentityTransformStream, FixedLengthStream,
    TextEncoderStream, TextDecoderStream]) defineInterface(cls);
  for (const cls of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController,
    ReadableByteStreamController, ReadableStreamBYOBRequest, ReadableStreamBYOBReader,
    ByteLengthQueuingStrategy, CountQueuingStrategy]) defineInterface(cls);
})(globalThis.__corralInternal);
