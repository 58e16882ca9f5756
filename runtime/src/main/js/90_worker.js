// The worker itself: its env, its handlers, and the fetch event the host dispatches into it.
(function (internal) {
  let syntax = null;
  let handlers = null;
  let env = {};

  internal.parseJson = (text) => JSON.parse(text);
  internal.compileWasm = (bytes) => new WebAssembly.Module(bytes);

  /** Binding types added by later layers (storage, for instance): type -> (binding) => value. */
  internal.bindingFactories = Object.create(null);

  function dispatchNamespace(binding) {
    return {
      get(name, args = undefined, options = undefined) {
        const descriptor = JSON.stringify({ binding, script: String(name), args: args ?? {}, options: options ?? {} });
        const error = internal.ops.resolveTarget(descriptor);
        if (error !== '') throw new Error(error);
        return internal.makeFetcher(descriptor);
      },
    };
  }

  function buildEnv(bindingsJson) {
    const result = {};
    for (const binding of JSON.parse(bindingsJson)) {
      switch (binding.type) {
        case 'text': result[binding.name] = binding.value; break;
        case 'json': result[binding.name] = JSON.parse(binding.value); break;
        case 'fetcher': result[binding.name] = internal.makeFetcher(JSON.stringify({ binding: binding.name })); break;
        case 'namespace': result[binding.name] = dispatchNamespace(binding.name); break;
        default: {
          const factory = internal.bindingFactories[binding.type];
          if (factory === undefined) throw new Error(`Unknown binding type: ${binding.type}`);
          result[binding.name] = factory(binding);
        }
      }
    }
    return result;
  }

  class FetchEvent extends Event {
    #request;
    #respond;
    #ctx;

    constructor(type, init, respond, ctx) {
      super(type);
      this.#request = init.request;
      this.#respond = respond;
      this.#ctx = ctx;
    }

    get request() { return this.#request; }

    respondWith(response) {
      if (this.#respond === null) throw new DOMException('respondWith() was already called.', 'InvalidStateError');
      const respond = this.#respond;
      this.#respond = null;
      respond(response);
    }

    waitUntil(promise) { this.#ctx.waitUntil(promise); }
    passThroughOnException() { this.#ctx.passThroughOnException(); }
  }

  internal.installWorker = (kind, namespace, bindingsJson) => {
    syntax = kind;
    env = buildEnv(bindingsJson);
    if (kind === 'modules') handlers = namespace.default;
  };

  /** The handlers the worker offers, comma-separated, as an upload's answer lists them. */
  internal.handlerNames = () => {
    if (syntax === 'modules') {
      if (handlers === null || typeof handlers !== 'object') return '';
      return Object.keys(handlers).filter((name) => typeof handlers[name] === 'function').join(',');
    }
    return internal.events.listenedTypes(internal.events.globalTarget).join(',');
  };

  function describe(error) {
    if (error instanceof Error) return [`${error.name}: ${error.message}`, error.stack || null];
    return [`Uncaught ${internal.inspect(error)}`, null];
  }

  function fail(invocationId, error) {
    const [message, stack] = describe(error);
    internal.ops.fail(invocationId, message, stack);
  }

  /** Waits for the body to be produced, then for every waitUntil promise, then tells the host the event is over. */
  async function finish(invocationId, pumping, waitUntil) {
    await pumping;
    internal.ops.bodyDone(invocationId);
    while (waitUntil.length) {
      for (const result of await Promise.allSettled(waitUntil.splice(0))) {
        if (result.status === 'rejected') internal.reportError(result.reason);
      }
    }
    internal.ops.done(invocationId);
  }

  function respond(invocationId, response, waitUntil) {
    if (!(response instanceof Response)) {
      fail(invocationId, new TypeError("Incorrect type for Promise: the Promise did not resolve to 'Response'."));
      return;
    }
    const s = internal.response.state(response);
    const body = s.body.toHost();
    // The common case, a whole body and no waitUntil work, ends the event in this one op.
    const complete = s.body.pumping === null && waitUntil.length === 0;
    internal.ops.respond(invocationId, s.status, s.statusText, internal.headers.toFlat(s.headers), body, complete);
    if (!complete) finish(invocationId, s.body.pumping, waitUntil);
  }

  function callHandler(request, ctx, invocationEnv) {
    if (syntax === 'modules') {
      if (handlers === null || typeof handlers !== 'object' || typeof handlers.fetch !== 'function') {
        throw new Error('Handler does not export a fetch() function.');
      }
      return handlers.fetch(request, invocationEnv, ctx);
    }
    let responded = null;
    const event = new FetchEvent('fetch', { request }, (response) => { responded = response; }, ctx);
    internal.events.dispatch(internal.events.globalTarget, event);
    if (responded === null) throw new Error('No event handler called respondWith(); the script will never generate a response.');
    return responded;
  }

  internal.dispatchFetch = (invocationId, method, url, headers, bodyHandle, cf, envOverlay) => {
    // An outbound worker sees the dispatcher's parameters as env entries of this one invocation.
    const invocationEnv = envOverlay == null ? env : { ...env, ...JSON.parse(envOverlay) };
    const waitUntil = [];
    const ctx = {
      waitUntil(promise) { waitUntil.push(Promise.resolve(promise)); },
      // No origin stands behind a Corral worker to fall back to, so there is nothing for the host to record.
      passThroughOnException() {},
      props: {},
    };
    let result;
    try {
      result = callHandler(internal.request.incoming(method, url, headers, bodyHandle, cf), ctx, invocationEnv);
    } catch (error) {
      fail(invocationId, error);
      return;
    }
    if (result instanceof Response) {
      respond(invocationId, result, waitUntil);
      return;
    }
    Promise.resolve(result).then(
      (response) => respond(invocationId, response, waitUntil),
      (error) => fail(invocationId, error),
    );
  };
})(globalThis.__corralInternal);
