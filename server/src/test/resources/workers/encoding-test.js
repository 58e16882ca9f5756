// Behaviour tests for TextEncoder, TextDecoder, atob and btoa. Each case throws on failure; the worker answers
// { passed: [names], failed: [{ name, error }] }.
import { assert, assertEquals, assertThrows, show, suite } from './harness.js';

const { test, worker } = suite();

function assertBytes(actual, expected, message = 'bytes') {
  const got = Array.from(actual);
  if (got.length !== expected.length || got.some((b, i) => b !== expected[i])) {
    throw new Error(`${message}: expected [${expected}], got [${got}]`);
  }
}

const isTypeError = (e) => e instanceof TypeError;
const isRangeError = (e) => e instanceof RangeError;
const isInvalidCharacter = (e) => e instanceof DOMException && e.name === 'InvalidCharacterError' && e.code === 5;
const bytes = (...b) => new Uint8Array(b);
const decode = (b, label = 'utf-8', options) => new TextDecoder(label, options).decode(new Uint8Array(b));
const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');

// ---------------------------------------------------------------------------------------------------------------
// TextEncoder

test('TextEncoder encoding is utf-8', () => {
  assertEquals(new TextEncoder().encoding, 'utf-8');
});

test('TextEncoder encodes every UTF-8 length', () => {
  assertBytes(new TextEncoder().encode('a\u00e9\u20ac\u{1F600}'),
    [0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  assertBytes(new TextEncoder().encode('\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}'), [
    0x7f, 0xc2, 0x80, 0xdf, 0xbf, 0xe0, 0xa0, 0x80, 0xef, 0xbf, 0xbf, 0xf0, 0x90, 0x80, 0x80, 0xf4, 0x8f, 0xbf, 0xbf,
  ]);
});

test('TextEncoder.encode defaults and coerces its input', () => {
  assertEquals(new TextEncoder().encode().length, 0);
  assertEquals(new TextEncoder().encode(undefined).length, 0);
  assertBytes(new TextEncoder().encode(null), [0x6e, 0x75, 0x6c, 0x6c]);
  assertBytes(new TextEncoder().encode(12), [0x31, 0x32]);
  assert(new TextEncoder().encode('x') instanceof Uint8Array, 'returns a Uint8Array');
});

test('TextEncoder replaces lone surrogates with U+FFFD', () => {
  assertBytes(new TextEncoder().encode('\ud800'), [0xef, 0xbf, 0xbd]);
  assertBytes(new TextEncoder().encode('a\udc00b'), [0x61, 0xef, 0xbf, 0xbd, 0x62]);
  assertBytes(new TextEncoder().encode('\udc00\ud800'), [0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd]);
  assertBytes(new TextEncoder().encode('\ud800'.repeat(2) + '\udc00'), [0xef, 0xbf, 0xbd, 0xf0, 0x90, 0x80, 0x80]);
});

test('TextEncoder.encodeInto reports code units read and bytes written', () => {
  const dest = new Uint8Array(10);
  const result = new TextEncoder().encodeInto('a\u00e9\u{1F600}', dest);
  assertEquals(result.read, 4, 'read');
  assertEquals(result.written, 7, 'written');
  assertBytes(dest.subarray(0, 7), [0x61, 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80]);
  assertEquals(Object.keys(result).join(), 'read,written', 'result keys');
});

test('TextEncoder.encodeInto never splits a scalar value', () => {
  const dest = new Uint8Array(5);
  const result = new TextEncoder().encodeInto('ab\u{1F600}', dest);
  assertEquals(result.read, 2, 'read');
  assertEquals(result.written, 2, 'written');
  assertEquals(dest[2], 0, 'untouched byte');
  const euro = new TextEncoder().encodeInto('\u20ac\u20ac', new Uint8Array(4));
  assertEquals(euro.read, 1, 'euro read');
  assertEquals(euro.written, 3, 'euro written');
});

test('TextEncoder.encodeInto writes into a view at its offset', () => {
  const buffer = new Uint8Array(8).fill(0xaa);
  const result = new TextEncoder().encodeInto('hi', buffer.subarray(3, 5));
  assertEquals(result.written, 2);
  assertBytes(buffer, [0xaa, 0xaa, 0xaa, 0x68, 0x69, 0xaa, 0xaa, 0xaa]);
});

test('TextEncoder.encodeInto requires a Uint8Array', () => {
  assertThrows(() => new TextEncoder().encodeInto('a', new Uint16Array(2)), isTypeError, 'Uint16Array');
  assertThrows(() => new TextEncoder().encodeInto('a', new ArrayBuffer(2)), isTypeError, 'ArrayBuffer');
  assertThrows(() => new TextEncoder().encodeInto('a'), isTypeError, 'missing destination');
});

test('TextEncoder round-trips a large mixed string', () => {
  let s = '';
  for (let i = 0; i < 50000; i++) s += String.fromCodePoint([0x41 + (i % 26), 0xe9, 0x4e2d, 0x1f600][i % 4]);
  const encoded = new TextEncoder().encode(s);
  assertEquals(encoded.length, 50000 / 4 * (1 + 2 + 3 + 4), 'length');
  assertEquals(new TextDecoder().decode(encoded), s, 'round trip');
});

test('TextEncoder members check their receiver', () => {
  const { get } = Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding');
  assertThrows(() => get.call({}), isTypeError, 'encoding getter');
  assertThrows(() => TextEncoder.prototype.encode.call({}, 'a'), isTypeError, 'encode');
});

// ---------------------------------------------------------------------------------------------------------------
// TextDecoder: labels and options

test('TextDecoder defaults to utf-8 without fatal or ignoreBOM', () => {
  const decoder = new TextDecoder();
  assertEquals(decoder.encoding, 'utf-8');
  assertEquals(decoder.fatal, false);
  assertEquals(decoder.ignoreBOM, false);
  const custom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  assertEquals(custom.fatal, true);
  assertEquals(custom.ignoreBOM, true);
});

test('TextDecoder labels are trimmed, case-insensitive and canonicalized', () => {
  assertEquals(new TextDecoder(' \tUTF8\n').encoding, 'utf-8');
  assertEquals(new TextDecoder('Unicode-1-1-UTF-8').encoding, 'utf-8');
  assertEquals(new TextDecoder('utf-16').encoding, 'utf-16le');
  assertEquals(new TextDecoder('UTF-16BE').encoding, 'utf-16be');
  for (const label of ['latin1', 'iso-8859-1', 'ascii', 'us-ascii', 'cp1252', 'windows-1252']) {
    assertEquals(new TextDecoder(label).encoding, 'windows-1252', label);
  }
});

test('TextDecoder rejects unknown labels with RangeError', () => {
  for (const label of ['utf-7', 'replacement', '', 'utf\u00a08', '\u212aoi8-r', 'nonsense']) {
    assertThrows(() => new TextDecoder(label), isRangeError, JSON.stringify(label));
  }
});

test('TextDecoder rejects options that are not objects', () => {
  assertThrows(() => new TextDecoder('utf-8', 5), isTypeError, 'constructor options');
  assertThrows(() => new TextDecoder().decode(bytes(0x41), 5), isTypeError, 'decode options');
});

// ---------------------------------------------------------------------------------------------------------------
// TextDecoder: UTF-8

test('TextDecoder decodes every buffer source', () => {
  const data = new TextEncoder().encode('h\u00e9llo');
  assertEquals(new TextDecoder().decode(data), 'h\u00e9llo', 'Uint8Array');
  assertEquals(new TextDecoder().decode(data.buffer), 'h\u00e9llo', 'ArrayBuffer');
  assertEquals(new TextDecoder().decode(new DataView(data.buffer, 1, 2)), '\u00e9', 'DataView');
  assertEquals(new TextDecoder().decode(new Uint16Array(bytes(0x61, 0x62, 0x63, 0x64).buffer)), 'abcd', 'Uint16Array');
  assertEquals(new TextDecoder().decode(), '', 'no input');
  assertEquals(new TextDecoder().decode(undefined), '', 'undefined');
  assertThrows(() => new TextDecoder().decode(null), isTypeError, 'null');
  assertThrows(() => new TextDecoder().decode('abc'), isTypeError, 'string');
  assertThrows(() => new TextDecoder().decode([0x41]), isTypeError, 'array');
});

test('TextDecoder decodes a SharedArrayBuffer', () => {
  if (typeof SharedArrayBuffer !== 'function') return;
  const shared = new SharedArrayBuffer(2);
  new Uint8Array(shared).set([0x6f, 0x6b]);
  assertEquals(new TextDecoder().decode(shared), 'ok');
});

test('TextDecoder reads a detached buffer as empty', () => {
  const data = bytes(0x61, 0x62);
  data.buffer.transfer();
  assertEquals(new TextDecoder().decode(data), '');
});

test('TextDecoder strips one leading BOM unless ignoreBOM', () => {
  assertEquals(decode([0xef, 0xbb, 0xbf, 0x61]), 'a');
  assertEquals(decode([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61]), '\ufeffa', 'only the first');
  assertEquals(decode([0xef, 0xbb, 0xbf, 0x61], 'utf-8', { ignoreBOM: true }), '\ufeffa', 'ignoreBOM');
  assertEquals(decode([0x61, 0xef, 0xbb, 0xbf]), 'a\ufeff', 'not leading');
  assertEquals(decode([0xef, 0xbb, 0xbf]), '', 'BOM only');
});

test('TextDecoder replaces malformed UTF-8 per the Encoding Standard', () => {
  const cases = [
    [[0x80], '\ufffd'],
    [[0xff], '\ufffd'],
    [[0xc0, 0x80], '\ufffd\ufffd'],
    [[0xc1, 0xbf], '\ufffd\ufffd'],
    [[0xe0, 0x80, 0x80], '\ufffd\ufffd\ufffd'],
    [[0xe0, 0x9f, 0xbf], '\ufffd\ufffd\ufffd'],
    [[0xed, 0xa0, 0x80], '\ufffd\ufffd\ufffd'],
    [[0xf0, 0x8f, 0xbf, 0xbf], '\ufffd\ufffd\ufffd\ufffd'],
    [[0xf4, 0x90, 0x80, 0x80], '\ufffd\ufffd\ufffd\ufffd'],
    [[0xf5, 0x80], '\ufffd\ufffd'],
    [[0xe2, 0x82], '\ufffd'],
    [[0xe2, 0x82, 0x41], '\ufffdA'],
    [[0xf0, 0x9f, 0x98], '\ufffd'],
    [[0xf0, 0x9f, 0x98, 0x41], '\ufffdA'],
    [[0x41, 0xc3], 'A\ufffd'],
    [[0xc3, 0xc3, 0xa9], '\ufffd\u00e9'],
  ];
  for (const [input, expected] of cases) assertEquals(decode(input), expected, hex(input));
});

test('TextDecoder with fatal throws TypeError on malformed UTF-8', () => {
  for (const input of [[0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x41, 0xff]]) {
    assertThrows(() => decode(input, 'utf-8', { fatal: true }), isTypeError, hex(input));
  }
  assertEquals(decode([0xe2, 0x82, 0xac], 'utf-8', { fatal: true }), '\u20ac', 'valid input');
});

test('TextDecoder stays usable after a fatal error', () => {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  assertThrows(() => decoder.decode(bytes(0xe2, 0x82), { stream: true }) + decoder.decode(bytes(0x41)), isTypeError,
    'truncated');
  assertEquals(decoder.decode(bytes(0xe2, 0x82, 0xac)), '\u20ac', 'after the error');
});

test('TextDecoder streams a multi-byte text split at every byte position', () => {
  const text = 'a\u00e9\u20ac\u{1F600}z\u4e2d\u{10ffff}';
  const encoded = new TextEncoder().encode(text);
  for (let i = 0; i <= encoded.length; i++) {
    for (let j = i; j <= encoded.length; j++) {
      const decoder = new TextDecoder();
      const out = decoder.decode(encoded.subarray(0, i), { stream: true }) +
        decoder.decode(encoded.subarray(i, j), { stream: true }) + decoder.decode(encoded.subarray(j));
      assertEquals(out, text, `split at ${i},${j}`);
    }
  }
});

test('TextDecoder streams one byte at a time', () => {
  const encoded = new TextEncoder().encode('\u{1F4A9}\u00e9');
  const decoder = new TextDecoder();
  const pieces = Array.from(encoded, (b) => decoder.decode(bytes(b), { stream: true }));
  assertEquals(pieces.join('|'), '|||\u{1F4A9}||\u00e9', 'pieces');
  assertEquals(decoder.decode(), '', 'flush');
});

test('TextDecoder stream flush turns an unfinished sequence into U+FFFD', () => {
  const decoder = new TextDecoder();
  assertEquals(decoder.decode(bytes(0xf0, 0x9f), { stream: true }), '');
  assertEquals(decoder.decode(), '\ufffd');
  assertEquals(decoder.decode(bytes(0x41)), 'A', 'fresh after flush');
});

test('TextDecoder keeps a stream BOM split across chunks', () => {
  const decoder = new TextDecoder();
  assertEquals(decoder.decode(bytes(0xef), { stream: true }), '');
  assertEquals(decoder.decode(bytes(0xbb), { stream: true }), '');
  assertEquals(decoder.decode(bytes(0xbf, 0x61), { stream: true }), 'a');
  assertEquals(decoder.decode(bytes(0xef, 0xbb, 0xbf)), '\ufeff', 'a later BOM stays');
  assertEquals(decoder.decode(bytes(0xef, 0xbb, 0xbf, 0x62)), 'b', 'a new stream strips again');
});

test('TextDecoder decodes large inputs', () => {
  const text = 'x'.repeat(70000) + '\u00e9'.repeat(30000) + '\u{1F600}'.repeat(10000);
  assertEquals(new TextDecoder().decode(new TextEncoder().encode(text)), text);
});

// ---------------------------------------------------------------------------------------------------------------
// TextDecoder: UTF-16 and windows-1252

test('TextDecoder decodes UTF-16LE and UTF-16BE', () => {
  assertEquals(decode([0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde], 'utf-16le'), 'a\u{1F600}');
  assertEquals(decode([0x00, 0x61, 0xd8, 0x3d, 0xde, 0x00], 'utf-16be'), 'a\u{1F600}');
  assertEquals(decode([0xff, 0xfe, 0x61, 0x00], 'utf-16le'), 'a', 'LE BOM');
  assertEquals(decode([0xfe, 0xff, 0x00, 0x61], 'utf-16be'), 'a', 'BE BOM');
  assertEquals(decode([0xfe, 0xff, 0x61, 0x00], 'utf-16le'), '\ufffea', 'mismatched BOM');
});

test('TextDecoder replaces broken UTF-16', () => {
  assertEquals(decode([0x00, 0xd8], 'utf-16le'), '\ufffd', 'lone lead');
  assertEquals(decode([0x00, 0xdc], 'utf-16le'), '\ufffd', 'lone trail');
  assertEquals(decode([0x00, 0xd8, 0x41, 0x00], 'utf-16le'), '\ufffdA', 'unpaired lead');
  assertEquals(decode([0x41], 'utf-16le'), '\ufffd', 'odd byte');
  assertThrows(() => decode([0x00, 0xd8], 'utf-16le', { fatal: true }), isTypeError, 'fatal');
});

test('TextDecoder streams UTF-16 split at every byte position', () => {
  const data = [0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x62, 0x00];
  for (let i = 0; i <= data.length; i++) {
    const decoder = new TextDecoder('utf-16le');
    const out = decoder.decode(new Uint8Array(data.slice(0, i)), { stream: true }) +
      decoder.decode(new Uint8Array(data.slice(i)));
    assertEquals(out, 'a\u{1F600}b', `split at ${i}`);
  }
});

test('TextDecoder decodes windows-1252 as the Encoding Standard maps it', () => {
  assertEquals(decode([0x80, 0x81, 0x8d, 0x9f, 0xa0, 0xe9, 0xff], 'latin1'), '\u20ac\u0081\u008d\u0178\u00a0\u00e9\u00ff');
  assertEquals(decode([0x41, 0x99], 'windows-1252', { fatal: true }), 'A\u2122', 'never fatal');
  assertEquals(decode([0xef, 0xbb, 0xbf], 'latin1'), '\u00ef\u00bb\u00bf', 'no BOM handling');
});

// ---------------------------------------------------------------------------------------------------------------
// atob, btoa

test('btoa and atob round-trip every byte value', () => {
  let binary = '';
  for (let i = 0; i < 256; i++) binary += String.fromCharCode(i);
  const encoded = btoa(binary);
  assertEquals(encoded.slice(0, 8), 'AAECAwQF');
  assertEquals(atob(encoded), binary);
});

test('btoa pads its output', () => {
  assertEquals(btoa(''), '');
  assertEquals(btoa('a'), 'YQ==');
  assertEquals(btoa('ab'), 'YWI=');
  assertEquals(btoa('abc'), 'YWJj');
  assertEquals(btoa(null), 'bnVsbA==', 'coerces');
});

test('btoa rejects characters above U+00FF', () => {
  assertThrows(() => btoa('\u0100'), isInvalidCharacter, 'U+0100');
  assertThrows(() => btoa('\u{1F600}'), isInvalidCharacter, 'astral');
  assertThrows(() => btoa(), isTypeError, 'no argument');
});

test('atob is forgiving about whitespace and padding', () => {
  assertEquals(atob('YQ'), 'a');
  assertEquals(atob('YQ=='), 'a');
  assertEquals(atob(' Y Q = = '), 'a');
  assertEquals(atob('\tYW\nJj\f\r'), 'abc');
  assertEquals(atob('YWI='), 'ab');
  assertEquals(atob(''), '');
  assertEquals(atob('YR'), 'a', 'non-zero trailing bits');
  assertEquals(atob(null), '\u009e\u00e9e', 'coerces');
});

test('atob rejects malformed input with InvalidCharacterError', () => {
  for (const input of ['a', 'YQ=', 'YQ===', 'Y=Q=', '=YQ', 'YQ==a', 'ab\u00a0cd', 'a-b_', '\u{1F600}', 'abcde']) {
    assertThrows(() => atob(input), isInvalidCharacter, JSON.stringify(input));
  }
  assertThrows(() => atob(), isTypeError, 'no argument');
});

// ---------------------------------------------------------------------------------------------------------------
// Web IDL shape

test('encoding interfaces have Web IDL shape', () => {
  for (const [ctor, members] of [[TextEncoder, ['encoding', 'encode', 'encodeInto']],
    [TextDecoder, ['encoding', 'fatal', 'ignoreBOM', 'decode']]]) {
    const desc = Object.getOwnPropertyDescriptor(globalThis, ctor.name);
    assert(desc && desc.writable && desc.configurable && !desc.enumerable, `${ctor.name} global descriptor`);
    for (const member of members) {
      assert(Object.getOwnPropertyDescriptor(ctor.prototype, member)?.enumerable, `${ctor.name}.${member} enumerable`);
    }
    assertEquals(Object.prototype.toString.call(new ctor()), `[object ${ctor.name}]`);
  }
  assertEquals(TextEncoder.prototype.encodeInto.length, 2, 'encodeInto.length');
  assertEquals(TextDecoder.prototype.decode.length, 0, 'decode.length');
  assertEquals(TextDecoder.length, 0, 'TextDecoder.length');
  assertEquals(atob.length, 1, 'atob.length');
  assertEquals(btoa.length, 1, 'btoa.length');
});

export default worker;
