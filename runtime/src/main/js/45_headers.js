// Headers, per the Fetch standard as workerd exposes it (plus getAll for Set-Cookie and getSetCookie).
// Headers that arrive from the host stay in their flat "name\nvalue\n..." form until first touched: most workers never
// read most request headers, and parsing them eagerly would cost every request.
(function (internal) {
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const LIST = Symbol('list');
  const FLAT = Symbol('flat');
  const GUARD = Symbol('guard');

  function normalizeName(name) {
    name = String(name);
    if (!TOKEN.test(name)) throw new TypeError(`Invalid header name: ${name}`);
    return name.toLowerCase();
  }

  function normalizeValue(value) {
    value = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\0\r\n]/.test(value)) throw new TypeError('Invalid header value.');
    return value;
  }

  function list(headers) {
    let entries = headers[LIST];
    if (entries === null) {
      entries = [];
      const flat = headers[FLAT];
      if (flat.length) {
        const parts = flat.split('\n');
        for (let i = 0; i + 1 < parts.length; i += 2) entries.push([parts[i], parts[i + 1]]);
      }
      headers[LIST] = entries;
      headers[FLAT] = null;
    }
    return entries;
  }

  function checkMutable(headers) {
    if (headers[GUARD] === 'immutable') throw new TypeError("Can't modify immutable headers.");
  }

  function fill(headers, init) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object' && typeof init !== 'function') throw new TypeError('Failed to construct Headers: invalid init.');
    if (init instanceof Headers) {
      for (const [name, value] of list(init)) list(headers).push([name, value]);
      return;
    }
    if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) throw new TypeError('Failed to construct Headers: each header pair must be [name, value].');
        headers.append(entry[0], entry[1]);
      }
      return;
    }
    for (const key of Object.keys(init)) headers.append(key, init[key]);
  }

  class Headers {
    constructor(init = undefined) {
      this[LIST] = [];
      this[FLAT] = null;
      this[GUARD] = 'none';
      fill(this, init);
    }

    append(name, value) {
      checkMutable(this);
      list(this).push([normalizeName(name), normalizeValue(value)]);
    }

    delete(name) {
      checkMutable(this);
      name = normalizeName(name);
      this[LIST] = list(this).filter((entry) => entry[0] !== name);
    }

    get(name) {
      name = normalizeName(name);
      let result = null;
      for (const [n, v] of list(this)) {
        if (n === name) result = result === null ? v : `${result}, ${v}`;
      }
      return result;
    }

    getAll(name) {
      name = normalizeName(name);
      if (name !== 'set-cookie') throw new TypeError('getAll() can only be used with the header name "Set-Cookie".');
      return this.getSetCookie();
    }

    getSetCookie() {
      return list(this).filter((entry) => entry[0] === 'set-cookie').map((entry) => entry[1]);
    }

    has(name) {
      name = normalizeName(name);
      return list(this).some((entry) => entry[0] === name);
    }

    set(name, value) {
      checkMutable(this);
      name = normalizeName(name);
      value = normalizeValue(value);
      const entries = list(this);
      const index = entries.findIndex((entry) => entry[0] === name);
      if (index < 0) {
        entries.push([name, value]);
        return;
      }
      entries[index] = [name, value];
      this[LIST] = entries.filter((entry, i) => i <= index || entry[0] !== name);
    }

    forEach(callback, thisArg = undefined) {
      for (const [name, value] of this) callback.call(thisArg, value, name, this);
    }

    *entries() {
      // Sorted and combined, as the standard's "sort and combine"; Set-Cookie values stay separate.
      const names = [...new Set(list(this).map((entry) => entry[0]))].sort();
      for (const name of names) {
        if (name === 'set-cookie') {
          for (const value of this.getSetCookie()) yield [name, value];
        } else {
          yield [name, this.get(name)];
        }
      }
    }

    *keys() {
      for (const [name] of this.entries()) yield name;
    }

    *values() {
      for (const [, value] of this.entries()) yield value;
    }

    [Symbol.iterator]() {
      return this.entries();
    }

    get [Symbol.toStringTag]() {
      return 'Headers';
    }
  }

  internal.headers = {
    /** Headers from the host's flat form; `immutable` for incoming requests and fetch responses. */
    fromFlat(flat, guard) {
      const headers = Object.create(Headers.prototype);
      headers[LIST] = null;
      headers[FLAT] = flat;
      headers[GUARD] = guard;
      return headers;
    },
    toFlat(headers) {
      if (headers[LIST] === null) return headers[FLAT];
      let out = '';
      for (const [name, value] of headers[LIST]) out += out.length ? `\n${name}\n${value}` : `${name}\n${value}`;
      return out;
    },
    copy(headers, guard) {
      const copy = internal.headers.fromFlat(internal.headers.toFlat(headers), guard);
      return copy;
    },
    setGuard(headers, guard) {
      headers[GUARD] = guard;
    },
    /** Sets a header without the guard check, for the runtime's own defaults (a body's Content-Type). */
    setDefault(headers, name, value) {
      const entries = list(headers);
      if (!entries.some((entry) => entry[0] === name)) entries.push([name, value]);
    },
  };
  internal.defineGlobal('Headers', Headers);
})(globalThis.__corralInternal);
