// The private namespace that the Web API files share.
//
// Every file in this folder is a classic script, loaded once in name order into a blank isolate, which is then
// frozen into a V8 startup snapshot. Each file is one IIFE that receives `internal`:
//
//     (function (internal) { ... })(globalThis.__corralInternal);
//
// Host ops are native functions and cannot live in a snapshot, so `internal.ops` stays null until the host calls
// `internal.init(ops)` on a restored isolate. Nothing may call an op while the files load. `init` removes
// `__corralInternal` from the global object, so user code never sees `internal` or the ops: every op is still
// scoped to its own isolate on the Java side, so reaching one would grant nothing beyond the worker's own rights.
'use strict';
(function () {
  const pending = new Map();
  let nextCallId = 1;

  const internal = {
    /** Host ops: flat functions taking strings, numbers and byte arrays. Installed by init(). */
    ops: null,

    /** Defines a global the way Web IDL does: writable, configurable, not enumerable. */
    defineGlobal(name, value) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    },

    /**
     * Calls an asynchronous op. The op receives a fresh call id first; the host later settles it through
     * `settle(id, ok, value)`. Returns a promise for the value.
     */
    asyncOp(op, ...args) {
      return internal.startAsyncOp(op, ...args).promise;
    },

    /** Like asyncOp, but also returns the call id, so the call can be cancelled with `ops.cancelCall(id)`. */
    startAsyncOp(op, ...args) {
      const id = nextCallId++;
      const promise = new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          op(id, ...args);
        } catch (e) {
          pending.delete(id);
          reject(e);
        }
      });
      return { id, promise };
    },

    /** Called by the host to settle an asynchronous op. A rejection value is [errorName, message]. */
    settle(id, ok, value) {
      const entry = pending.get(id);
      if (entry === undefined) return;
      pending.delete(id);
      if (ok) entry.resolve(value);
      else entry.reject(internal.hostError(value[0], value[1]));
    },

    /** Drops a pending call whose result is no longer wanted (a cleared timer, an aborted fetch). */
    forget(id) {
      pending.delete(id);
    },

    /** Builds the error a host op reported: a DOMException name or a JS error constructor name. */
    hostError(name, message) {
      const ctor = globalThis[name];
      if (typeof ctor === 'function' && ctor.prototype instanceof Error) return new ctor(message);
      if (typeof DOMException === 'function') return new DOMException(message, name);
      const error = new Error(message);
      error.name = name;
      return error;
    },

    /** Joins byte chunks into one Uint8Array (a lone chunk is returned as is). */
    concatBytes(chunks, total) {
      if (chunks.length === 1) return chunks[0];
      const out = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return out;
    },

    /** Hooks that later files add, run by init() in registration order once ops exist. */
    initHooks: [],

    init(ops) {
      internal.ops = ops;
      for (const hook of internal.initHooks) hook();
      delete globalThis.__corralInternal;
    },
  };

  Object.defineProperty(globalThis, '__corralInternal', { value: internal, configurable: true, writable: false });
})();
