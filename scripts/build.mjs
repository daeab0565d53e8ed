// Builds the release wasm once and binds it for three targets, then shrinks each with wasm-opt from
// npm `binaryen` (never Debian's: its version 108 breaks wasm-bindgen output) and prints the sizes.
//
//   node scripts/build.mjs             always build
//   node scripts/build.mjs --if-stale  build only when a source is newer than pkg/
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const crate = "modelarts_hyper_cluster";
const wasmIn = join(root, "target/wasm32-unknown-unknown/release", `${crate}.wasm`);
const targets = [
  { target: "web", dir: "pkg/web" },
  { target: "bundler", dir: "pkg/bundler" },
  { target: "nodejs", dir: "pkg/node" },
];
// wasm-bindgen strips the target_features section, so wasm-opt must be told what the module uses.
const wasmOptFeatures = [
  "--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
  "--enable-multivalue", "--enable-mutable-globals", "--enable-reference-types", "--enable-call-indirect-overlong",
];

function newestSource() {
  const walk = (path) => {
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((name) => walk(join(path, name))));
  };
  return Math.max(...["src", "Cargo.toml", "Cargo.lock"].map((p) => walk(join(root, p))));
}

function isStale() {
  const outputs = targets.map(({ dir }) => join(root, dir, `${crate}_bg.wasm`));
  if (!outputs.every(existsSync)) return true;
  const oldest = Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  return newestSource() > oldest;
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: "inherit" });
}

if (process.argv.includes("--if-stale") && !isStale()) {
  console.log("[build] pkg/ is up to date");
  process.exit(0);
}

run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "--lib"]);
for (const { target, dir } of targets) {
  const out = join(root, dir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  run("wasm-bindgen", ["--target", target, "--out-dir", out, wasmIn]);
  const wasm = join(out, `${crate}_bg.wasm`);
  run(join(root, "node_modules/.bin/wasm-opt"), ["-Oz", ...wasmOptFeatures, wasm, "-o", wasm]);
}
// The root package is ESM; the nodejs target is CommonJS.
writeFileSync(join(root, "pkg/node/package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log("\n[build] sizes (raw / gzip -9):");
for (const { dir } of targets) {
  let rawTotal = 0;
  let gzipTotal = 0;
  const files = readdirSync(join(root, dir)).filter((f) => f.endsWith(".wasm") || (f.endsWith(".js") && !f.endsWith(".d.js")));
  for (const file of files) {
    const bytes = readFileSync(join(root, dir, file));
    const gz = gzipSync(bytes, { level: 9 }).length;
    rawTotal += bytes.length;
    gzipTotal += gz;
    console.log(`  ${join(dir, file).padEnd(45)} ${kb(bytes.length).padStart(9)} / ${kb(gz).padStart(8)}`);
  }
  console.log(`  ${(dir + " (.wasm + glue)").padEnd(45)} ${kb(rawTotal).padStart(9)} / ${kb(gzipTotal).padStart(8)}`);
}
