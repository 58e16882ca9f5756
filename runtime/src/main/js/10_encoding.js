// Encoding Standard (TextEncoder, TextDecoder), forgiving base64 (atob, btoa), and the Web IDL class helper.
'use strict';
(function (internal) {
  // ---------------------------------------------------------------------------------------------------------
  // Web IDL helpers shared by the API files.

  // Prototypes of platform objects. structuredClone refuses anything inheriting from one of these unless it has
  // a serialization of its own, as a browser refuses a non-serializable platform object.
  internal.platformPrototypes = new WeakSet();

  /**
   * Turns a class into a Web IDL interface: operations, attributes and constants become enumerable, the prototype
   * gets its class string, and the class becomes a global unless `exposed` is false.
   */
  internal.defineInterface = function (cls, exposed = true) {
    for (const target of [cls, cls.prototype]) {
      for (const key of Object.getOwnPropertyNames(target)) {
        if (key === 'constructor' || key === 'prototype' || key === 'length' || key === 'name') continue;
        const desc = Object.getOwnPropertyDescriptor(target, key);
        desc.enumerable = true;
        Object.defineProperty(target, key, desc);
      }
    }
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: cls.name, configurable: true });
    internal.platformPrototypes.add(cls.prototype);
    if (exposed) internal.defineGlobal(cls.name, cls);
  };

  /** Throws the TypeError Web IDL raises when an operation gets fewer arguments than it requires. */
  internal.requireArgs = function (given, required, what) {
    if (given < required) {
      const count = `${required} argument${required > 1 ? 's' : ''}`;
      throw new TypeError(`${what}: ${count} required, but only ${given} present.`);
    }
  };

  /** Converts a Web IDL dictionary argument: undefined and null mean "all defaults". */
  internal.dictionary = function (value, what) {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw new TypeError(`${what}: the options argument must be an object.`);
    }
    return value;
  };

  // ---------------------------------------------------------------------------------------------------------
  // Building strings from code units. Decoding is synchronous and never calls user code, so one scratch buffer
  // serves every decoder. It is a plain array of small integers because V8's Function.prototype.apply takes those
  // by a fast path, and typed arrays by a slow one; each full chunk becomes a string through fromCharCode.

  const CHUNK = 8192;
  const units = Array.from({ length: CHUNK }, () => 0);
  let unitCount = 0;
  let text = '';

  function flushUnits() {
    text += String.fromCharCode.apply(null, unitCount === CHUNK ? units : units.slice(0, unitCount));
    unitCount = 0;
  }

  function pushUnit(unit) {
    if (unitCount === CHUNK) flushUnits();
    units[unitCount++] = unit;
  }

  function pushCodePoint(cp) {
    if (cp < 0x10000) return pushUnit(cp);
    cp -= 0x10000;
    pushUnit(0xd800 | (cp >> 10));
    pushUnit(0xdc00 | (cp & 0x3ff));
  }

  // Every operation starts here, so that one cut short by an exception (a string over V8's length limit) leaves
  // nothing behind for the next.
  function beginText() {
    unitCount = 0;
    text = '';
  }

  function takeText() {
    if (unitCount > 0) flushUnits();
    const result = text;
    text = '';
    return result;
  }

  // ---------------------------------------------------------------------------------------------------------
  // UTF-8

  /** Bytes needed to encode str[from..] as UTF-8, lone surrogates counting as U+FFFD. */
  function utf8Length(str, from) {
    const n = str.length;
    let length = n - from;
    for (let i = from; i < n; i++) {
      const c = str.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) {
        length += 1;
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        length += 2;
        i++;
      } else {
        length += 2;
      }
    }
    return length;
  }

  // encodeUtf8Into reports its byte count here, sparing an object per call on the hot path.
  let bytesWritten = 0;

  /**
   * Encodes str[from..] into out[at..] until either runs out, never splitting a scalar value; lone surrogates
   * become U+FFFD. Returns the index of the first unread code unit and leaves the write position in bytesWritten.
   */
  function encodeUtf8Into(str, from, out, at) {
    const n = str.length;
    const end = out.length;
    let i = from;
    let o = at;
    for (; i < n; i++) {
      let c = str.charCodeAt(i);
      if (c < 0x80) {
        if (o >= end) break;
        out[o++] = c;
      } else if (c < 0x800) {
        if (o + 2 > end) break;
        out[o++] = 0xc0 | (c >> 6);
        out[o++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? str.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
          if (o + 4 > end) break;
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[o++] = 0xf0 | (c >> 18);
          out[o++] = 0x80 | ((c >> 12) & 0x3f);
          out[o++] = 0x80 | ((c >> 6) & 0x3f);
          out[o++] = 0x80 | (c & 0x3f);
          i++;
        } else {
          if (o + 3 > end) break;
          out[o++] = 0xef;
          out[o++] = 0xbf;
          out[o++] = 0xbd;
        }
      } else {
        if (o + 3 > end) break;
        out[o++] = 0xe0 | (c >> 12);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      }
    }
    bytesWritten = o;
    return i;
  }

  function utf8Encode(str) {
    // Most strings are ASCII: fill an array of str.length first and size exactly only once that guess fails.
    const n = str.length;
    const ascii = new Uint8Array(n);
    let i = 0;
    for (; i < n; i++) {
      const c = str.charCodeAt(i);
      if (c >= 0x80) break;
      ascii[i] = c;
    }
    if (i === n) return ascii;
    const out = new Uint8Array(i + utf8Length(str, i));
    out.set(ascii.subarray(0, i));
    encodeUtf8Into(str, i, out, i);
    return out;
  }

  /**
   * A resumable UTF-8 decoder state, as the Encoding Standard's UTF-8 decoder keeps it between chunks: the bits
   * of a partial sequence, the bytes it still needs and has seen, and the range allowed for its next byte.
   */
  function newUtf8State() {
    return { codePoint: 0, needed: 0, seen: 0, lower: 0x80, upper: 0xbf, reset: utf8Reset };
  }

  function utf8Reset(s) {
    s.codePoint = 0;
    s.needed = 0;
    s.seen = 0;
    s.lower = 0x80;
    s.upper = 0xbf;
  }

  /** Decodes bytes[from..] with the state in `s`; an error yields U+FFFD, or throws when fatal. */
  function utf8DecodeInto(bytes, from, s, flush, fatal) {
    let { codePoint, needed, seen, lower, upper } = s;
    const n = bytes.length;
    for (let i = from; i < n; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b < 0x80) {
          if (unitCount === CHUNK) flushUnits();
          units[unitCount++] = b;
        } else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          else if (b === 0xed) upper = 0x9f;
          needed = 2;
          codePoint = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          else if (b === 0xf4) upper = 0x8f;
          needed = 3;
          codePoint = b & 0x7;
        } else {
          if (fatal) throw invalid(s, 'utf-8');
          pushUnit(0xfffd);
        }
      } else if (b < lower || b > upper) {
        codePoint = needed = seen = 0;
        lower = 0x80;
        upper = 0xbf;
        if (fatal) throw invalid(s, 'utf-8');
        pushUnit(0xfffd);
        i--; // The spec restores the byte to the stream: it may start the next sequence.
      } else {
        lower = 0x80;
        upper = 0xbf;
        codePoint = (codePoint << 6) | (b & 0x3f);
        if (++seen === needed) {
          pushCodePoint(codePoint);
          codePoint = needed = seen = 0;
        }
      }
    }
    if (flush && needed !== 0) {
      codePoint = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      if (fatal) throw invalid(s, 'utf-8');
      pushUnit(0xfffd);
    }
    s.codePoint = codePoint;
    s.needed = needed;
    s.seen = seen;
    s.lower = lower;
    s.upper = upper;
  }

  /** Drops the partial output and state of a fatal decoder and returns the error to throw. */
  function invalid(state, encoding) {
    takeText();
    state.reset(state);
    return new TypeError(`The encoded data was not valid for encoding ${encoding}`);
  }

  const oneShot = newUtf8State();

  /** UTF-8 decode as the Encoding Standard's "UTF-8 decode": a leading BOM is dropped, errors become U+FFFD. */
  function utf8Decode(bytes) {
    const from = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    beginText();
    utf8DecodeInto(bytes, from, oneShot, true, false);
    return takeText();
  }

  /**
   * The single entry point for UTF-8 in the runtime. Callers look these up on every call, so an init hook can
   * route large inputs to a host op by replacing a property.
   */
  internal.utf8 = { encode: utf8Encode, decode: utf8Decode };

  // ---------------------------------------------------------------------------------------------------------
  // UTF-16 and windows-1252

  function utf16DecodeInto(bytes, from, s, flush, fatal) {
    const littleEndian = s.littleEndian;
    let { leadByte, leadSurrogate } = s;
    const n = bytes.length;
    for (let i = from; i < n; i++) {
      if (leadByte < 0) {
        leadByte = bytes[i];
        continue;
      }
      const unit = littleEndian ? (bytes[i] << 8) | leadByte : (leadByte << 8) | bytes[i];
      leadByte = -1;
      if (leadSurrogate >= 0) {
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          pushUnit(leadSurrogate);
          pushUnit(unit);
          leadSurrogate = -1;
          continue;
        }
        leadSurrogate = -1;
        if (fatal) throw invalid(s, s.name);
        pushUnit(0xfffd);
      }
      if (unit >= 0xd800 && unit <= 0xdbff) {
        leadSurrogate = unit;
      } else if (unit >= 0xdc00 && unit <= 0xdfff) {
        if (fatal) throw invalid(s, s.name);
        pushUnit(0xfffd);
      } else {
        pushUnit(unit);
      }
    }
    if (flush && (leadByte >= 0 || leadSurrogate >= 0)) {
      leadByte = leadSurrogate = -1;
      if (fatal) throw invalid(s, s.name);
      pushUnit(0xfffd);
    }
    s.leadByte = leadByte;
    s.leadSurrogate = leadSurrogate;
  }

  function utf16Reset(s) {
    s.leadByte = -1;
    s.leadSurrogate = -1;
  }

  // windows-1252 maps 0x80..0x9F to these code points and every other byte to itself.
  const WINDOWS_1252_C1 = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
    0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
    0x17e, 0x178,
  ];

  function windows1252DecodeInto(bytes, from) {
    const n = bytes.length;
    for (let i = from; i < n; i++) {
      const b = bytes[i];
      if (unitCount === CHUNK) flushUnits();
      units[unitCount++] = b >= 0x80 && b < 0xa0 ? WINDOWS_1252_C1[b - 0x80] : b;
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // TextEncoder, TextDecoder

  const LABELS = new Map();
  for (const [name, labels] of [
    ['utf-8', 'unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8'],
    ['utf-16be', 'unicodefffe utf-16be'],
    ['utf-16le', 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le'],
    [
      'windows-1252',
      'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 ' +
        'iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252',
    ],
  ]) {
    for (const label of labels.split(' ')) LABELS.set(label, name);
  }

  function encodingForLabel(label) {
    const key = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').replace(/[A-Z]+/g, (s) => s.toLowerCase());
    const name = LABELS.get(key);
    if (name === undefined) throw new RangeError(`"${label}" is not a supported encoding label.`);
    return name;
  }

  // V8 installs SharedArrayBuffer only in an isolate restored from the snapshot.
  let SharedArrayBuffer;
  internal.initHooks.push(() => {
    SharedArrayBuffer = globalThis.SharedArrayBuffer;
  });

  /** A Uint8Array over the bytes of an AllowSharedBufferSource, or throws TypeError. */
  function bytesOf(input, what) {
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) {
      // A view on a detached buffer reads as empty, and DataView's getters would throw on it.
      return input.buffer.byteLength === 0
        ? new Uint8Array(0)
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    if (input instanceof ArrayBuffer || (SharedArrayBuffer !== undefined && input instanceof SharedArrayBuffer)) {
      return new Uint8Array(input);
    }
    throw new TypeError(`${what}: the input must be an ArrayBuffer or ArrayBufferView.`);
  }

  class TextEncoder {
    // Web IDL members throw TypeError on a foreign receiver; reaching a private member checks that.
    #brand() {}

    get encoding() {
      this.#brand();
      return 'utf-8';
    }

    encode(input = '') {
      this.#brand();
      return internal.utf8.encode(`${input}`);
    }

    encodeInto(source, destination) {
      this.#brand();
      internal.requireArgs(arguments.length, 2, "Failed to execute 'encodeInto' on 'TextEncoder'");
      const str = `${source}`;
      if (!(destination instanceof Uint8Array)) {
        throw new TypeError("Failed to execute 'encodeInto' on 'TextEncoder': parameter 2 is not a Uint8Array.");
      }
      const read = encodeUtf8Into(str, 0, destination, 0);
      return { read, written: bytesWritten };
    }
  }

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #bomSeen = false;
    #streaming = false;
    // The decoder's resumable state, null for windows-1252, which has none.
    #state;

    constructor(label = 'utf-8', options = undefined) {
      const name = `${label}`;
      const init = internal.dictionary(options, "Failed to construct 'TextDecoder'");
      this.#fatal = !!init.fatal;
      this.#ignoreBOM = !!init.ignoreBOM;
      const encoding = encodingForLabel(name);
      this.#encoding = encoding;
      if (encoding === 'utf-8') {
        this.#state = newUtf8State();
      } else if (encoding === 'windows-1252') {
        this.#state = null;
      } else {
        this.#state = {
          name: encoding,
          littleEndian: encoding === 'utf-16le',
          leadByte: -1,
          leadSurrogate: -1,
          reset: utf16Reset,
        };
      }
    }

    get encoding() {
      return this.#encoding;
    }

    get fatal() {
      return this.#fatal;
    }

    get ignoreBOM() {
      return this.#ignoreBOM;
    }

    decode(input = undefined, options = undefined) {
      const what = "Failed to execute 'decode' on 'TextDecoder'";
      const bytes = input === undefined ? new Uint8Array(0) : bytesOf(input, what);
      const stream = !!internal.dictionary(options, what).stream;
      const state = this.#state;
      if (!this.#streaming) {
        this.#bomSeen = false;
        if (state !== null) state.reset(state);
        // The common whole-buffer UTF-8 case goes through the runtime's single UTF-8 entry point.
        if (!stream && !this.#fatal && !this.#ignoreBOM && this.#encoding === 'utf-8') {
          return internal.utf8.decode(bytes);
        }
      }
      this.#streaming = stream;
      beginText();
      try {
        if (state === null) windows1252DecodeInto(bytes, 0);
        else if (this.#encoding === 'utf-8') utf8DecodeInto(bytes, 0, state, !stream, this.#fatal);
        else utf16DecodeInto(bytes, 0, state, !stream, this.#fatal);
      } catch (e) {
        this.#streaming = false;
        throw e;
      }
      let result = takeText();
      if (!this.#bomSeen && result.length > 0) {
        // Only the first code point of a stream can be a BOM, and windows-1252 has none.
        this.#bomSeen = true;
        if (!this.#ignoreBOM && state !== null && result.charCodeAt(0) === 0xfeff) result = result.slice(1);
      }
      return result;
    }
  }

  internal.defineInterface(TextEncoder);
  internal.defineInterface(TextDecoder);

  // ---------------------------------------------------------------------------------------------------------
  // atob, btoa

  const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const BASE64_CODES = [];
  const BASE64_VALUES = new Uint8Array(128);
  for (let i = 0; i < 64; i++) {
    BASE64_CODES.push(BASE64.charCodeAt(i));
    BASE64_VALUES[BASE64.charCodeAt(i)] = i;
  }

  function btoa(data) {
    internal.requireArgs(arguments.length, 1, "Failed to execute 'btoa'");
    const str = `${data}`;
    // V8 answers this at once for a one-byte string, which cannot match.
    if (/[^\x00-\xff]/.test(str)) {
      throw new internal.DOMException(
        "Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.",
        'InvalidCharacterError');
    }
    const n = str.length;
    let i = 0;
    beginText();
    for (; i + 2 < n; i += 3) {
      const v = (str.charCodeAt(i) << 16) | (str.charCodeAt(i + 1) << 8) | str.charCodeAt(i + 2);
      pushUnit(BASE64_CODES[v >> 18]);
      pushUnit(BASE64_CODES[(v >> 12) & 63]);
      pushUnit(BASE64_CODES[(v >> 6) & 63]);
      pushUnit(BASE64_CODES[v & 63]);
    }
    if (i < n) {
      const v = (str.charCodeAt(i) << 16) | (i + 1 < n ? str.charCodeAt(i + 1) << 8 : 0);
      pushUnit(BASE64_CODES[v >> 18]);
      pushUnit(BASE64_CODES[(v >> 12) & 63]);
      pushUnit(i + 1 < n ? BASE64_CODES[(v >> 6) & 63] : 0x3d);
      pushUnit(0x3d);
    }
    return takeText();
  }

  function atob(data) {
    internal.requireArgs(arguments.length, 1, "Failed to execute 'atob'");
    // forgiving-base64 decode, from the HTML Standard.
    let str = `${data}`.replace(/[\t\n\f\r ]+/g, '');
    if (str.length % 4 === 0) str = str.replace(/==?$/, '');
    if (str.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(str)) {
      throw new internal.DOMException(
        "Failed to execute 'atob': The string to be decoded is not correctly encoded.", 'InvalidCharacterError');
    }
    const n = str.length;
    let i = 0;
    beginText();
    for (; i + 3 < n; i += 4) {
      const v = (BASE64_VALUES[str.charCodeAt(i)] << 18) | (BASE64_VALUES[str.charCodeAt(i + 1)] << 12) |
        (BASE64_VALUES[str.charCodeAt(i + 2)] << 6) | BASE64_VALUES[str.charCodeAt(i + 3)];
      pushUnit(v >> 16);
      pushUnit((v >> 8) & 0xff);
      pushUnit(v & 0xff);
    }
    if (i < n) {
      // Two or three characters are left; their trailing bits beyond whole bytes are dropped.
      const v = (BASE64_VALUES[str.charCodeAt(i)] << 18) | (BASE64_VALUES[str.charCodeAt(i + 1)] << 12) |
        (i + 2 < n ? BASE64_VALUES[str.charCodeAt(i + 2)] << 6 : 0);
      pushUnit(v >> 16);
      if (i + 2 < n) pushUnit((v >> 8) & 0xff);
    }
    return takeText();
  }

  internal.defineGlobal('btoa', btoa);
  internal.defineGlobal('atob', atob);
})(globalThis.__corralInternal);
