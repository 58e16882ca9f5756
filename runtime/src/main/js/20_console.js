// console.* formats its arguments in the isolate and hands one line per call to the host, which tags it with the
// worker and sends it to the structured log and any live tail.
(function (internal) {
  const MAX_DEPTH = 3;
  const MAX_ITEMS = 100;

  function inspect(value, depth, seen) {
    switch (typeof value) {
      case 'string': return depth === 0 ? value : JSON.stringify(value);
      case 'function': return `[Function: ${value.name || '(anonymous)'}]`;
      case 'symbol': return value.toString();
      case 'bigint': return `${value}n`;
      case 'undefined': return 'undefined';
      case 'object': break;
      default: return String(value);
    }
    if (value === null) return 'null';
    if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
    if (seen.has(value)) return '[Circular]';
    if (depth > MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
    seen.add(value);
    try {
      if (Array.isArray(value)) {
        const items = value.slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen));
        if (value.length > MAX_ITEMS) items.push(`... ${value.length - MAX_ITEMS} more items`);
        return `[ ${items.join(', ')} ]`;
      }
      if (value instanceof Map) {
        return `Map(${value.size}) { ${[...value].slice(0, MAX_ITEMS).map(([k, v]) => `${inspect(k, depth + 1, seen)} => ${inspect(v, depth + 1, seen)}`).join(', ')} }`;
      }
      if (value instanceof Set) return `Set(${value.size}) { ${[...value].slice(0, MAX_ITEMS).map((v) => inspect(v, depth + 1, seen)).join(', ')} }`;
      if (value instanceof Date) return value.toISOString();
      if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.length}) [ ${Array.prototype.slice.call(value, 0, MAX_ITEMS).join(', ')} ]`;
      const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : '';
      const keys = Object.keys(value);
      const body = keys.slice(0, MAX_ITEMS).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inspect(value[k], depth + 1, seen)}`);
      return body.length ? `${name}{ ${body.join(', ')} }` : `${name}{}`;
    } finally {
      seen.delete(value);
    }
  }

  function format(args) {
    return args.map((arg) => inspect(arg, 0, new Set())).join(' ');
  }

  function emit(level, args) {
    if (internal.ops !== null) internal.ops.log(level, format(args));
  }

  const counts = new Map();
  const timers = new Map();
  const console = {
    log: (...args) => emit('log', args),
    info: (...args) => emit('info', args),
    debug: (...args) => emit('debug', args),
    warn: (...args) => emit('warn', args),
    error: (...args) => emit('error', args),
    trace: (...args) => emit('log', ['Trace:', ...args, '\n' + (new Error().stack || '').split('\n').slice(2).join('\n')]),
    dir: (value) => emit('log', [value]),
    table: (value) => emit('log', [value]),
    assert: (condition, ...args) => { if (!condition) emit('error', ['Assertion failed:', ...args]); },
    count: (label = 'default') => { counts.set(label, (counts.get(label) || 0) + 1); emit('log', [`${label}: ${counts.get(label)}`]); },
    countReset: (label = 'default') => { counts.delete(label); },
    time: (label = 'default') => { timers.set(label, Date.now()); },
    timeLog: (label = 'default', ...args) => emit('log', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`, ...args]),
    timeEnd: (label = 'default') => { emit('log', [`${label}: ${Date.now() - (timers.get(label) ?? Date.now())}ms`]); timers.delete(label); },
    group: (...args) => { if (args.length) emit('log', args); },
    groupCollapsed: (...args) => { if (args.length) emit('log', args); },
    groupEnd: () => {},
  };
  internal.inspect = (value) => inspect(value, 0, new Set());
  internal.defineGlobal('console', console);
})(globalThis.__corralInternal);
