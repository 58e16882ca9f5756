// Not from a seed: the least code that makes seed004-dispatcher-path.ts (a fragment that uses `request`, `env` and
// `url`, and returns at top level) a worker. A test replaces the line `/* seed004-dispatcher-path.ts */` with the
// fragment file's whole text, then strips types. `url` is declared as in seed 004's other two dispatchers.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    /* seed004-dispatcher-path.ts */
  }
};
