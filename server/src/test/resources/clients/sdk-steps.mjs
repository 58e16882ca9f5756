// Shared by the SDK scenario scripts: loads a client package from the repository's clients/ folder and records each
// step's result or error, printed at the end as one JSON line that the Java test reads.
import { createRequire } from "node:module";
import { join } from "node:path";

const clients = process.env.CORRAL_CLIENTS;
if (!clients) throw new Error("CORRAL_CLIENTS must name the clients/ folder");
const require = createRequire(join(clients, "package.json"));

export function loadPackage(name) {
  return require(name);
}

export const env = {
  baseURL: process.env.CLOUDFLARE_BASE_URL,
  apiToken: process.env.CLOUDFLARE_API_TOKEN,
  accountId: process.env.CLOUDFLARE_ACCOUNT_ID,
};

const steps = {};

function describe(error) {
  return {
    class: error?.constructor?.name ?? typeof error,
    status: error?.status ?? null,
    message: String(error?.message ?? error),
    errors: error?.errors ?? error?.error?.errors ?? null,
  };
}

/** Runs one SDK call, keeps its JSON-able result under `name`, and returns it (undefined when it threw). */
export async function step(name, call) {
  try {
    const value = await call();
    steps[name] = { value: value === undefined ? null : value };
    return value;
  } catch (error) {
    steps[name] = { error: describe(error) };
    return undefined;
  }
}

/** Every item of an SDK list (a page promise), however many pages it has. */
export async function all(pagePromise) {
  const items = [];
  for await (const item of pagePromise) items.push(item);
  return items;
}

export function print() {
  process.stdout.write(JSON.stringify({ steps }) + "\n");
}
