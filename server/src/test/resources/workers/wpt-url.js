// Runs the WHATWG URL web-platform-tests vectors against the global URL and URLSearchParams.
//
// POST a JSON body { urltestdata, setters, toascii, urlencoded, percentEncoding? } holding the parsed files from
// shared/wpt/url/; the answer is { passed, failed, files: { name: { passed, failed } }, failures: [...] }.
// Each check asserts what the wpt file that consumes the vectors asserts:
//   urltestdata      url-constructor.any.js and url-origin.any.js, plus URL.canParse and URL.parse agreeing
//                    with the constructor (url-statics-*.any.js state that rule, with their own inputs);
//   setters          url-setters.any.js;
//   toascii          toascii.window.js, the URL, URL.host and URL.hostname parts (the rest needs a DOM);
//   urlencoded       urlencoded-parser.any.js;
//   percentEncoding  percent-encoding.window.js, UTF-8 only: Workers never parse URLs under legacy encodings.

const MAX_FAILURES = 50;

const URL_ATTRIBUTES = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
  'pathname', 'search', 'searchParams', 'hash'];

function outcome(fn) {
  try {
    return fn();
  } catch (e) {
    return e instanceof TypeError ? 'TypeError' : `threw ${e && e.name}: ${e && e.message}`;
  }
}

function attributes(url, keys) {
  const got = {};
  for (const key of keys) got[key] = key === 'searchParams' ? url.searchParams.toString() : url[key];
  return got;
}

function checkUrlTestData(t, record) {
  const make = () => (t.base !== null ? new URL(t.input, t.base) : new URL(t.input));
  const canParse = () => (t.base !== null ? URL.canParse(t.input, t.base) : URL.canParse(t.input));
  const parse = () => (t.base !== null ? URL.parse(t.input, t.base) : URL.parse(t.input));
  if (t.failure) {
    record(t.input, t.base, { constructor: 'TypeError', canParse: false, parse: null },
      { constructor: outcome(make), canParse: outcome(canParse), parse: outcome(parse) });
    return;
  }
  const keys = URL_ATTRIBUTES.filter((key) => key in t);
  const expected = {};
  for (const key of keys) expected[key] = t[key];
  expected.canParse = true;
  expected.parseHref = t.href;
  const got = outcome(() => {
    const result = attributes(make(), keys);
    result.canParse = canParse();
    const parsed = parse();
    result.parseHref = parsed === null ? null : parsed.href;
    return result;
  });
  record(t.input, t.base, expected, got);
}

function checkSetter(attribute, t, record) {
  const got = outcome(() => {
    const url = new URL(t.href);
    url[attribute] = t.new_value;
    return attributes(url, Object.keys(t.expected));
  });
  record(`<${t.href}>.${attribute} = '${t.new_value}'`, null, t.expected, got);
}

function checkToAscii(t, record) {
  const output = t.output === undefined ? t.input : t.output;
  const made = outcome(() => attributes(new URL(`https://${t.input}/x`), ['host', 'hostname', 'pathname', 'href']));
  if (output === null) record(`https://${t.input}/x`, null, 'TypeError', made);
  else record(`https://${t.input}/x`, null, { host: output, hostname: output, pathname: '/x', href: `https://${output}/x` }, made);
  for (const attribute of ['host', 'hostname']) {
    const got = outcome(() => {
      const url = new URL('https://x/x');
      url[attribute] = t.input;
      return url[attribute];
    });
    record(`<https://x/x>.${attribute} = '${t.input}'`, null, output === null ? 'x' : output, got);
  }
}

function checkUrlEncoded(t, record) {
  record(t.input, null, t.output, outcome(() => [...new URLSearchParams(t.input)]));
}

function checkPercentEncoding(t, record) {
  const encoded = t.output['utf-8'];
  if (encoded === undefined) return;
  const got = outcome(() => {
    const url = new URL(`https://doesnotmatter.invalid/?${t.input}#${t.input}`);
    return { search: url.search, hash: url.hash };
  });
  record(t.input, null, { search: `?${encoded}`, hash: `#${encoded}` }, got);
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function runVectors(data) {
  const report = { passed: 0, failed: 0, files: {}, failures: [] };
  const run = (file, cases, check) => {
    if (!Array.isArray(cases)) return;
    const counts = { passed: 0, failed: 0 };
    report.files[file] = counts;
    const record = (input, base, expected, got) => {
      if (same(expected, got)) {
        counts.passed++;
        report.passed++;
        return;
      }
      counts.failed++;
      report.failed++;
      if (report.failures.length < MAX_FAILURES) report.failures.push({ file, input, base, expected, got });
    };
    for (const t of cases) if (typeof t !== 'string') check(t, record);
  };
  run('urltestdata', data.urltestdata, checkUrlTestData);
  if (data.setters) {
    const cases = [];
    for (const attribute of Object.keys(data.setters)) {
      if (attribute === 'comment') continue;
      for (const t of data.setters[attribute]) cases.push({ attribute, t });
    }
    run('setters', cases, ({ attribute, t }, record) => checkSetter(attribute, t, record));
  }
  run('toascii', data.toascii, checkToAscii);
  run('urlencoded', data.urlencoded, checkUrlEncoded);
  run('percentEncoding', data.percentEncoding, checkPercentEncoding);
  return report;
}

export default {
  async fetch(request) {
    return Response.json(runVectors(await request.json()));
  },
};
