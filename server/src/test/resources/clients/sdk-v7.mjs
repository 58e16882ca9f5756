// cloudflare@7.3.0's scripts.update: Content-Type application/javascript with no boundary, and the metadata flattened
// into bracket fields (cloudflare-typescript#2799). Corral accepts it; this records what the SDK got back.
// Usage: node sdk-v7.mjs <namespace> <script>; prints {"steps":{name:{value}|{error}}}.
import { all, env, loadPackage, print, step } from "./sdk-steps.mjs";

const Cloudflare = loadPackage("cloudflare7");
const { toFile } = Cloudflare;
const client = new Cloudflare({ apiToken: env.apiToken, baseURL: env.baseURL });
const scripts = client.workersForPlatforms.dispatch.namespaces.scripts;

const [namespace, script] = process.argv.slice(2);
const where = { account_id: env.accountId, dispatch_namespace: namespace };

await step("update", async () =>
  scripts.update(script, {
    ...where,
    metadata: {
      main_module: "worker.js",
      compatibility_date: "2025-01-01",
      compatibility_flags: ["nodejs_compat"],
      bindings: [
        { type: "plain_text", name: "GREETING", text: "hello" },
        { type: "secret_text", name: "API_KEY", text: "s3cr3t" },
      ],
      tags: ["sdk-seven"],
    },
    files: [
      await toFile(Buffer.from(`export default { fetch() { return new Response("from sdk 7"); } };\n`), "worker.js", {
        type: "application/javascript+module",
      }),
    ],
  }));
await step("bindings", () => all(scripts.bindings.get(script, where)));
await step("get", () => scripts.get(script, where));
print();
