// Scenarios against the Workers for Platforms API with cloudflare@6.5.0 (SDK 5/6 call shapes and multipart framing).
// Usage: node sdk-v6.mjs <scenario> <args...>; prints {"steps":{name:{value}|{error}}}.
import { all, env, loadPackage, print, step } from "./sdk-steps.mjs";

const Cloudflare = loadPackage("cloudflare");
const { toFile } = Cloudflare;
const client = new Cloudflare({ apiToken: env.apiToken, baseURL: env.baseURL });
const namespaces = client.workersForPlatforms.dispatch.namespaces;
const scripts = namespaces.scripts;
const account = { account_id: env.accountId };

const WORKER = `import { shout } from "./helper.js";
export default {
  async fetch(request, env) {
    return new Response(shout(env.GREETING) + " " + env.CONFIG.plan + " " + env.API_KEY);
  },
};
`;
const HELPER = `export function shout(text) { return text.toUpperCase(); }\n`;

async function module(name, code) {
  return toFile(Buffer.from(code), name, { type: "application/javascript+module" });
}

/** Uploads worker.js + helper.js with a plain_text, a json and a secret_text binding, and the given tags. */
async function upload(ns, script, tags) {
  return scripts.update(ns, script, {
    ...account,
    metadata: {
      main_module: "worker.js",
      compatibility_date: "2025-01-01",
      bindings: [
        { type: "plain_text", name: "GREETING", text: "hello" },
        { type: "json", name: "CONFIG", json: { plan: "free", limits: [1, 2] } },
        { type: "secret_text", name: "API_KEY", text: "s3cr3t" },
      ],
      tags,
    },
    files: [await module("worker.js", WORKER), await module("helper.js", HELPER)],
  });
}

const scenarios = {
  async namespaces(keep, gone) {
    await step("create", () => namespaces.create({ ...account, name: keep }));
    await step("createSecond", () => namespaces.create({ ...account, name: gone }));
    await step("list", () => all(namespaces.list(account)));
    await step("get", () => namespaces.get(keep, account));
    await step("delete", () => namespaces.delete(gone, account));
    await step("getDeleted", () => namespaces.get(gone, account));
    await step("createDuplicate", () => namespaces.create({ ...account, name: keep }));
  },

  async scripts(ns, script) {
    await step("update", () => upload(ns, script, ["sdk", "plan-free"]));
    await step("get", () => scripts.get(ns, script, account));
    await step("bindings", () => all(scripts.bindings.get(ns, script, account)));
    await step("content", async () => {
      const response = await scripts.content.get(ns, script, account);
      return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
    });
  },

  async listing(ns) {
    await step("uploadA", () => upload(ns, "list-a", ["plan-free"]));
    await step("uploadB", () => upload(ns, "list-b", ["plan-free"]));
    await step("uploadC", () => upload(ns, "list-c", ["plan-paid"]));
    // SDK 6 has no method for the namespace's script list, so it goes through the client's generic GET.
    const path = `/accounts/${env.accountId}/workers/dispatch/namespaces/${ns}/scripts`;
    await step("pagesOfFree", async () => {
      const pages = [];
      let cursor;
      do {
        const page = await client.get(path, { query: { tags: "plan-free:yes", limit: 1, ...(cursor ? { cursor } : {}) } });
        pages.push(page);
        cursor = page?.result_info?.cursor;
      } while (cursor && pages.length < 10);
      return pages;
    });
    await step("notFree", () => client.get(path, { query: { tags: "plan-free:no" } }));
    await step("everything", () => client.get(path));
  },

  async delete(ns, script) {
    await step("update", () => upload(ns, script, []));
    await step("delete", () => scripts.delete(ns, script, account));
    await step("getDeleted", () => scripts.get(ns, script, account));
  },

  async content(ns, script) {
    await step("update", () => upload(ns, script, []));
    await step("contentUpdate", async () =>
      scripts.content.update(ns, script, {
        ...account,
        metadata: { main_module: "worker.js" },
        files: [await module("worker.js", `export default { fetch() { return new Response("replaced code"); } };\n`)],
      }));
    await step("content", async () => (await scripts.content.get(ns, script, account)).text());
    await step("bindingsAfter", () => all(scripts.bindings.get(ns, script, account)));
  },

  async settings(ns, script) {
    await step("update", () => upload(ns, script, ["before"]));
    await step("get", () => scripts.settings.get(ns, script, account));
    await step("edit", () =>
      scripts.settings.edit(ns, script, {
        ...account,
        settings: { compatibility_date: "2025-02-01", compatibility_flags: ["nodejs_compat"], logpush: true, tags: ["edited"] },
      }));
    await step("getAfter", () => scripts.settings.get(ns, script, account));
    await step("bindingsAfter", () => all(scripts.bindings.get(ns, script, account)));
  },

  async secrets(ns, script) {
    await step("update", () => upload(ns, script, []));
    await step("put", () => scripts.secrets.update(ns, script, { ...account, name: "TOKEN", text: "xyz", type: "secret_text" }));
    await step("list", () => all(scripts.secrets.list(ns, script, account)));
    await step("get", () => scripts.secrets.get(ns, script, "TOKEN", account));
    await step("bulk", () =>
      scripts.secrets.bulkUpdate(ns, script, {
        ...account,
        secrets: {
          BULK1: { name: "BULK1", text: "one", type: "secret_text" },
          BULK2: { name: "BULK2", text: "two", type: "secret_text" },
          TOKEN: null,
        },
      }));
    await step("listAfterBulk", () => all(scripts.secrets.list(ns, script, account)));
    await step("delete", () => scripts.secrets.delete(ns, script, "BULK1", account));
    await step("listAfterDelete", () => all(scripts.secrets.list(ns, script, account)));
    await step("getDeleted", () => scripts.secrets.get(ns, script, "TOKEN", account));
  },

  async tags(ns, script) {
    await step("update", () => upload(ns, script, []));
    await step("put", () => all(scripts.tags.update(ns, script, { ...account, body: ["tag-a", "tag-b"] })));
    await step("list", () => all(scripts.tags.list(ns, script, account)));
    await step("delete", () => scripts.tags.delete(ns, script, "tag-a", account));
    await step("listAfterDelete", () => all(scripts.tags.list(ns, script, account)));
  },

  async errors(ns) {
    await step("missingScript", () => scripts.get(ns, "never-uploaded", account));
    await step("badName", () => upload(ns, "bad.name", []));
    await step("missingNamespace", () => namespaces.get("never-created", account));
    await step("uploadIntoMissingNamespace", () => upload("never-created", "orphan", []));
  },
};

const [scenario, ...args] = process.argv.slice(2);
if (!scenarios[scenario]) throw new Error(`unknown scenario ${scenario}; known: ${Object.keys(scenarios).join(", ")}`);
await scenarios[scenario](...args);
print();
