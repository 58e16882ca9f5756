// Response, per the Fetch standard as workerd exposes it (statuses 200-599, plus 101 with a WebSocket).
(function (internal) {
  const STATE = Symbol('response');
  const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);
  const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

  function state(response) {
    const s = response[STATE];
    if (s === undefined) throw new TypeError('Illegal invocation');
    return s;
  }

  class Response {
    constructor(body = null, init = {}) {
      if (init === null || (typeof init !== 'object' && typeof init !== 'function')) init = {};
      const webSocket = init.webSocket === undefined ? null : init.webSocket;
      const status = init.status === undefined ? 200 : Number(init.status);
      if (!Number.isInteger(status) || ((status < 200 || status > 599) && !(status === 101 && webSocket !== null))) {
        throw new RangeError(`Responses may only be constructed with status codes in the range 200 to 599, inclusive.`);
      }
      const statusText = init.statusText === undefined ? '' : String(init.statusText);
      if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError('Invalid statusText.');
      const headers = new Headers(init.headers);
      const bodyState = internal.body.extract(body);
      if (bodyState.source !== null && NULL_BODY_STATUSES.has(status)) {
        throw new TypeError(`Response with null body status (${status}) cannot have a body.`);
      }
      if (bodyState.contentType !== null && !headers.has('content-type')) headers.set('content-type', bodyState.contentType);
      this[STATE] = { status, statusText, headers, body: bodyState, type: 'default', url: '', redirected: false, webSocket, cf: init.cf };
    }

    static json(data, init = {}) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError('The data is not JSON serializable.');
      const headers = new Headers(init && init.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new Response(text, { ...init, headers });
    }

    static redirect(url, status = 302) {
      if (!REDIRECT_STATUSES.has(status)) throw new RangeError(`Invalid redirect status: ${status}`);
      const parsed = URL.parse(String(url));
      if (parsed === null) throw new TypeError(`Invalid URL: ${String(url)}`);
      const response = new Response(null, { status, headers: { location: parsed.href } });
      internal.headers.setGuard(state(response).headers, 'immutable');
      return response;
    }

    static error() {
      const response = new Response(null, { status: 200 });
      const s = state(response);
      s.status = 0;
      s.type = 'error';
      internal.headers.setGuard(s.headers, 'immutable');
      return response;
    }

    get status() { return state(this).status; }
    get statusText() { return state(this).statusText; }
    get ok() { const status = state(this).status; return status >= 200 && status <= 299; }
    get headers() { return state(this).headers; }
    get type() { return state(this).type; }
    get url() { return state(this).url; }
    get redirected() { return state(this).redirected; }
    get webSocket() { return state(this).webSocket; }
    get cf() { return state(this).cf; }

    clone() {
      const s = state(this);
      if (s.webSocket !== null) throw new TypeError('Cannot clone a response to a WebSocket handshake.');
      const copy = Object.create(Response.prototype);
      copy[STATE] = { ...s, headers: new Headers(s.headers), body: s.body.clone() };
      return copy;
    }

    get [Symbol.toStringTag]() { return 'Response'; }
  }
  internal.body.mixin(Response, (response) => state(response).body);

  internal.response = {
    /** A response that came back from the host (a fetch, a service binding): immutable headers, streamed body. */
    fromHost(status, statusText, flatHeaders, bodyHandle, url, redirected) {
      const response = Object.create(Response.prototype);
      response[STATE] = {
        status,
        statusText,
        headers: internal.headers.fromFlat(flatHeaders, 'immutable'),
        body: internal.body.fromHost(bodyHandle),
        type: 'default',
        url,
        redirected,
        webSocket: null,
        cf: undefined,
      };
      return response;
    },
    state,
    isRedirect: (status) => REDIRECT_STATUSES.has(status),
  };
  internal.defineGlobal('Response', Response);
})(globalThis.__corralInternal);
