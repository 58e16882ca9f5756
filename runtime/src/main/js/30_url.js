// URL Standard: URL, URLSearchParams and the application/x-www-form-urlencoded format.
//
// The parser is the spec's basic URL parser state machine. States that collect a run of code points (scheme,
// authority, host, port, path segment, query, fragment) scan the run in one loop and slice it instead of growing
// a buffer a code point at a time; each still decides exactly what the spec's per-code-point steps decide. Hosts
// that need UTS #46 (non-ASCII, or an xn-- label) go to the domainToAscii op, as its tables are too big to keep in
// every isolate; plain ASCII hosts only need lowercasing, which is what UTS #46 does to them.
'use strict';
(function (internal) {
  const EOF = -1;
  const INVALID_URL = 'Invalid URL string.';

  // ---------------------------------------------------------------------------------------------------------
  // Code point sets, for ASCII. Every percent-encode set also holds the C0 controls and everything above U+007E.

  const FRAGMENT_SET = 1;
  const QUERY_SET = 2;
  const SPECIAL_QUERY_SET = 4;
  const PATH_SET = 8;
  const USERINFO_SET = 16;
  const FORM_SET = 32;
  const C0_SET = 64;
  const ENCODE = new Uint8Array(128);

  const FORBIDDEN_HOST = 1;
  const FORBIDDEN_DOMAIN = 2;
  const HOST_CHAR = new Uint8Array(128);

  (function () {
    const mark = (table, chars, bits) => {
      for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] |= bits;
    };
    // The form set also holds the component set's extras ($%&+,), which the URL API has no other use for.
    const PATH_AND_WIDER = PATH_SET | USERINFO_SET | FORM_SET;
    for (let c = 0; c < 0x20; c++) ENCODE[c] = 0xff;
    ENCODE[0x7f] = 0xff;
    mark(ENCODE, ' "<>', FRAGMENT_SET | QUERY_SET | SPECIAL_QUERY_SET | PATH_AND_WIDER);
    mark(ENCODE, '`', FRAGMENT_SET | PATH_AND_WIDER);
    mark(ENCODE, '#', QUERY_SET | SPECIAL_QUERY_SET | PATH_AND_WIDER);
    mark(ENCODE, "'", SPECIAL_QUERY_SET | FORM_SET);
    mark(ENCODE, '?^{}', PATH_AND_WIDER);
    mark(ENCODE, '/:;=@[\\]|', USERINFO_SET | FORM_SET);
    mark(ENCODE, '$%&+,', FORM_SET);
    mark(ENCODE, '!()~', FORM_SET);

    mark(HOST_CHAR, '\0\t\n\r #/:<>?@[\\]^|', FORBIDDEN_HOST | FORBIDDEN_DOMAIN);
    for (let c = 0; c < 0x20; c++) HOST_CHAR[c] |= FORBIDDEN_DOMAIN;
    mark(HOST_CHAR, '%\x7f', FORBIDDEN_DOMAIN);
  })();

  const HEX = [];
  for (let b = 0; b < 256; b++) HEX.push((b < 16 ? '%0' : '%') + b.toString(16).toUpperCase());

  function hexValue(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    const l = c | 0x20;
    if (l >= 0x61 && l <= 0x66) return l - 0x57;
    return -1;
  }

  function isAsciiAlpha(c) {
    const l = c | 0x20;
    return l >= 0x61 && l <= 0x7a;
  }

  function isAsciiDigit(c) {
    return c >= 0x30 && c <= 0x39;
  }

  /** Web IDL USVString conversion. */
  function usv(value) {
    const s = typeof value === 'string' ? value : `${value}`;
    return s.isWellFormed() ? s : s.toWellFormed();
  }

  // ---------------------------------------------------------------------------------------------------------
  // Percent-encoding. Callers pass well-formed strings, so a high surrogate is always followed by a low one.

  function percentEncodeCodePoint(cp) {
    if (cp < 0x800) return HEX[0xc0 | (cp >> 6)] + HEX[0x80 | (cp & 0x3f)];
    if (cp < 0x10000) return HEX[0xe0 | (cp >> 12)] + HEX[0x80 | ((cp >> 6) & 0x3f)] + HEX[0x80 | (cp & 0x3f)];
    return HEX[0xf0 | (cp >> 18)] + HEX[0x80 | ((cp >> 12) & 0x3f)] + HEX[0x80 | ((cp >> 6) & 0x3f)] +
      HEX[0x80 | (cp & 0x3f)];
  }

  // percentEncodeAt reports how many code units it consumed here, sparing an object per call.
  let consumed = 1;

  function percentEncodeAt(s, i, c) {
    if (c >= 0xd800 && c <= 0xdbff) {
      consumed = 2;
      return percentEncodeCodePoint(0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00));
    }
    consumed = 1;
    return percentEncodeCodePoint(c);
  }

  /** UTF-8 percent-encodes s[start..end) with the given set; returns the slice itself when nothing needs it. */
  function percentEncode(s, start, end, set) {
    let out = '';
    let from = start;
    for (let i = start; i < end;) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if ((ENCODE[c] & set) !== 0) {
          out += s.slice(from, i) + HEX[c];
          from = i + 1;
        }
        i++;
      } else {
        out += s.slice(from, i) + percentEncodeAt(s, i, c);
        i += consumed;
        from = i;
      }
    }
    return from === start ? s.slice(start, end) : out + s.slice(from, end);
  }

  /** Percent-decodes a string's UTF-8 bytes; with plusAsSpace, a literal + becomes a space first. */
  function percentDecodeToBytes(s, plusAsSpace) {
    const bytes = [];
    const n = s.length;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c === 0x25 && i + 2 < n) {
        const hi = hexValue(s.charCodeAt(i + 1));
        const lo = hi < 0 ? -1 : hexValue(s.charCodeAt(i + 2));
        if (lo >= 0) {
          bytes.push(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      if (c < 0x80) {
        bytes.push(plusAsSpace && c === 0x2b ? 0x20 : c);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f));
      } else if (c >= 0x800) {
        bytes.push(0xe0 | (c >> 12));
      } else {
        bytes.push(0xc0 | (c >> 6));
        continue;
      }
      bytes.push(0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
    return bytes;
  }

  /** The Encoding Standard's UTF-8 decode without BOM: a leading BOM stays, bad sequences become U+FFFD. */
  function utf8DecodeWithoutBom(bytes) {
    const units = [];
    let cp = 0;
    let needed = 0;
    let seen = 0;
    let lower = 0x80;
    let upper = 0xbf;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (needed === 0) {
        if (b < 0x80) {
          units.push(b);
        } else if (b >= 0xc2 && b <= 0xdf) {
          needed = 1;
          cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          else if (b === 0xed) upper = 0x9f;
          needed = 2;
          cp = b & 0xf;
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          else if (b === 0xf4) upper = 0x8f;
          needed = 3;
          cp = b & 0x7;
        } else {
          units.push(0xfffd);
        }
        continue;
      }
      if (b < lower || b > upper) {
        cp = needed = seen = 0;
        lower = 0x80;
        upper = 0xbf;
        units.push(0xfffd);
        i--;
        continue;
      }
      lower = 0x80;
      upper = 0xbf;
      cp = (cp << 6) | (b & 0x3f);
      if (++seen === needed) {
        if (cp >= 0x10000) units.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + (cp & 0x3ff));
        else units.push(cp);
        cp = needed = seen = 0;
      }
    }
    if (needed !== 0) units.push(0xfffd);
    let out = '';
    for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode.apply(null, units.slice(i, i + 8192));
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // application/x-www-form-urlencoded

  function formDecode(s) {
    if (s.indexOf('%') === -1) return s.indexOf('+') === -1 ? s : s.replaceAll('+', ' ');
    return utf8DecodeWithoutBom(percentDecodeToBytes(s, true));
  }

  /** Parses a well-formed string (its UTF-8 encoding, per the spec) into a list of [name, value] pairs. */
  function formParse(s) {
    const list = [];
    const n = s.length;
    for (let start = 0; start <= n;) {
      let amp = s.indexOf('&', start);
      if (amp === -1) amp = n;
      if (amp > start) {
        const eq = s.indexOf('=', start);
        if (eq === -1 || eq > amp) list.push([formDecode(s.slice(start, amp)), '']);
        else list.push([formDecode(s.slice(start, eq)), formDecode(s.slice(eq + 1, amp))]);
      }
      start = amp + 1;
    }
    return list;
  }

  function formEncode(s) {
    let out = '';
    let from = 0;
    const n = s.length;
    for (let i = 0; i < n;) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if ((ENCODE[c] & FORM_SET) !== 0) {
          out += s.slice(from, i) + (c === 0x20 ? '+' : HEX[c]);
          from = i + 1;
        }
        i++;
      } else {
        out += s.slice(from, i) + percentEncodeAt(s, i, c);
        i += consumed;
        from = i;
      }
    }
    return from === 0 ? s : out + s.slice(from);
  }

  function formSerialize(list) {
    let out = '';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out += '&';
      out += formEncode(list[i][0]) + '=' + formEncode(list[i][1]);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Hosts. A record keeps its host serialized: domains, IPv4 and opaque hosts serialize to themselves, and an
  // IPv6 address is kept bracketed.

  function parseIPv4Number(s) {
    let start = 0;
    let radix = 10;
    if (s.length >= 2 && s.charCodeAt(0) === 0x30) {
      if ((s.charCodeAt(1) | 0x20) === 0x78) {
        start = 2;
        radix = 16;
      } else {
        start = 1;
        radix = 8;
      }
    }
    if (start === s.length) return 0;
    for (let i = start; i < s.length; i++) {
      const v = hexValue(s.charCodeAt(i));
      if (v < 0 || v >= radix) return -1;
    }
    return parseInt(s.slice(start), radix);
  }

  function endsInNumber(host) {
    let end = host.length;
    if (host.charCodeAt(end - 1) === 0x2e) end--;
    const start = host.lastIndexOf('.', end - 1) + 1;
    if (start >= end) return false;
    let i = start;
    while (i < end && isAsciiDigit(host.charCodeAt(i))) i++;
    if (i === end) return true;
    if (i !== start + 1 || host.charCodeAt(start) !== 0x30 || (host.charCodeAt(start + 1) | 0x20) !== 0x78) return false;
    for (i = start + 2; i < end; i++) if (hexValue(host.charCodeAt(i)) < 0) return false;
    return true;
  }

  /** Returns the serialized IPv4 address, or null on failure. */
  function parseIPv4(host) {
    const parts = host.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const numbers = [];
    for (const part of parts) {
      if (part === '') return null;
      const n = parseIPv4Number(part);
      if (n < 0) return null;
      numbers.push(n);
    }
    const last = numbers.length - 1;
    for (let i = 0; i < last; i++) if (numbers[i] > 255) return null;
    if (numbers[last] >= 256 ** (4 - last)) return null;
    let address = numbers[last];
    for (let i = 0; i < last; i++) address += numbers[i] * 256 ** (3 - i);
    return `${Math.floor(address / 0x1000000)}.${(address >>> 16) & 0xff}.${(address >>> 8) & 0xff}.${address & 0xff}`;
  }

  /** Parses s[start..end) as an IPv6 address into eight pieces, or returns null. */
  function parseIPv6(s, start, end) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    const at = (i) => (i < end ? s.charCodeAt(i) : EOF);
    let pieceIndex = 0;
    let compress = -1;
    let p = start;
    if (at(p) === 0x3a) {
      if (at(p + 1) !== 0x3a) return null;
      p += 2;
      compress = ++pieceIndex;
    }
    while (at(p) !== EOF) {
      if (pieceIndex === 8) return null;
      if (at(p) === 0x3a) {
        if (compress !== -1) return null;
        p++;
        compress = ++pieceIndex;
        continue;
      }
      let value = 0;
      let length = 0;
      while (length < 4 && at(p) !== EOF && hexValue(at(p)) >= 0) {
        value = value * 16 + hexValue(at(p));
        p++;
        length++;
      }
      if (at(p) === 0x2e) {
        if (length === 0) return null;
        p -= length;
        if (pieceIndex > 6) return null;
        let numbersSeen = 0;
        while (at(p) !== EOF) {
          let piece = -1;
          if (numbersSeen > 0) {
            if (at(p) !== 0x2e || numbersSeen >= 4) return null;
            p++;
          }
          if (!isAsciiDigit(at(p))) return null;
          while (isAsciiDigit(at(p))) {
            const digit = at(p) - 0x30;
            if (piece === -1) piece = digit;
            else if (piece === 0) return null;
            else piece = piece * 10 + digit;
            if (piece > 255) return null;
            p++;
          }
          address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
          numbersSeen++;
          if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
        }
        if (numbersSeen !== 4) return null;
        break;
      } else if (at(p) === 0x3a) {
        p++;
        if (at(p) === EOF) return null;
      } else if (at(p) !== EOF) {
        return null;
      }
      address[pieceIndex++] = value;
    }
    if (compress !== -1) {
      let swaps = pieceIndex - compress;
      pieceIndex = 7;
      while (pieceIndex !== 0 && swaps > 0) {
        const t = address[pieceIndex];
        address[pieceIndex] = address[compress + swaps - 1];
        address[compress + swaps - 1] = t;
        pieceIndex--;
        swaps--;
      }
    } else if (pieceIndex !== 8) {
      return null;
    }
    return address;
  }

  function serializeIPv6(address) {
    let compress = -1;
    let best = 1;
    for (let i = 0; i < 8;) {
      if (address[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && address[j] === 0) j++;
      if (j - i > best) {
        best = j - i;
        compress = i;
      }
      i = j;
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === compress) {
        out += i === 0 ? '::' : ':';
        i += best - 1;
        continue;
      }
      out += address[i].toString(16);
      if (i !== 7) out += ':';
    }
    return out;
  }

  /** The spec's domain to ASCII (beStrict false), which also rejects forbidden domain code points. */
  function domainToAscii(domain) {
    let needsUts46 = false;
    let hasUpper = false;
    const n = domain.length;
    for (let i = 0; i < n; i++) {
      const c = domain.charCodeAt(i);
      if (c >= 0x80) {
        needsUts46 = true;
      } else if ((HOST_CHAR[c] & FORBIDDEN_DOMAIN) !== 0) {
        // UTS #46 keeps ASCII as it is (but for case), so this code point would be in its result too.
        return null;
      } else if (c >= 0x41 && c <= 0x5a) {
        hasUpper = true;
      }
      if ((c | 0x20) === 0x78 && (i === 0 || domain.charCodeAt(i - 1) === 0x2e) &&
          (domain.charCodeAt(i + 1) | 0x20) === 0x6e && domain.charCodeAt(i + 2) === 0x2d &&
          domain.charCodeAt(i + 3) === 0x2d) {
        needsUts46 = true;
      }
    }
    if (!needsUts46) return n === 0 ? null : hasUpper ? domain.toLowerCase() : domain;
    const ascii = internal.ops.domainToAscii(domain, false);
    if (ascii == null || ascii === '') return null;
    for (let i = 0; i < ascii.length; i++) {
      const c = ascii.charCodeAt(i);
      if (c >= 0x80 || (HOST_CHAR[c] & FORBIDDEN_DOMAIN) !== 0) return null;
    }
    return ascii;
  }

  /** The host parser; returns the serialized host, or null on failure. */
  function parseHost(input, isOpaque) {
    if (input.charCodeAt(0) === 0x5b) {
      if (input.charCodeAt(input.length - 1) !== 0x5d) return null;
      const address = parseIPv6(input, 1, input.length - 1);
      return address === null ? null : `[${serializeIPv6(address)}]`;
    }
    if (isOpaque) {
      for (let i = 0; i < input.length; i++) {
        const c = input.charCodeAt(i);
        if (c < 0x80 && (HOST_CHAR[c] & FORBIDDEN_HOST) !== 0) return null;
      }
      return percentEncode(input, 0, input.length, C0_SET);
    }
    const domain = input.indexOf('%') === -1 ? input : utf8DecodeWithoutBom(percentDecodeToBytes(input, false));
    const ascii = domainToAscii(domain);
    if (ascii === null) return null;
    return endsInNumber(ascii) ? parseIPv4(ascii) : ascii;
  }

  // ---------------------------------------------------------------------------------------------------------
  // URL records. A path is an array of segments, or a string when it is opaque. href caches the serialization;
  // anything that changes a record clears it.

  function isSpecial(scheme) {
    switch (scheme) {
      case 'http':
      case 'https':
      case 'ws':
      case 'wss':
      case 'ftp':
      case 'file':
        return true;
      default:
        return false;
    }
  }

  /** The special schemes' default ports; -1 for the rest, file included. */
  function defaultPort(scheme) {
    switch (scheme) {
      case 'http':
      case 'ws':
        return 80;
      case 'https':
      case 'wss':
        return 443;
      case 'ftp':
        return 21;
      default:
        return -1;
    }
  }

  class UrlRecord {
    constructor() {
      this.scheme = '';
      this.username = '';
      this.password = '';
      this.host = null;
      this.port = null;
      this.path = [];
      this.query = null;
      this.fragment = null;
      this.href = null;
    }
  }

  function assignRecord(to, from) {
    to.scheme = from.scheme;
    to.username = from.username;
    to.password = from.password;
    to.host = from.host;
    to.port = from.port;
    to.path = from.path;
    to.query = from.query;
    to.fragment = from.fragment;
    to.href = null;
  }

  function includesCredentials(url) {
    return url.username !== '' || url.password !== '';
  }

  function cannotHaveCredentialsOrPort(url) {
    return url.host === null || url.host === '' || url.scheme === 'file';
  }

  function isWindowsDriveLetter(s) {
    return s.length === 2 && isAsciiAlpha(s.charCodeAt(0)) && (s.charCodeAt(1) === 0x3a || s.charCodeAt(1) === 0x7c);
  }

  function isNormalizedWindowsDriveLetter(s) {
    return s.length === 2 && isAsciiAlpha(s.charCodeAt(0)) && s.charCodeAt(1) === 0x3a;
  }

  function startsWithWindowsDriveLetter(s, p) {
    if (s.length - p < 2 || !isAsciiAlpha(s.charCodeAt(p))) return false;
    const second = s.charCodeAt(p + 1);
    if (second !== 0x3a && second !== 0x7c) return false;
    if (s.length - p === 2) return true;
    const third = s.charCodeAt(p + 2);
    return third === 0x2f || third === 0x5c || third === 0x3f || third === 0x23;
  }

  function isSingleDot(s) {
    return s === '.' || (s.length === 3 && s.charCodeAt(0) === 0x25 && s.charCodeAt(1) === 0x32 &&
      (s.charCodeAt(2) | 0x20) === 0x65);
  }

  function isDoubleDot(s) {
    switch (s.length) {
      case 2:
        return s === '..';
      case 4:
        return isSingleDot(s.slice(0, 3)) && s.charCodeAt(3) === 0x2e ||
          s.charCodeAt(0) === 0x2e && isSingleDot(s.slice(1));
      case 6:
        return isSingleDot(s.slice(0, 3)) && isSingleDot(s.slice(3));
      default:
        return false;
    }
  }

  function shortenPath(url) {
    const path = url.path;
    if (url.scheme === 'file' && path.length === 1 && isNormalizedWindowsDriveLetter(path[0])) return;
    path.pop();
  }

  function serializePath(url) {
    const path = url.path;
    if (typeof path === 'string') return path;
    let out = '';
    for (let i = 0; i < path.length; i++) out += '/' + path[i];
    return out;
  }

  function serializeUrl(url) {
    if (url.href !== null) return url.href;
    let out = url.scheme + ':';
    if (url.host !== null) {
      out += '//';
      if (includesCredentials(url)) {
        out += url.username;
        if (url.password !== '') out += ':' + url.password;
        out += '@';
      }
      out += url.host;
      if (url.port !== null) out += ':' + url.port;
    } else if (typeof url.path !== 'string' && url.path.length > 1 && url.path[0] === '') {
      out += '/.';
    }
    out += serializePath(url);
    if (url.query !== null) out += '?' + url.query;
    if (url.fragment !== null) out += '#' + url.fragment;
    url.href = out;
    return out;
  }

  function serializeOrigin(url) {
    switch (url.scheme) {
      case 'blob': {
        const inner = basicParse(serializePath(url), null, null, 0);
        return inner !== null && (inner.scheme === 'http' || inner.scheme === 'https') ? serializeOrigin(inner) : 'null';
      }
      case 'ftp':
      case 'http':
      case 'https':
      case 'ws':
      case 'wss':
        return url.scheme + '://' + url.host + (url.port === null ? '' : ':' + url.port);
      default:
        return 'null';
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The basic URL parser

  const SCHEME_START = 1;
  const SCHEME = 2;
  const NO_SCHEME = 3;
  const SPECIAL_RELATIVE_OR_AUTHORITY = 4;
  const PATH_OR_AUTHORITY = 5;
  const RELATIVE = 6;
  const RELATIVE_SLASH = 7;
  const SPECIAL_AUTHORITY_SLASHES = 8;
  const SPECIAL_AUTHORITY_IGNORE_SLASHES = 9;
  const AUTHORITY = 10;
  const HOST = 11;
  const HOSTNAME = 12;
  const PORT = 13;
  const FILE = 14;
  const FILE_SLASH = 15;
  const FILE_HOST = 16;
  const PATH_START = 17;
  const PATH = 18;
  const OPAQUE_PATH = 19;
  const QUERY = 20;
  const FRAGMENT = 21;

  const TAB_OR_NEWLINE = /[\t\n\r]/;
  const TABS_AND_NEWLINES = /[\t\n\r]/g;

  /**
   * Parses input against base (a record or null). Without url it parses a new record and returns it, or null on
   * failure. With url and a state override it updates url in place, as the setters need; the result then only
   * tells whether the spec returned failure.
   */
  function basicParse(input, base, url, override) {
    if (url === null) {
      url = new UrlRecord();
      let start = 0;
      let end = input.length;
      while (start < end && input.charCodeAt(start) <= 0x20) start++;
      while (end > start && input.charCodeAt(end - 1) <= 0x20) end--;
      if (start !== 0 || end !== input.length) input = input.slice(start, end);
    }
    if (TAB_OR_NEWLINE.test(input)) input = input.replace(TABS_AND_NEWLINES, '');

    const len = input.length;
    let state = override || SCHEME_START;
    let special = isSpecial(url.scheme);
    let buffer = '';
    let p = 0;

    for (;;) {
      let c = p < len ? input.charCodeAt(p) : EOF;
      switch (state) {
        case SCHEME_START:
          if (isAsciiAlpha(c)) {
            state = SCHEME;
            continue;
          }
          if (override) return null;
          state = NO_SCHEME;
          continue;

        case SCHEME: {
          const start = p;
          let upper = false;
          for (; p < len; p++) {
            c = input.charCodeAt(p);
            if (c >= 0x41 && c <= 0x5a) upper = true;
            else if (!(isAsciiAlpha(c) || isAsciiDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e)) break;
          }
          if (p === len) c = EOF;
          if (c !== 0x3a) {
            if (override) return null;
            state = NO_SCHEME;
            p = 0;
            continue;
          }
          const scheme = upper ? input.slice(start, p).toLowerCase() : input.slice(start, p);
          if (override) {
            if (special !== isSpecial(scheme)) return url;
            if ((includesCredentials(url) || url.port !== null) && scheme === 'file') return url;
            if (url.scheme === 'file' && url.host === '') return url;
          }
          url.scheme = scheme;
          special = isSpecial(scheme);
          if (override) {
            if (url.port === defaultPort(scheme)) url.port = null;
            return url;
          }
          if (scheme === 'file') {
            state = FILE;
          } else if (special && base !== null && base.scheme === scheme) {
            state = SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (special) {
            state = SPECIAL_AUTHORITY_SLASHES;
          } else if (input.charCodeAt(p + 1) === 0x2f) {
            state = PATH_OR_AUTHORITY;
            p++;
          } else {
            url.path = '';
            state = OPAQUE_PATH;
          }
          break;
        }

        case NO_SCHEME:
          if (base === null || (typeof base.path === 'string' && c !== 0x23)) return null;
          if (typeof base.path === 'string') {
            url.scheme = base.scheme;
            special = isSpecial(url.scheme);
            url.path = base.path;
            url.query = base.query;
            url.fragment = '';
            state = FRAGMENT;
            break;
          }
          state = base.scheme === 'file' ? FILE : RELATIVE;
          continue;

        case SPECIAL_RELATIVE_OR_AUTHORITY:
          if (c === 0x2f && input.charCodeAt(p + 1) === 0x2f) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            p++;
            break;
          }
          state = RELATIVE;
          continue;

        case PATH_OR_AUTHORITY:
          if (c === 0x2f) {
            state = AUTHORITY;
            break;
          }
          state = PATH;
          continue;

        case RELATIVE:
          url.scheme = base.scheme;
          special = isSpecial(url.scheme);
          if (c === 0x2f || (special && c === 0x5c)) {
            state = RELATIVE_SLASH;
            break;
          }
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            shortenPath(url);
            state = PATH;
            continue;
          }
          break;

        case RELATIVE_SLASH:
          if (special && (c === 0x2f || c === 0x5c)) {
            state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
            break;
          }
          if (c === 0x2f) {
            state = AUTHORITY;
            break;
          }
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = PATH;
          continue;

        case SPECIAL_AUTHORITY_SLASHES:
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          if (c === 0x2f && input.charCodeAt(p + 1) === 0x2f) {
            p++;
            break;
          }
          continue;

        case SPECIAL_AUTHORITY_IGNORE_SLASHES:
          if (c !== 0x2f && c !== 0x5c) {
            state = AUTHORITY;
            continue;
          }
          break;

        case AUTHORITY: {
          // Everything before the last @ is userinfo (earlier @s are encoded); the first : in it ends the username.
          let end = p;
          let at = -1;
          for (; end < len; end++) {
            const d = input.charCodeAt(end);
            if (d === 0x2f || d === 0x3f || d === 0x23 || (special && d === 0x5c)) break;
            if (d === 0x40) at = end;
          }
          if (at !== -1) {
            if (at + 1 === end) return null;
            const colon = input.indexOf(':', p);
            if (colon !== -1 && colon < at) {
              url.username += percentEncode(input, p, colon, USERINFO_SET);
              url.password += percentEncode(input, colon + 1, at, USERINFO_SET);
            } else {
              url.username += percentEncode(input, p, at, USERINFO_SET);
            }
            p = at + 1;
          }
          state = HOST;
          continue;
        }

        case HOST:
        case HOSTNAME: {
          if (override && url.scheme === 'file') {
            state = FILE_HOST;
            continue;
          }
          const start = p;
          let insideBrackets = false;
          for (; p < len; p++) {
            c = input.charCodeAt(p);
            if (c === 0x3a && !insideBrackets) break;
            if (c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c)) break;
            if (c === 0x5b) insideBrackets = true;
            else if (c === 0x5d) insideBrackets = false;
          }
          if (p === len) c = EOF;
          buffer = input.slice(start, p);
          if (c === 0x3a) {
            if (buffer === '') return null;
            if (override === HOSTNAME) return null;
            const host = parseHost(buffer, !special);
            if (host === null) return null;
            url.host = host;
            buffer = '';
            state = PORT;
            break;
          }
          if (special && buffer === '') return null;
          if (override && buffer === '' && (includesCredentials(url) || url.port !== null)) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = PATH_START;
          if (override) return url;
          continue;
        }

        case PORT: {
          const start = p;
          while (p < len && isAsciiDigit(input.charCodeAt(p))) p++;
          c = p < len ? input.charCodeAt(p) : EOF;
          if (!(c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c) || override)) {
            return null;
          }
          if (p > start) {
            let port = 0;
            for (let i = start; i < p; i++) {
              port = port * 10 + input.charCodeAt(i) - 0x30;
              if (port > 65535) return null;
            }
            url.port = port === defaultPort(url.scheme) ? null : port;
            if (override) return url;
          }
          if (override) return null;
          state = PATH_START;
          continue;
        }

        case FILE:
          url.scheme = 'file';
          special = true;
          url.host = '';
          if (c === 0x2f || c === 0x5c) {
            state = FILE_SLASH;
            break;
          }
          if (base !== null && base.scheme === 'file') {
            url.host = base.host;
            url.path = base.path.slice();
            url.query = base.query;
            if (c === 0x3f) {
              url.query = '';
              state = QUERY;
            } else if (c === 0x23) {
              url.fragment = '';
              state = FRAGMENT;
            } else if (c !== EOF) {
              url.query = null;
              if (!startsWithWindowsDriveLetter(input, p)) shortenPath(url);
              else url.path = [];
              state = PATH;
              continue;
            }
            break;
          }
          state = PATH;
          continue;

        case FILE_SLASH:
          if (c === 0x2f || c === 0x5c) {
            state = FILE_HOST;
            break;
          }
          if (base !== null && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, p) && base.path.length > 0 &&
                isNormalizedWindowsDriveLetter(base.path[0])) {
              url.path.push(base.path[0]);
            }
          }
          state = PATH;
          continue;

        case FILE_HOST: {
          const start = p;
          for (; p < len; p++) {
            c = input.charCodeAt(p);
            if (c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) break;
          }
          buffer = input.slice(start, p);
          if (!override && isWindowsDriveLetter(buffer)) {
            // The drive letter quirk: buffer is left for the path state to take as the first segment.
            state = PATH;
            continue;
          }
          if (buffer === '') {
            url.host = '';
            if (override) return url;
            state = PATH_START;
            continue;
          }
          let host = parseHost(buffer, false);
          if (host === null) return null;
          if (host === 'localhost') host = '';
          url.host = host;
          if (override) return url;
          buffer = '';
          state = PATH_START;
          continue;
        }

        case PATH_START:
          if (special) {
            state = PATH;
            if (c !== 0x2f && c !== 0x5c) continue;
          } else if (!override && c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (!override && c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          } else if (c !== EOF) {
            state = PATH;
            if (c !== 0x2f) continue;
          } else if (override && url.host === null) {
            url.path.push('');
          }
          break;

        case PATH: {
          let from = p;
          for (;;) {
            c = p < len ? input.charCodeAt(p) : EOF;
            if (c === EOF || c === 0x2f || (special && c === 0x5c) || (!override && (c === 0x3f || c === 0x23))) break;
            if (c < 0x80) {
              if ((ENCODE[c] & PATH_SET) !== 0) {
                buffer += input.slice(from, p) + HEX[c];
                from = p + 1;
              }
              p++;
            } else {
              buffer += input.slice(from, p) + percentEncodeAt(input, p, c);
              p += consumed;
              from = p;
            }
          }
          buffer += input.slice(from, p);
          const slash = c === 0x2f || (special && c === 0x5c);
          if (isDoubleDot(buffer)) {
            shortenPath(url);
            if (!slash) url.path.push('');
          } else if (isSingleDot(buffer)) {
            if (!slash) url.path.push('');
          } else {
            if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
              buffer = buffer[0] + ':';
            }
            url.path.push(buffer);
          }
          buffer = '';
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          }
          break;
        }

        case OPAQUE_PATH: {
          let from = p;
          for (; p < len; p++) {
            c = input.charCodeAt(p);
            if (c === 0x3f || c === 0x23) break;
            if (c === 0x20) {
              // A space just before the query or fragment is encoded, so the path cannot end in a space that
              // serializing without them would lose.
              const next = input.charCodeAt(p + 1);
              if (next === 0x3f || next === 0x23) {
                url.path += input.slice(from, p) + '%20';
                from = p + 1;
              }
            } else if (c >= 0x80) {
              url.path += input.slice(from, p) + percentEncodeAt(input, p, c);
              p += consumed - 1;
              from = p + 1;
            } else if ((ENCODE[c] & C0_SET) !== 0) {
              url.path += input.slice(from, p) + HEX[c];
              from = p + 1;
            }
          }
          url.path += input.slice(from, p);
          if (p === len) return url;
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else {
            url.fragment = '';
            state = FRAGMENT;
          }
          break;
        }

        case QUERY: {
          let end = override ? -1 : input.indexOf('#', p);
          if (end === -1) end = len;
          url.query += percentEncode(input, p, end, special ? SPECIAL_QUERY_SET : QUERY_SET);
          if (end === len) return url;
          p = end;
          url.fragment = '';
          state = FRAGMENT;
          break;
        }

        case FRAGMENT:
          url.fragment += percentEncode(input, p, len, FRAGMENT_SET);
          return url;
      }
      if (p >= len) return url;
      p++;
    }
  }

  function parseWithBase(input, base) {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(usv(base), null, null, 0);
      if (baseRecord === null) return null;
    }
    return basicParse(usv(input), baseRecord, null, 0);
  }

  // ---------------------------------------------------------------------------------------------------------
  // URLSearchParams

  // Set by the classes' static blocks: the URL side's view of a URLSearchParams' private state.
  let paramsForUrl;
  let replaceParamsList;
  let paramsList;

  class URLSearchParams {
    #list;
    #url = null;

    constructor(init = '') {
      if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
        const method = init[Symbol.iterator];
        if (method !== undefined && method !== null) {
          if (typeof method !== 'function') throw new TypeError('URLSearchParams: init is not iterable.');
          this.#list = [];
          for (const pair of { [Symbol.iterator]: () => method.call(init) }) {
            if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') ||
                typeof pair[Symbol.iterator] !== 'function') {
              throw new TypeError('URLSearchParams: each pair must be a sequence.');
            }
            const items = Array.from(pair, usv);
            if (items.length !== 2) throw new TypeError('URLSearchParams: each pair must have exactly two items.');
            this.#list.push(items);
          }
        } else {
          this.#list = [];
          const index = new Map();
          for (const key of Reflect.ownKeys(init)) {
            const desc = Reflect.getOwnPropertyDescriptor(init, key);
            if (desc === undefined || !desc.enumerable) continue;
            const name = usv(key);
            const value = usv(init[key]);
            const at = index.get(name);
            if (at === undefined) {
              index.set(name, this.#list.length);
              this.#list.push([name, value]);
            } else {
              this.#list[at][1] = value;
            }
          }
        }
      } else {
        const s = usv(init);
        this.#list = formParse(s.charCodeAt(0) === 0x3f ? s.slice(1) : s);
      }
    }

    static {
      paramsForUrl = (url) => {
        const params = new URLSearchParams();
        params.#list = url.query === null ? [] : formParse(url.query);
        params.#url = url;
        return params;
      };
      replaceParamsList = (params, list) => {
        params.#list = list;
      };
      paramsList = (params) => params.#list;
    }

    #update() {
      const url = this.#url;
      if (url === null) return;
      const query = formSerialize(this.#list);
      url.query = query === '' ? null : query;
      url.href = null;
    }

    get size() {
      return this.#list.length;
    }

    append(name, value) {
      internal.requireArgs(arguments.length, 2, "Failed to execute 'append' on 'URLSearchParams'");
      this.#list.push([usv(name), usv(value)]);
      this.#update();
    }

    delete(name, value = undefined) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'delete' on 'URLSearchParams'");
      name = usv(name);
      if (value === undefined) {
        this.#list = this.#list.filter((pair) => pair[0] !== name);
      } else {
        value = usv(value);
        this.#list = this.#list.filter((pair) => pair[0] !== name || pair[1] !== value);
      }
      this.#update();
    }

    get(name) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'get' on 'URLSearchParams'");
      name = usv(name);
      const pair = this.#list.find((item) => item[0] === name);
      return pair === undefined ? null : pair[1];
    }

    getAll(name) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'getAll' on 'URLSearchParams'");
      name = usv(name);
      const values = [];
      for (const pair of this.#list) if (pair[0] === name) values.push(pair[1]);
      return values;
    }

    has(name, value = undefined) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'has' on 'URLSearchParams'");
      name = usv(name);
      if (value === undefined) return this.#list.some((pair) => pair[0] === name);
      value = usv(value);
      return this.#list.some((pair) => pair[0] === name && pair[1] === value);
    }

    set(name, value) {
      internal.requireArgs(arguments.length, 2, "Failed to execute 'set' on 'URLSearchParams'");
      name = usv(name);
      value = usv(value);
      const list = this.#list;
      const first = list.findIndex((pair) => pair[0] === name);
      if (first === -1) {
        list.push([name, value]);
      } else {
        list[first] = [name, value];
        this.#list = list.filter((pair, i) => i <= first || pair[0] !== name);
      }
      this.#update();
    }

    sort() {
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }

    forEach(callback, thisArg = undefined) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'forEach' on 'URLSearchParams'");
      if (typeof callback !== 'function') {
        throw new TypeError("Failed to execute 'forEach' on 'URLSearchParams': the callback is not a function.");
      }
      for (let i = 0; i < this.#list.length; i++) {
        const pair = this.#list[i];
        callback.call(thisArg, pair[1], pair[0], this);
      }
    }

    keys() {
      return new URLSearchParamsIterator(this, KEYS);
    }

    values() {
      return new URLSearchParamsIterator(this, VALUES);
    }

    entries() {
      return new URLSearchParamsIterator(this, ENTRIES);
    }

    toString() {
      return formSerialize(this.#list);
    }
  }

  const KEYS = 0;
  const VALUES = 1;
  const ENTRIES = 2;

  class URLSearchParamsIterator {
    #params;
    #kind;
    #index = 0;

    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
    }

    next() {
      const list = paramsList(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const pair = list[this.#index++];
      const kind = this.#kind;
      return { value: kind === KEYS ? pair[0] : kind === VALUES ? pair[1] : [pair[0], pair[1]], done: false };
    }
  }

  Object.setPrototypeOf(URLSearchParamsIterator.prototype,
    Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  delete URLSearchParamsIterator.prototype.constructor;
  Object.defineProperty(URLSearchParamsIterator.prototype, 'next', { enumerable: true });
  Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag,
    { value: 'URLSearchParams Iterator', configurable: true });

  // ---------------------------------------------------------------------------------------------------------
  // URL

  // Lets the class build a URL around a record it already parsed; user code cannot reach it.
  const FROM_RECORD = Symbol('URL from record');

  class URL {
    #url;
    #params = null;

    constructor(url, base = undefined) {
      if (url === FROM_RECORD) {
        this.#url = base;
        return;
      }
      internal.requireArgs(arguments.length, 1, "Failed to construct 'URL'");
      const record = parseWithBase(url, base);
      if (record === null) throw new TypeError(INVALID_URL);
      this.#url = record;
    }

    static parse(url, base = undefined) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'parse' on 'URL'");
      const record = parseWithBase(url, base);
      return record === null ? null : new URL(FROM_RECORD, record);
    }

    static canParse(url, base = undefined) {
      internal.requireArgs(arguments.length, 1, "Failed to execute 'canParse' on 'URL'");
      return parseWithBase(url, base) !== null;
    }

    #queryChanged() {
      if (this.#params !== null) {
        const query = this.#url.query;
        replaceParamsList(this.#params, query === null ? [] : formParse(query));
      }
    }

    get href() {
      return serializeUrl(this.#url);
    }

    set href(value) {
      const record = basicParse(usv(value), null, null, 0);
      if (record === null) throw new TypeError(INVALID_URL);
      assignRecord(this.#url, record);
      this.#queryChanged();
    }

    get origin() {
      return serializeOrigin(this.#url);
    }

    get protocol() {
      return this.#url.scheme + ':';
    }

    set protocol(value) {
      const url = this.#url;
      basicParse(usv(value) + ':', null, url, SCHEME_START);
      url.href = null;
    }

    get username() {
      return this.#url.username;
    }

    set username(value) {
      const url = this.#url;
      value = usv(value);
      if (cannotHaveCredentialsOrPort(url)) return;
      url.username = percentEncode(value, 0, value.length, USERINFO_SET);
      url.href = null;
    }

    get password() {
      return this.#url.password;
    }

    set password(value) {
      const url = this.#url;
      value = usv(value);
      if (cannotHaveCredentialsOrPort(url)) return;
      url.password = percentEncode(value, 0, value.length, USERINFO_SET);
      url.href = null;
    }

    get host() {
      const url = this.#url;
      if (url.host === null) return '';
      return url.port === null ? url.host : url.host + ':' + url.port;
    }

    set host(value) {
      const url = this.#url;
      value = usv(value);
      if (typeof url.path === 'string') return;
      basicParse(value, null, url, HOST);
      url.href = null;
    }

    get hostname() {
      const host = this.#url.host;
      return host === null ? '' : host;
    }

    set hostname(value) {
      const url = this.#url;
      value = usv(value);
      if (typeof url.path === 'string') return;
      basicParse(value, null, url, HOSTNAME);
      url.href = null;
    }

    get port() {
      const port = this.#url.port;
      return port === null ? '' : `${port}`;
    }

    set port(value) {
      const url = this.#url;
      value = usv(value);
      if (cannotHaveCredentialsOrPort(url)) return;
      if (value === '') url.port = null;
      else basicParse(value, null, url, PORT);
      url.href = null;
    }

    get pathname() {
      return serializePath(this.#url);
    }

    set pathname(value) {
      const url = this.#url;
      value = usv(value);
      if (typeof url.path === 'string') return;
      url.path = [];
      basicParse(value, null, url, PATH_START);
      url.href = null;
    }

    get search() {
      const query = this.#url.query;
      return query === null || query === '' ? '' : '?' + query;
    }

    set search(value) {
      const url = this.#url;
      value = usv(value);
      url.href = null;
      if (value === '') {
        url.query = null;
        this.#queryChanged();
        return;
      }
      const input = value.charCodeAt(0) === 0x3f ? value.slice(1) : value;
      url.query = '';
      basicParse(input, null, url, QUERY);
      if (this.#params !== null) replaceParamsList(this.#params, formParse(input));
    }

    get searchParams() {
      if (this.#params === null) this.#params = paramsForUrl(this.#url);
      return this.#params;
    }

    get hash() {
      const fragment = this.#url.fragment;
      return fragment === null || fragment === '' ? '' : '#' + fragment;
    }

    set hash(value) {
      const url = this.#url;
      value = usv(value);
      url.href = null;
      if (value === '') {
        url.fragment = null;
        return;
      }
      url.fragment = '';
      basicParse(value.charCodeAt(0) === 0x23 ? value.slice(1) : value, null, url, FRAGMENT);
    }

    toString() {
      return serializeUrl(this.#url);
    }

    toJSON() {
      return serializeUrl(this.#url);
    }
  }

  internal.defineInterface(URL);
  internal.defineInterface(URLSearchParams);
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries,
    writable: true,
    configurable: true,
  });

  internal.url = {
    /** Parses input against an optional base string: a URL object, or null where the constructor would throw. */
    parse(input, base) {
      const record = parseWithBase(input, base);
      return record === null ? null : new URL(FROM_RECORD, record);
    },
  };
})(globalThis.__corralInternal);
