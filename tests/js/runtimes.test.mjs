// The packed package, installed from its tarball into a fresh project under the OS temp dir for each
// runtime, used there as a user would: Node (ESM, require, the web subpath), a Vite app in headless
// Chromium, the example Worker in workerd, Deno, and TypeScript. Every runtime creates a cluster in
// the emulator. Each test prints a figure (time to initialise the WebAssembly, build or start time).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";

import esbuild from "esbuild";
import { launchChromium } from "./support/browser.mjs";

import {
  CREDENTIALS,
  PROJECT,
  SECRETS,
  bin,
  childEnv,
  cleanup,
  freshProject,
  ms,
  packTarball,
  readRepo,
  root,
  runProcess,
  startEmulator,
  startProcess,
  tempDir,
} from "./support/harness.mjs";

const PACKAGE = "modelarts-hyper-cluster";
/** The API's names, as the bundler build exports them: every runtime entry must export exactly these. */
const API_EXPORTS = readRepo("pkg/bundler/modelarts_hyper_cluster.js")
  .match(/export\s*\{([^}]*)\}\s*from/)[1]
  .split(",")
  .map((name) => name.trim())
  .filter(Boolean)
  .sort();

let emulator;
before(async () => {
  emulator = await startEmulator();
});
after(cleanup);

const clusterNames = async (type = "HPS") => (await emulator.request("GET", `?type=${type}`)).body.hyper_clusters.map((c) => c.name);
const assertNoSecrets = (text) => {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), "a secret was printed");
};

