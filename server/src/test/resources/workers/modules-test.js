// Several modules: relative imports, a nested folder, and text, data, JSON and wasm modules.
import { eq, run } from './harness.js';
import { double } from './modules/lib/math.js';
import greeting from './modules/greeting.txt';
import config from './modules/config.json';
import blob from './modules/blob.bin';
import addModule from './modules/add.wasm';

export default run({
  'relative imports resolve': () => eq(double(21), 42),
  'a text module is a string': () => eq(greeting.trim(), 'hello from a text module'),
  'a JSON module is parsed': () => eq(config.answer, 42),
  'a wasm module is a compiled WebAssembly.Module': () => {
    eq(addModule instanceof WebAssembly.Module, true);
    eq(new WebAssembly.Instance(addModule).exports.add(2, 3), 5);
  },
  'a data module is an ArrayBuffer': () => {
    eq(blob instanceof ArrayBuffer, true);
    eq(new Uint8Array(blob)[0], 0x43);
  },
});
