// Small globals: crypto's random half, performance, queueMicrotask, navigator.
(function (internal) {
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];

  function getRandomValues(array) {
    if (!INTEGER_ARRAYS.some((type) => array instanceof type)) {
      throw new DOMException('The data argument must be an integer-type TypedArray.', 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`, 'QuotaExceededError');
    }
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(internal.ops.randomBytes(array.byteLength));
    return array;
  }

  function randomUUID() {
    const b = internal.ops.randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  class Crypto {
    getRandomValues(array) { return getRandomValues(array); }
    randomUUID() { return randomUUID(); }
    get subtle() { return internal.subtle; }
  }
  internal.defineGlobal('Crypto', Crypto);
  internal.defineGlobal('crypto', new Crypto());

  // Workers expose a coarse clock that advances with I/O, against timing side channels; Date.now() gives the same
  // millisecond resolution here.
  const timeOrigin = Date.now();
  internal.initHooks.push(() => {
    performance.timeOrigin = Date.now();
  });
  const performance = {
    timeOrigin,
    now() { return Date.now() - performance.timeOrigin; },
    toJSON() { return { timeOrigin: performance.timeOrigin }; },
  };
  internal.defineGlobal('performance', performance);

  internal.defineGlobal('queueMicrotask', function queueMicrotask(callback) {
    if (typeof callback !== 'function') throw new TypeError('The callback provided as the first argument must be a function.');
    Promise.resolve().then(callback).catch((error) => internal.reportError(error));
  });

  internal.defineGlobal('navigator', Object.freeze({ userAgent: 'Cloudflare-Workers', hardwareConcurrency: 1, language: 'en' }));

  internal.reportError = (error) => {
    if (internal.ops !== null) internal.ops.log('error', `Uncaught ${internal.inspect(error)}`);
  };
})(globalThis.__corralInternal);