describe("the npm package", () => {
  test("packs the entries, both builds, the CLI and no runtime dependency", (t) => {
    const { tarball, bytes, unpacked, files, ms: packMs } = packTarball();
    const manifest = JSON.parse(readRepo("package.json"));
    assert.equal(manifest.name, PACKAGE);
    assert.equal(manifest.type, "module");
    assert.equal(manifest.dependencies, undefined, "zero runtime dependencies");
    assert.equal(manifest.peerDependencies, undefined);
    // Every file the manifest points at is in the tarball.
    const targets = new Set([manifest.main, manifest.module, manifest.types, ...Object.values(manifest.bin)]);
    for (const entry of Object.values(manifest.exports)) {
      for (const target of typeof entry === "string" ? [entry] : Object.values(entry)) targets.add(target);
    }
    for (const target of targets) assert.ok(files.includes(target.replace(/^\.\//, "")), `${target} is not in the tarball`);
    assert.deepEqual(
      files.filter((f) => !["package.json", "README.md", "LICENSE"].includes(f)).sort(),
      [
        "bin/modelarts-hyper-cluster.mjs",
        "js/api.mjs",
        "js/browser.mjs",
        "js/node.mjs",
        "js/workerd.mjs",
        "pkg/bundler/modelarts_hyper_cluster.d.ts",
        "pkg/bundler/modelarts_hyper_cluster.js",
        "pkg/bundler/modelarts_hyper_cluster_bg.js",
        "pkg/bundler/modelarts_hyper_cluster_bg.wasm",
        "pkg/web/modelarts_hyper_cluster.d.ts",
        "pkg/web/modelarts_hyper_cluster.js",
        "pkg/web/modelarts_hyper_cluster_bg.wasm",
      ],
    );
    t.diagnostic(`tarball ${(bytes / 1024).toFixed(1)} KB (${(unpacked / 1024).toFixed(1)} KB unpacked, ${files.length} files), packed in ${ms(packMs)}: ${tarball}`);
  });
});

describe("Node", () => {
  test("ESM import initialises by itself, validates, and creates a cluster in the emulator", async (t) => {
    const { dir, installMs } = freshProject("node", { "index.mjs": "examples/node/index.mjs" });
    writeFileSync(
      join(dir, "check.mjs"),
      `const started = performance.now();
const api = await import(${JSON.stringify(PACKAGE)});
const initMs = performance.now() - started;
const [endpoint, projectId, accessKey, secretKey] = process.argv.slice(2);
const validation = api.validateCreateHyperCluster({ projectId, name: "node esm", type: "GPU" });
const cluster = await api.createHyperCluster({ endpoint, projectId, auth: { accessKey, secretKey } }, { name: "node-esm-01", type: "HPS" });
console.log(JSON.stringify({ initMs, exports: Object.keys(api).sort(), entry: import.meta.resolve(${JSON.stringify(PACKAGE)}), validation, cluster }));
`,
    );
    const c = CREDENTIALS;
    const run = await runProcess(process.execPath, ["check.mjs", emulator.url, PROJECT, c.accessKey, c.secretKey], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(out.exports, API_EXPORTS);
    assert.match(out.entry, /\/node_modules\/modelarts-hyper-cluster\/js\/node\.mjs$/);
    assert.equal(out.validation.valid, false);
    assert.deepEqual(out.validation.issues.map((i) => [i.field, i.code]), [["name", "pattern"], ["type", "enum"]]);
    assert.equal(out.cluster.name, "node-esm-01");
    assert.match(out.cluster.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.ok((await clusterNames()).includes("node-esm-01"));

    // The example script, as its README runs it: create, list, get, delete with a token.
    const example = await runProcess(process.execPath, ["index.mjs", "node-example-01"], {
      cwd: dir,
      env: childEnv({ MODELARTS_ENDPOINT: emulator.url, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT, HUAWEICLOUD_SDK_TOKEN: c.token }),
    });
    assert.equal(example.code, 0, example.stderr);
    const summary = JSON.parse(example.stdout);
    assert.equal(summary.created.name, "node-example-01");
    assert.deepEqual(summary.fetched, summary.created);
    assert.ok(summary.listed >= 2);
    assert.ok(!(await clusterNames()).includes("node-example-01"), "the example deleted its cluster");
    const refused = await runProcess(process.execPath, ["index.mjs", "bad name"], { cwd: dir, env: childEnv({ HUAWEICLOUD_SDK_PROJECT_ID: PROJECT }) });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^name: may only contain/m);
    assertNoSecrets(run.stdout + run.stderr + example.stdout + example.stderr);

    t.diagnostic(`node ${process.version}: import + WebAssembly init ${ms(out.initMs)}; npm install of the tarball ${ms(installMs)}`);
  });

  test("require() and the web subpath work too", async (t) => {
    const { dir } = freshProject("node-cjs");
    writeFileSync(
      join(dir, "check.cjs"),
      `const api = require(${JSON.stringify(PACKAGE)});
console.log(JSON.stringify({ exports: Object.keys(api).filter((k) => k !== "__esModule" && k !== "module.exports").sort(), regions: api.regions().length }));
`,
    );
    writeFileSync(
      join(dir, "web.mjs"),
      `import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import init, { regions, validateCreateHyperCluster } from "${PACKAGE}/web";
await init({ module_or_path: await readFile(fileURLToPath(import.meta.resolve("${PACKAGE}/wasm"))) });
console.log(JSON.stringify({ regions: regions().length, valid: validateCreateHyperCluster({ projectId: "p", name: "n" }).valid }));
`,
    );
    const [major, minor] = process.versions.node.split(".").map(Number);
    if (major > 20 || (major === 20 && minor >= 19)) {
      const cjs = await runProcess(process.execPath, ["check.cjs"], { cwd: dir });
      assert.equal(cjs.code, 0, cjs.stderr);
      assert.deepEqual(JSON.parse(cjs.stdout), { exports: API_EXPORTS, regions: 22 });
    } else {
      t.diagnostic(`require(esm) needs Node >= 20.19; skipped on ${process.version}`);
    }
    const web = await runProcess(process.execPath, ["web.mjs"], { cwd: dir });
    assert.equal(web.code, 0, web.stderr);
    assert.deepEqual(JSON.parse(web.stdout), { regions: 22, valid: true });
  });
});

/** Serves a folder over HTTP on 127.0.0.1 (what `vite preview` or any static host does). */
async function serveStatic(folder) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml" };
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = join(folder, path.endsWith("/") ? `${path}index.html` : path);
    if (relative(folder, file).startsWith("..")) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("Vite and Chromium", () => {
  let browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(() => browser?.close());

  /** Opens the example app, waits for its WebAssembly, and returns { page, readyMs, errors }. */
  async function openApp(url) {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);
    await page.waitForFunction(() => /WebAssembly ready/.test(document.querySelector("#status")?.textContent ?? ""), null, { timeout: 15_000 });
    const readyMs = Number((await page.textContent("#status")).match(/(\d+) ms/)[1]);
    return { page, readyMs, errors };
  }

  test("vite build of the example app creates a cluster from the browser", async (t) => {
    const { dir } = freshProject("vite", { "index.html": "examples/vite/index.html", src: "examples/vite/src", "vite.config.js": "examples/vite/vite.config.js" });
    const build = await runProcess(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build"], { cwd: dir });
    assert.equal(build.code, 0, build.stdout + build.stderr);
    const assets = readdirSync(join(dir, "dist/assets"));
    assert.equal(assets.filter((f) => f.endsWith(".wasm")).length, 1, `one .wasm asset: ${assets}`);
    const wasmBytes = readFileSync(join(dir, "dist/assets", assets.find((f) => f.endsWith(".wasm")))).length;

    const site = await serveStatic(join(dir, "dist"));
    try {
      const { page, readyMs, errors } = await openApp(site.url);
      // Live validation: the service's rules, in the page, as the user types.
      await page.fill("#name", "my cluster");
      assert.match(await page.textContent('[data-issue="name"]'), /may only contain letters, digits/);
      assert.equal(await page.isDisabled("#submit"), true);
      await page.fill("#name", "vite-web-01");
      await page.selectOption("#type", "ECS");
      await page.fill("#endpoint", emulator.url);
      await page.fill("#token", CREDENTIALS.token);
      assert.equal(await page.textContent('[data-issue="name"]'), "");
      await page.click("#submit");
      await page.waitForSelector("#result[data-outcome]", { timeout: 15_000 });
      assert.equal(await page.getAttribute("#result", "data-outcome"), "created", await page.textContent("#result"));
      const cluster = JSON.parse(await page.textContent("#result"));
      assert.equal(cluster.name, "vite-web-01");
      assert.ok((await clusterNames("ECS")).includes("vite-web-01"), "the emulator has the cluster");
      // A refused token comes back as a typed API error, shown in the page.
      await page.fill("#name", "vite-web-02");
      await page.fill("#token", "wrong-token");
      await page.click("#submit");
      await page.waitForFunction(() => document.querySelector("#result").dataset.outcome === "API");
      assert.match(await page.textContent("#result"), /^API: .*HTTP 401 APIGW\.0301/);
      assert.deepEqual(errors, []);
      t.diagnostic(
        `chromium: WebAssembly ready ${readyMs} ms after navigation; vite build ${ms(build.ms)}; .wasm asset ${(wasmBytes / 1024).toFixed(1)} KB`,
      );
    } finally {
      await site.close();
    }
  });

  test("vite dev serves the example app with the config it ships", async (t) => {
    const { dir } = freshProject("vite-dev", { "index.html": "examples/vite/index.html", src: "examples/vite/src", "vite.config.js": "examples/vite/vite.config.js" });
    const { value: url } = await startProcess(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "--host", "127.0.0.1", "--port", "0"], {
      cwd: dir,
      ready: (line) => line.match(/Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/)?.[1],
    });
    const { page, readyMs, errors } = await openApp(url);
    await page.fill("#name", "dev 1");
    assert.match(await page.textContent('[data-issue="name"]'), /found a space/);
    assert.deepEqual(errors, []);
    t.diagnostic(`vite dev: WebAssembly ready ${readyMs} ms after navigation`);
  });
});

describe("Chromium without a bundler", () => {
  test("an import map to the web build: init(), validate, create", async (t) => {
    const { dir } = freshProject("browser");
    writeFileSync(
      join(dir, "index.html"),
      `<!doctype html>
<script type="importmap">
  { "imports": { "modelarts-hyper-cluster": "/node_modules/modelarts-hyper-cluster/pkg/web/modelarts_hyper_cluster.js" } }
</script>
<script type="module">
  import init, { createHyperCluster, validateCreateHyperCluster } from "modelarts-hyper-cluster";

  const started = performance.now();
  await init(); // fetches modelarts_hyper_cluster_bg.wasm from next to the module
  const initMs = performance.now() - started;
  const { endpoint, token, projectId } = Object.fromEntries(new URLSearchParams(location.search));
  const validation = validateCreateHyperCluster({ projectId, name: "no bundler" });
  const cluster = await createHyperCluster({ endpoint, projectId, auth: { token } }, { name: "browser-plain-01" });
  window.outcome = { initMs, validation, cluster };
</script>
`,
    );
    const site = await serveStatic(dir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(`${site.url}?${new URLSearchParams({ endpoint: emulator.url, token: CREDENTIALS.token, projectId: PROJECT })}`);
      const outcome = await (await page.waitForFunction(() => window.outcome, null, { timeout: 15_000 })).jsonValue();
      assert.deepEqual(errors, []);
      assert.deepEqual(outcome.validation.issues.map((i) => [i.field, i.code]), [["name", "pattern"]]);
      assert.equal(outcome.cluster.name, "browser-plain-01");
      assert.ok((await clusterNames()).includes("browser-plain-01"));
      t.diagnostic(`chromium, no bundler: init() ${ms(outcome.initMs)}`);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});

describe("workerd", () => {
  test("the example Worker creates a cluster with credentials from its bindings", async (t) => {
    const { dir } = freshProject("workerd", { src: "examples/worker/src", "wrangler.toml": "examples/worker/wrangler.toml" });
    // Bundle the way wrangler does: esbuild with the "workerd" condition first, and each imported
    // .wasm left as a separate module that the runtime compiles (wrangler's CompiledWasm rule).
    const main = /^main\s*=\s*"([^"]+)"/m.exec(readFileSync(join(dir, "wrangler.toml"), "utf8"))[1];
    const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(readFileSync(join(dir, "wrangler.toml"), "utf8"))[1];
    const out = join(dir, "dist");
    mkdirSync(out);
    const wasmModules = [];
    await esbuild.build({
      absWorkingDir: dir,
      entryPoints: [main],
      outfile: join(out, "worker.js"),
      bundle: true,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["browser", "module", "main"],
      logLevel: "error",
      plugins: [
        {
          name: "compiled-wasm",
          setup(build) {
            build.onResolve({ filter: /\.wasm$/ }, (args) => {
              const name = args.path.split("/").pop();
              wasmModules.push({ name, file: join(args.resolveDir, args.path) });
              return { path: name, external: true };
            });
          },
        },
      ],
    });
    assert.deepEqual(wasmModules.map((m) => relative(dir, m.file)), ["node_modules/modelarts-hyper-cluster/pkg/web/modelarts_hyper_cluster_bg.wasm"]);
    for (const { name, file } of wasmModules) cpSync(file, join(out, name));

    const c = CREDENTIALS;
    const text = (name, value) => `(name = ${JSON.stringify(name)}, text = ${JSON.stringify(value)})`;
    writeFileSync(
      join(dir, "config.capnp"),
      `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "dist/worker.js"),
${wasmModules.map(({ name }) => `    (name = ${JSON.stringify(name)}, wasm = embed ${JSON.stringify(`dist/${name}`)}),`).join("\n")}
  ],
  compatibilityDate = ${JSON.stringify(compatibilityDate)},
  bindings = [
    ${text("API_KEY", "caller-key")},
    ${text("MODELARTS_ENDPOINT", emulator.url)},
    ${text("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT)},
    ${text("HUAWEICLOUD_SDK_AK", c.stsAccessKey)},
    ${text("HUAWEICLOUD_SDK_SK", c.stsSecretKey)},
    ${text("HUAWEICLOUD_SDK_SECURITY_TOKEN", c.securityToken)},
  ],
  globalOutbound = "internet",
);
`,
    );
    const started = performance.now();
    const { value: port, output } = await startProcess(bin("workerd"), ["serve", "config.capnp", "--control-fd=3"], {
      cwd: dir,
      controlFd: true,
      ready: (line) => {
        const event = JSON.parse(line);
        return event.event === "listen" && event.socket === "http" ? event.port : undefined;
      },
    });
    const startMs = performance.now() - started;
    const base = `http://127.0.0.1:${port}/clusters`;
    const auth = { authorization: "Bearer caller-key" };

    const createdAt = performance.now();
    const created = await fetch(base, { method: "POST", headers: auth, body: JSON.stringify({ name: "workerd-01", type: "HPS" }) });
    const createMs = performance.now() - createdAt;
    const cluster = await created.json();
    assert.equal(created.status, 201, JSON.stringify(cluster));
    assert.equal(cluster.name, "workerd-01");
    assert.ok((await clusterNames()).includes("workerd-01"), "the emulator has the cluster");

    const listed = await fetch(`${base}?type=HPS`, { headers: auth });
    assert.equal(listed.status, 200);
    assert.ok((await listed.json()).some((c) => c.id === cluster.id));

    const invalid = await fetch(base, { method: "POST", headers: auth, body: JSON.stringify({ name: "a b", type: "GPU" }) });
    assert.equal(invalid.status, 400);
    const problem = await invalid.json();
    assert.equal(problem.code, "VALIDATION");
    assert.deepEqual(problem.issues.map((i) => i.field), ["name", "type"]);

    const anonymous = await fetch(base, { method: "POST", body: "{}" });
    assert.equal(anonymous.status, 401);
    assert.equal((await fetch(base, { method: "DELETE", headers: auth })).status, 405);
    assertNoSecrets(output());
    t.diagnostic(`workerd: started (WebAssembly initialised at load) in ${ms(startMs)}; first create through the Worker ${ms(createMs)}`);
  });
});

describe("Deno", () => {
  test("the package's Deno entry and the web build both validate and create", async (t) => {
    const { dir } = freshProject("deno");
    writeFileSync(
      join(dir, "main.mjs"),
      `const started = performance.now();
const api = await import(${JSON.stringify(PACKAGE)});
const initMs = performance.now() - started;
const [endpoint, projectId, token] = Deno.args;
const validation = api.validateCreateHyperCluster({ projectId, name: "" });
const cluster = await api.createHyperCluster({ endpoint, projectId, auth: { token } }, { name: "deno-main-01" });
console.log(JSON.stringify({ initMs, exports: Object.keys(api).sort(), validation, cluster }));
`,
    );
    writeFileSync(
      join(dir, "web.mjs"),
      `const started = performance.now();
import source wasm from "${PACKAGE}/wasm";
import { initSync, HyperClusterClient, validateCreateHyperCluster } from "${PACKAGE}/web";
initSync({ module: wasm });
const initMs = performance.now() - started;
const [endpoint, projectId, accessKey, secretKey] = Deno.args;
const validation = validateCreateHyperCluster({ projectId, name: "deno web", hyperClusterSubnetId: "nope" });
const client = new HyperClusterClient({ endpoint, projectId, auth: { accessKey, secretKey } });
const cluster = await client.create({ name: "deno-web-01", type: "ECS" });
const again = await client.get(cluster.id, { type: "ECS" });
console.log(JSON.stringify({ initMs, validation, cluster, again }));
`,
    );
    const port = new URL(emulator.url).port;
    const deno = (script, ...args) =>
      runProcess(bin("deno"), ["run", "--no-prompt", `--allow-net=127.0.0.1:${port}`, script, ...args], {
        cwd: dir,
        env: childEnv({ DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1" }),
      });
    const c = CREDENTIALS;
    const main = await deno("main.mjs", emulator.url, PROJECT, c.token);
    assert.equal(main.code, 0, main.stderr);
    const fromMain = JSON.parse(main.stdout);
    assert.deepEqual(fromMain.exports, API_EXPORTS);
    assert.deepEqual(fromMain.validation.issues.map((i) => [i.field, i.code]), [["name", "required"]]);
    assert.equal(fromMain.cluster.name, "deno-main-01");

    const web = await deno("web.mjs", emulator.url, PROJECT, c.accessKey, c.secretKey);
    assert.equal(web.code, 0, web.stderr);
    const fromWeb = JSON.parse(web.stdout);
    assert.deepEqual(fromWeb.validation.issues.map((i) => [i.field, i.code]), [["name", "pattern"], ["hyperClusterSubnetId", "pattern"]]);
    assert.equal(fromWeb.cluster.name, "deno-web-01");
    assert.deepEqual(fromWeb.again, fromWeb.cluster);
    assert.ok((await clusterNames()).includes("deno-main-01"));
    assert.ok((await clusterNames("ECS")).includes("deno-web-01"));
    const version = (await runProcess(bin("deno"), ["--version"])).stdout.split("\n")[0];
    t.diagnostic(`${version}: import + WebAssembly init ${ms(fromMain.initMs)} (main entry), ${ms(fromWeb.initMs)} (web build: initSync of the module Deno compiled at "import source"); no read permission`);
  });
});

describe("TypeScript", () => {
  test("tsc --strict accepts every export used through the installed package and refuses wrong calls", async (t) => {
    const { dir } = freshProject("types", {
      "usage.ts": "tests/types/usage.ts",
      "misuse.ts": "tests/types/misuse.ts",
      "entries.ts": "tests/types/entries.ts",
    });
    // The typed example imports every runtime export by name.
    const imported = new Set([...readFileSync(join(dir, "usage.ts"), "utf8").matchAll(/^\s+(\w+),$/gm)].map((m) => m[1]));
    for (const name of API_EXPORTS) assert.ok(imported.has(name), `usage.ts does not use ${name}`);

    const base = { strict: true, noEmit: true, target: "ES2022", lib: ["ESNext", "DOM"], skipLibCheck: false, exactOptionalPropertyTypes: true, types: [] };
    const timings = [];
    for (const [module, moduleResolution] of [["NodeNext", "NodeNext"], ["ESNext", "Bundler"]]) {
      const config = `tsconfig.${moduleResolution.toLowerCase()}.json`;
      writeFileSync(join(dir, config), JSON.stringify({ compilerOptions: { ...base, module, moduleResolution }, files: ["usage.ts", "misuse.ts", "entries.ts"] }, null, 2));
      const tsc = await runProcess(bin("tsc"), ["--strict", "--noEmit", "--listFiles", "-p", config], { cwd: dir });
      const errors = `${tsc.stdout}${tsc.stderr}`.split("\n").filter((line) => !line.startsWith("/")).join("\n");
      assert.equal(tsc.code, 0, `tsc (${moduleResolution}):\n${errors}`);
      // The types came from the installed package, through its exports map.
      for (const file of ["pkg/bundler/modelarts_hyper_cluster.d.ts", "pkg/web/modelarts_hyper_cluster.d.ts"]) {
        assert.ok(tsc.stdout.includes(join(dir, "node_modules", PACKAGE, file)), `${moduleResolution}: ${file} was not used`);
      }
      timings.push(`${moduleResolution} ${ms(tsc.ms)}`);
    }

    // And a wrong call without its @ts-expect-error does fail, naming the problem.
    writeFileSync(
      join(dir, "wrong.ts"),
      `import { createHyperCluster } from "${PACKAGE}";
const config = { region: "cn-north-4", projectId: "p", auth: { token: "t" } } as const;
void createHyperCluster(config, { name: 5 });
void createHyperCluster(config, { name: "n", type: "GPU" });
`,
    );
    writeFileSync(join(dir, "tsconfig.wrong.json"), JSON.stringify({ compilerOptions: { ...base, module: "NodeNext", moduleResolution: "NodeNext" }, files: ["wrong.ts"] }));
    const wrong = await runProcess(bin("tsc"), ["-p", "tsconfig.wrong.json"], { cwd: dir });
    assert.equal(wrong.code, 2);
    assert.match(wrong.stdout, /wrong\.ts\(3,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/);
    assert.match(wrong.stdout, /wrong\.ts\(4,\d+\): error TS2322: Type '"GPU"' is not assignable to type 'ServerType'/);
    t.diagnostic(`tsc --strict: ${timings.join(", ")}`);
  });
});
