// fetch() and Fetchers. Each hop is one host op: to the worker's egress (the network, or the platform's outbound
// worker) for fetch(), or to a binding's target for a Fetcher. fetch() follows redirects here, in JS, so that every
// hop counts as a subrequest and passes the outbound worker, as on Cloudflare.
(function (internal) {
  const MAX_REDIRECTS = 20;

  function abortError(signal) {
    return signal.reason !== undefined ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
  }

  /** One hop: sends `request` to `target` ('' = egress) and resolves to a Response. */
  function hop(target, request, signal) {
    const s = internal.request.state(request);
    const body = s.body.toHost();
    let call;
    const result = new Promise((resolve, reject) => {
      call = internal.startAsyncOp((id, ...args) => {
        const error = internal.ops.fetch(id, ...args);
        if (error !== '') throw new Error(error);
      }, target, s.method, s.url, internal.headers.toFlat(s.headers), body);
      call.promise.then(([status, statusText, headers, bodyHandle]) => {
        resolve(internal.response.fromHost(status, statusText, headers, bodyHandle, s.url, false));
      }, reject);
    });
    if (signal === null || signal === undefined) return result;
    if (signal.aborted) {
      internal.ops.cancelCall(call.id);
      internal.forget(call.id);
      return Promise.reject(abortError(signal));
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        internal.ops.cancelCall(call.id);
        internal.forget(call.id);
        reject(abortError(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      result.then((response) => {
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      }, (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
    });
  }

  function redirectTarget(request, response) {
    const location = response.headers.get('location');
    if (location === null) return null;
    const next = URL.parse(location, request.url);
    if (next === null) throw new TypeError(`Invalid redirect location: ${location}`);
    const status = response.status;
    const s = internal.request.state(request);
    const toGet = status === 303 ? s.method !== 'HEAD' : (status === 301 || status === 302) && s.method === 'POST';
    if (!toGet && s.body.source !== null && s.body.isStream) {
      throw new TypeError('A request with a streamed body cannot follow a redirect that resends it.');
    }
    const headers = new Headers(request.headers);
    if (toGet) {
      for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
    }
    if (new URL(request.url).origin !== next.origin) headers.delete('authorization');
    return new Request(next.href, {
      method: toGet ? 'GET' : s.method,
      headers,
      body: toGet ? null : s.body.source,
      redirect: s.redirect,
      signal: s.signal,
    });
  }

  async function fetch(input, init = undefined) {
    let request = new Request(input, init);
    const signal = internal.request.state(request).signal;
    let redirected = false;
    for (let redirects = 0; ; redirects++) {
      const response = await hop('', request, signal);
      if (redirected) internal.response.state(response).redirected = true;
      if (!internal.response.isRedirect(response.status) || request.redirect === 'manual') return response;
      if (request.redirect === 'error') throw new TypeError('Fetch failed: the response was a redirect and redirect mode is "error".');
      if (redirects >= MAX_REDIRECTS) throw new TypeError('Too many redirects.');
      const next = redirectTarget(request, response);
      if (next === null) return response;
      response.body?.cancel().catch(() => {});
      request = next;
      redirected = true;
    }
  }

  /** A Fetcher: a binding whose fetch() goes to a host target described by `descriptor` (see BindingHost). */
  class Fetcher {
    #descriptor;

    constructor(descriptor) {
      this.#descriptor = descriptor;
    }

    fetch(input, init = undefined) {
      const request = new Request(input, init);
      return hop(this.#descriptor, request, internal.request.state(request).signal);
    }

    connect() {
      throw new Error('connect() is not supported on this binding.');
    }
  }

  internal.makeFetcher = (descriptor) => new Fetcher(descriptor);
  internal.defineGlobal('fetch', function fetch_(input, init) { return fetch(input, init); });
  Object.defineProperty(globalThis.fetch, 'name', { value: 'fetch' });
})(globalThis.__corralInternal);
