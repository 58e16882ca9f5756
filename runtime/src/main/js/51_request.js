// Request, per the Fetch standard as workerd exposes it: no mode/credentials/cache semantics, plus `cf`.
(function (internal) {
  const STATE = Symbol('request');
  const METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH']);
  const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
  const REDIRECTS = new Set(['follow', 'manual', 'error']);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  function normalizeMethod(method) {
    method = String(method);
    const upper = method.toUpperCase();
    if (METHODS.has(upper)) return upper;
    if (!TOKEN.test(method)) throw new TypeError(`Invalid HTTP method string: ${method}`);
    if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`Forbidden HTTP method: ${method}`);
    return method;
  }

  function state(request) {
    const s = request[STATE];
    if (s === undefined) throw new TypeError('Illegal invocation');
    return s;
  }

  class Request {
    constructor(input, init = {}) {
      if (init === null || (typeof init !== 'object' && typeof init !== 'function')) init = {};
      const source = input instanceof Request ? state(input) : null;
      let url;
      if (source !== null) {
        url = source.url;
      } else {
        const parsed = URL.parse(String(input));
        if (parsed === null) throw new TypeError(`Invalid URL: ${String(input)}`);
        url = parsed.href;
      }
      const method = init.method !== undefined ? normalizeMethod(init.method) : source !== null ? source.method : 'GET';
      const headers = new Headers(init.headers !== undefined ? init.headers : source !== null ? input.headers : undefined);
      let body;
      if (init.body !== undefined && init.body !== null) {
        if (method === 'GET' || method === 'HEAD') throw new TypeError('Request with a GET or HEAD method cannot have a body.');
        body = internal.body.extract(init.body);
        if (body.contentType !== null && !headers.has('content-type')) headers.set('content-type', body.contentType);
      } else if (source !== null && init.body === undefined && source.body.source !== null) {
        // The new request takes the body over; the original counts as used from now on.
        const taken = source.body;
        if (taken.bodyUsed) throw new TypeError('Cannot construct a Request with a Request whose body has already been used.');
        body = new internal.body.BodyState(taken.source, taken.contentType);
        body.stream = taken.stream;
        taken.used = true;
      } else {
        body = new internal.body.BodyState(null, null);
      }
      const redirect = init.redirect !== undefined ? String(init.redirect) : source !== null ? source.redirect : 'follow';
      if (!REDIRECTS.has(redirect)) throw new TypeError(`Invalid redirect value: ${redirect}`);
      let signal = init.signal !== undefined ? init.signal : source !== null ? source.signal : null;
      const cf = init.cf !== undefined ? init.cf : source !== null ? source.cf : undefined;
      this[STATE] = { method, url, headers, body, redirect, signal, cf };
    }

    get method() { return state(this).method; }
    get url() { return state(this).url; }
    get headers() { return state(this).headers; }
    get redirect() { return state(this).redirect; }
    get signal() {
      const s = state(this);
      if (s.signal === null) s.signal = new AbortController().signal;
      return s.signal;
    }
    get cf() { return state(this).cf; }
    get fetcher() { return null; }
    get keepalive() { return false; }
    get integrity() { return ''; }
    get cache() { return undefined; }

    clone() {
      const s = state(this);
      const copy = Object.create(Request.prototype);
      copy[STATE] = { ...s, headers: new Headers(s.headers), body: s.body.clone() };
      return copy;
    }

    get [Symbol.toStringTag]() { return 'Request'; }
  }
  internal.body.mixin(Request, (request) => state(request).body);

  internal.request = {
    /** A request arriving from the host. Its URL comes normalised from the host; its headers are immutable. */
    incoming(method, url, flatHeaders, bodyHandle, cfJson) {
      const request = Object.create(Request.prototype);
      request[STATE] = {
        method,
        url,
        headers: internal.headers.fromFlat(flatHeaders, 'immutable'),
        body: internal.body.fromHost(bodyHandle),
        redirect: 'manual',
        signal: null,
        cf: cfJson === null || cfJson === undefined ? undefined : JSON.parse(cfJson),
      };
      return request;
    },
    state,
  };
  internal.defineGlobal('Request', Request);
})(globalThis.__corralInternal);
