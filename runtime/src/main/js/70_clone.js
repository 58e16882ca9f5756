// structuredClone: the HTML Standard's StructuredSerializeWithTransfer followed by StructuredDeserializeWithTransfer,
// fused into one walk because both ends are the same realm.
'use strict';
(function (internal) {
  const { DOMException } = internal;
  const { getPrototypeOf, defineProperty, getOwnPropertyDescriptor, hasOwn, keys } = Object;
  const getter = (proto, key) => getOwnPropertyDescriptor(proto, key).get;

  // The intrinsics the walk reads through, so that user code replacing a prototype member changes nothing.
  const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
  const typedArrayName = getter(TypedArrayPrototype, Symbol.toStringTag);
  const typedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
  const typedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
  const typedArrayLength = getter(TypedArrayPrototype, 'length');
  const typedArrayAt = TypedArrayPrototype.at;
  const dataViewBuffer = getter(DataView.prototype, 'buffer');
  const dataViewByteOffset = getter(DataView.prototype, 'byteOffset');
  const dataViewByteLength = getter(DataView.prototype, 'byteLength');
  const bufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const bufferDetached = getter(ArrayBuffer.prototype, 'detached');
  const bufferResizable = getter(ArrayBuffer.prototype, 'resizable');
  const bufferMaxByteLength = getter(ArrayBuffer.prototype, 'maxByteLength');
  const { resize: bufferResize, transfer: bufferTransfer } = ArrayBuffer.prototype;
  const dateValue = Date.prototype.getTime;
  const regExpSource = getter(RegExp.prototype, 'source');
  const regExpFlags = getter(RegExp.prototype, 'flags');
  const booleanValue = Boolean.prototype.valueOf;
  const numberValue = Number.prototype.valueOf;
  const stringValue = String.prototype.valueOf;
  const bigIntValue = BigInt.prototype.valueOf;
  const { forEach: mapForEach, set: mapSet } = Map.prototype;
  const { forEach: setForEach, add: setAdd } = Set.prototype;
  const domExceptionName = getter(DOMException.prototype, 'name');
  const domExceptionMessage = getter(DOMException.prototype, 'message');
  const objectToString = Object.prototype.toString;

  const ERRORS = new Map(
    [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError].map((c) => [c.name, c]));
  const TYPED_ARRAYS = new Map();

  // Built-ins with internal slots that have no serialization: the spec throws DataCloneError for them.
  const REFUSED = new Set([WeakMap, WeakSet, WeakRef, FinalizationRegistry, Promise, Symbol].map((c) => c.prototype));
  for (const iterator of [[].values(), new Map().values(), new Set().values(), ''[Symbol.iterator](),
    /./[Symbol.matchAll]('')]) {
    REFUSED.add(getPrototypeOf(iterator));
  }
  // A generator object inherits from its function's own prototype, which inherits from the intrinsic one.
  for (const generator of [(function* () {})(), (async function* () {})()]) {
    REFUSED.add(getPrototypeOf(getPrototypeOf(generator)));
  }

  // V8 installs some built-ins only in an isolate restored from the snapshot (Error.isError, Float16Array,
  // SharedArrayBuffer, WebAssembly, DisposableStack), and Blob and File may come from a file loaded after this one.
  // The init hook takes them before any user code can replace the globals.
  let isError;
  let Blob;
  let File;
  internal.initHooks.push(() => {
    isError = Error.isError;
    ({ Blob, File } = globalThis);
    for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
      'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
      if (typeof globalThis[name] === 'function') TYPED_ARRAYS.set(name, globalThis[name]);
    }
    for (const name of ['SharedArrayBuffer', 'DisposableStack', 'AsyncDisposableStack']) {
      if (typeof globalThis[name] === 'function') REFUSED.add(globalThis[name].prototype);
    }
    for (const namespace of [globalThis.WebAssembly, globalThis.Intl]) {
      if (namespace === undefined) continue;
      for (const value of Object.values(namespace)) {
        if (typeof value?.prototype === 'object') REFUSED.add(value.prototype);
      }
    }
  });

  function uncloneable(value) {
    let what;
    if (typeof value === 'symbol') what = String(value);
    else if (typeof value === 'function') what = `function ${value.name}`;
    else what = `#<${objectToString.call(value).slice(8, -1)}>`;
    return new DOMException(`${what} could not be cloned.`, 'DataCloneError');
  }

  function structuredClone(value, options = undefined) {
    internal.requireArgs(arguments.length, 1, "Failed to execute 'structuredClone'");
    // transfers: each transferred ArrayBuffer -> the buffer its clone uses, or null while the walk hasn't met it.
    const transfers = new Map();
    const transferList = internal.dictionary(options, "Failed to execute 'structuredClone'").transfer;
    if (transferList !== undefined) {
      if (!isObject(transferList) || typeof transferList[Symbol.iterator] !== 'function') {
        throw new TypeError("Failed to execute 'structuredClone': member transfer is not iterable.");
      }
      const list = [];
      for (const transferable of transferList) {
        if (!isObject(transferable)) {
          throw new TypeError("Failed to execute 'structuredClone': member transfer contains a non-object.");
        }
        list.push(transferable);
      }
      for (const transferable of list) {
        if (!(transferable instanceof ArrayBuffer)) {
          throw new DOMException('Only ArrayBuffers can be transferred.', 'DataCloneError');
        }
        if (transfers.has(transferable)) {
          throw new DOMException('An ArrayBuffer is duplicated in the transfer list.', 'DataCloneError');
        }
        transfers.set(transferable, null);
      }
    }

    const result = cloneValue(value, new Map(), transfers);

    // Transferring happens only once the whole value has serialized, so a failed clone detaches nothing. The
    // clone already holds views on fresh buffers; they take the bytes now and the originals are detached.
    for (const [buffer, target] of transfers) {
      if (bufferDetached.call(buffer)) {
        throw new DOMException('An ArrayBuffer in the transfer list is detached.', 'DataCloneError');
      }
      if (target !== null) {
        const length = bufferByteLength.call(buffer);
        if (bufferByteLength.call(target) !== length) bufferResize.call(target, length);
        new Uint8Array(target).set(new Uint8Array(buffer));
      }
      bufferTransfer.call(buffer, 0);
    }
    return result;
  }

  function isObject(value) {
    return (typeof value === 'object' && value !== null) || typeof value === 'function';
  }

  function cloneValue(value, memory, transfers) {
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'function' || typeof value === 'symbol') throw uncloneable(value);
      return value;
    }
    let out = memory.get(value);
    if (out !== undefined) return out;

    const proto = getPrototypeOf(value);
    if (proto === Object.prototype) {
      out = {};
      memory.set(value, out);
      cloneProperties(value, out, keys(value), 0, memory, transfers);
      return out;
    }
    if (Array.isArray(value)) return cloneArray(value, memory, transfers);
    if (ArrayBuffer.isView(value)) {
      const name = typedArrayName.call(value);
      // Both probes throw TypeError for a view outside its (detached or shrunk resizable) buffer.
      try {
        if (name === undefined) dataViewByteLength.call(value);
        else typedArrayAt.call(value, 0);
      } catch {
        throw new DOMException('An out-of-bounds ArrayBuffer view could not be cloned.', 'DataCloneError');
      }
      if (name === undefined) {
        const buffer = cloneBuffer(dataViewBuffer.call(value), memory, transfers);
        out = new DataView(buffer, dataViewByteOffset.call(value), dataViewByteLength.call(value));
      } else {
        const buffer = cloneBuffer(typedArrayBuffer.call(value), memory, transfers);
        out = new (TYPED_ARRAYS.get(name))(buffer, typedArrayByteOffset.call(value), typedArrayLength.call(value));
      }
      memory.set(value, out);
      return out;
    }
    if (value instanceof ArrayBuffer) return cloneBuffer(value, memory, transfers);
    if (isError(value)) {
      out = cloneError(value);
      memory.set(value, out);
      // V8 carries an error's cause too; the clone takes it like any other value.
      const cause = getOwnPropertyDescriptor(value, 'cause');
      if (cause !== undefined && 'value' in cause) {
        defineProperty(out, 'cause', {
          value: cloneValue(cause.value, memory, transfers), writable: true, configurable: true,
        });
      }
      return out;
    }
    if (value instanceof Date) out = new Date(dateValue.call(value));
    else if (value instanceof RegExp) out = new RegExp(regExpSource.call(value), regExpFlags.call(value));
    else if (value instanceof Map) return cloneMap(value, memory, transfers);
    else if (value instanceof Set) return cloneSet(value, memory, transfers);
    else if (value instanceof Boolean) out = new Boolean(booleanValue.call(value));
    else if (value instanceof Number) out = new Number(numberValue.call(value));
    else if (value instanceof String) out = new String(stringValue.call(value));
    else if (value instanceof BigInt) out = Object(bigIntValue.call(value));
    else if (File !== undefined && value instanceof File) {
      out = new File([value], value.name, { type: value.type, lastModified: value.lastModified });
    } else if (Blob !== undefined && value instanceof Blob) {
      out = new Blob([value], { type: value.type });
    } else {
      for (let p = proto; p !== null; p = getPrototypeOf(p)) {
        if (REFUSED.has(p) || internal.platformPrototypes.has(p)) throw uncloneable(value);
      }
      out = {};
      memory.set(value, out);
      cloneProperties(value, out, keys(value), 0, memory, transfers);
      return out;
    }
    memory.set(value, out);
    return out;
  }

  /**
   * Copies the own enumerable string-keyed properties names[from..], as CreateDataProperty would: inherited
   * setters never run.
   */
  function cloneProperties(value, out, names, from, memory, transfers) {
    for (let i = from; i < names.length; i++) {
      const key = names[i];
      // A getter met earlier in the walk may have deleted this property.
      if (!hasOwn(value, key)) continue;
      const copy = cloneValue(value[key], memory, transfers);
      if (key in out) defineProperty(out, key, { value: copy, writable: true, enumerable: true, configurable: true });
      else out[key] = copy;
    }
  }

  function cloneArray(value, memory, transfers) {
    const length = value.length;
    const out = new Array(length);
    memory.set(value, out);
    const names = keys(value);
    // Object.keys lists array indices first, ascending. When the length-th name is the last index, the array has
    // no holes, and its elements can be walked by number rather than by string key.
    let from = 0;
    if (length > 0 && names.length >= length && names[length - 1] === `${length - 1}`) {
      for (let i = 0; i < length; i++) {
        if (!hasOwn(value, i)) continue;
        const copy = cloneValue(value[i], memory, transfers);
        if (i in out) defineProperty(out, i, { value: copy, writable: true, enumerable: true, configurable: true });
        else out[i] = copy;
      }
      from = length;
    }
    cloneProperties(value, out, names, from, memory, transfers);
    return out;
  }

  function cloneBuffer(buffer, memory, transfers) {
    let out = memory.get(buffer);
    if (out !== undefined) return out;
    if (!(buffer instanceof ArrayBuffer)) throw uncloneable(buffer);
    const transferred = transfers.has(buffer);
    if (!transferred && bufferDetached.call(buffer)) {
      throw new DOMException('A detached ArrayBuffer could not be cloned.', 'DataCloneError');
    }
    const length = bufferByteLength.call(buffer);
    out = bufferResizable.call(buffer)
      ? new ArrayBuffer(length, { maxByteLength: bufferMaxByteLength.call(buffer) })
      : new ArrayBuffer(length);
    if (transferred) transfers.set(buffer, out);
    else new Uint8Array(out).set(new Uint8Array(buffer));
    memory.set(buffer, out);
    return out;
  }

  function cloneError(value) {
    if (value instanceof DOMException) {
      return new DOMException(domExceptionMessage.call(value), domExceptionName.call(value));
    }
    const name = value.name;
    const message = getOwnPropertyDescriptor(value, 'message');
    const out = new (ERRORS.get(name) ?? Error)();
    if (message !== undefined && 'value' in message) {
      defineProperty(out, 'message', { value: `${message.value}`, writable: true, configurable: true });
    }
    const stack = value.stack;
    if (typeof stack === 'string') defineProperty(out, 'stack', { value: stack, writable: true, configurable: true });
    return out;
  }

  function cloneMap(value, memory, transfers) {
    const out = new Map();
    memory.set(value, out);
    // Entries added while the walk runs user getters are not part of the clone, as in the spec.
    const entries = [];
    mapForEach.call(value, (v, k) => entries.push(k, v));
    for (let i = 0; i < entries.length; i += 2) {
      const k = cloneValue(entries[i], memory, transfers);
      mapSet.call(out, k, cloneValue(entries[i + 1], memory, transfers));
    }
    return out;
  }

  function cloneSet(value, memory, transfers) {
    const out = new Set();
    memory.set(value, out);
    const members = [];
    setForEach.call(value, (v) => members.push(v));
    for (let i = 0; i < members.length; i++) setAdd.call(out, cloneValue(members[i], memory, transfers));
    return out;
  }

  internal.defineGlobal('structuredClone', structuredClone);
})(globalThis.__corralInternal);
