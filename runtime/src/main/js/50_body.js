// The body shared by Request and Response (the Fetch standard's Body mixin).
//
// A body keeps the cheapest form it can: a string or bytes the worker gave, or the handle of a host pipe (a request
// or fetch response body). It becomes a ReadableStream only if the worker asks for `.body`. Handing such a body
// back to the host (returning it, or sending it with fetch) passes the pipe handle through without copying it
// through JS at all, so a proxying worker costs almost nothing per byte.
(function (internal) {
  const USED_MESSAGE = 'Body has already been used. It can only be used once. Use tee() first if you need to read it twice.';

  function isBufferSource(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  function copyBytes(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
    return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
  }

  class BodyState {
    constructor(source, contentType) {
      this.source = source; // null | string | Uint8Array | ReadableStream | { handle }
      this.contentType = contentType;
      this.stream = null;
      this.used = false;
      this.pumping = null; // settles when toHost()'s pump has copied the whole stream to the host
    }

    get isStream() {
      return this.source instanceof ReadableStream || (this.source !== null && typeof this.source === 'object' && 'handle' in this.source);
    }

    get readable() {
      if (this.source === null) return null;
      if (this.stream === null) {
        const source = this.source;
        if (source instanceof ReadableStream) this.stream = source;
        else if (typeof source === 'string') this.stream = internal.streams.fromBytes(internal.utf8.encode(source));
        else if (source instanceof Uint8Array) this.stream = internal.streams.fromBytes(source);
        else this.stream = hostStream(source.handle);
      }
      return this.stream;
    }

    get bodyUsed() {
      return this.used || (this.stream !== null && internal.streams.isDisturbed(this.stream));
    }

    take() {
      if (this.bodyUsed) throw new TypeError(USED_MESSAGE);
      if (this.stream !== null && internal.streams.isLocked(this.stream)) throw new TypeError('The ReadableStream is locked.');
      this.used = true;
    }

    async bytes() {
      this.take();
      const source = this.source;
      if (source === null) return new Uint8Array(0);
      if (this.stream === null) {
        if (typeof source === 'string') return internal.utf8.encode(source);
        if (source instanceof Uint8Array) return source.slice();
        if (!(source instanceof ReadableStream)) return readHostPipe(source.handle);
      }
      return internal.streams.readAll(this.readable);
    }

    async text() {
      if (typeof this.source === 'string' && this.stream === null) {
        this.take();
        return this.source;
      }
      return internal.utf8.decode(await this.bytes());
    }

    /**
     * The body as the host takes it: null, a string, bytes, or a pipe handle (a host pipe passed through, or a new
     * one that a pump fills from the JS stream).
     */
    toHost() {
      const source = this.source;
      if (source === null) return null;
      this.take();
      if (this.stream === null) {
        if (typeof source === 'string' || source instanceof Uint8Array) return source;
        if (!(source instanceof ReadableStream)) return source.handle;
      }
      const handle = internal.ops.pipeCreate();
      this.pumping = pump(this.readable, handle);
      return handle;
    }

    clone() {
      if (this.bodyUsed) throw new TypeError(USED_MESSAGE);
      const source = this.source;
      if (source === null || typeof source === 'string' || source instanceof Uint8Array) {
        return new BodyState(source, this.contentType);
      }
      const [mine, theirs] = this.readable.tee();
      this.stream = mine;
      this.source = mine;
      return new BodyState(theirs, this.contentType);
    }
  }

  function hostStream(handle) {
    return internal.streams.fromHost(
      () => internal.asyncOp(internal.ops.pipeRead, handle),
      (reason) => internal.ops.pipeError(handle, String(reason)),
    );
  }

  async function readHostPipe(handle) {
    const chunks = [];
    let total = 0;
    for (;;) {
      const chunk = await internal.asyncOp(internal.ops.pipeRead, handle);
      if (chunk === null) break;
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    return internal.concatBytes(chunks, total);
  }

  /** Copies a JS stream into a host pipe, waiting for the host before each next chunk (backpressure). */
  async function pump(stream, handle) {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!isBufferSource(value)) throw new TypeError('This ReadableStream did not return bytes.');
        const chunk = value instanceof Uint8Array ? value : copyBytes(value);
        await internal.asyncOp(internal.ops.pipeWrite, handle, chunk);
      }
      internal.ops.pipeClose(handle);
    } catch (error) {
      try {
        internal.ops.pipeError(handle, String(error && error.message || error));
      } catch {
        // The host already dropped the pipe (the request ended); nothing is waiting for it.
      }
      reader.cancel(error).catch(() => {});
    }
  }

  /** Turns a BodyInit into a BodyState (the standard's "extract a body"). */
  function extract(init) {
    if (init === null || init === undefined) return new BodyState(null, null);
    if (typeof init === 'string') return new BodyState(init, 'text/plain;charset=UTF-8');
    if (isBufferSource(init)) return new BodyState(copyBytes(init), null);
    if (init instanceof ReadableStream) {
      if (internal.streams.isDisturbed(init) || internal.streams.isLocked(init)) throw new TypeError('This ReadableStream is disturbed or locked.');
      return new BodyState(init, null);
    }
    if (typeof URLSearchParams === 'function' && init instanceof URLSearchParams) {
      return new BodyState(init.toString(), 'application/x-www-form-urlencoded;charset=UTF-8');
    }
    if (typeof Blob === 'function' && init instanceof Blob && internal.blobs) {
      return new BodyState(internal.blobs.bytes(init), init.type || null);
    }
    if (typeof FormData === 'function' && init instanceof FormData && internal.forms) {
      const { bytes, contentType } = internal.forms.serialize(init);
      return new BodyState(bytes, contentType);
    }
    return new BodyState(String(init), 'text/plain;charset=UTF-8');
  }

  /** Adds the body-reading methods to Request or Response; `state(this)` returns the instance's BodyState. */
  function mixin(klass, state) {
    const methods = {
      get body() { return state(this).readable; },
      get bodyUsed() { return state(this).bodyUsed; },
      async arrayBuffer() {
        const bytes = await state(this).bytes();
        return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
      },
      async bytes() { return state(this).bytes(); },
      async text() { return state(this).text(); },
      async json() { return JSON.parse(await state(this).text()); },
      async blob() {
        const bytes = await state(this).bytes();
        return new Blob([bytes], { type: this.headers.get('content-type') || '' });
      },
      async formData() {
        const type = this.headers.get('content-type') || '';
        const bytes = await state(this).bytes();
        if (!internal.forms) throw new TypeError('FormData is not supported.');
        return internal.forms.parse(bytes, type);
      },
    };
    for (const name of Object.getOwnPropertyNames(methods)) {
      Object.defineProperty(klass.prototype, name, Object.getOwnPropertyDescriptor(methods, name));
    }
  }

  internal.body = { BodyState, extract, mixin, fromHost: (handle) => new BodyState(handle < 0 ? null : { handle }, null) };
})(globalThis.__corralInternal);
