// Shared by runtimes.test.mjs and cli.test.mjs: the packed tarball, fresh temporary projects that
// install it as a user would (offline, from the file), the emulator, and child processes that are
// always stopped. Not a test file itself (node --test runs only *.test.mjs here).
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { startEmulator as startEmulatorBinary } from "./emulator.mjs";

export const root = new URL("../../../", import.meta.url).pathname;
export const bin = (name) => join(root, "node_modules/.bin", name);

/** A project id the emulator accepts, and credentials it is started with. */
export const PROJECT = "0123456789abcdef0123456789abcdef";
export const CREDENTIALS = Object.freeze({
  token: "hc-test-token-5fa1c0",
  accessKey: "HCTESTAK0000000000001",
  secretKey: "hctestsk-secret-0000000000000000000000001",
  stsAccessKey: "HCTESTSTSAK000000001",
  stsSecretKey: "hctestsk-sts-secret-00000000000000000002",
  securityToken: "hc-test-security-token-7d2e",
});
/** Every secret above: no output may ever contain one. */
export const SECRETS = [CREDENTIALS.token, CREDENTIALS.secretKey, CREDENTIALS.stsSecretKey, CREDENTIALS.securityToken];

const cleanups = [];
/** Runs every registered cleanup (call it from `after`). */
export async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch {
      // best effort: a cleanup failure must not hide the test's own result
    }
  }
}

/** The environment for child tools: without the npm_* variables `npm test` sets for itself. */
export function childEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, NO_COLOR: "1", ...extra };
}

/** A new folder under the OS temp dir, removed at cleanup unless HC_KEEP_TMP=1. */
export function tempDir(label) {
  const dir = mkdtempSync(join(tmpdir(), `hc-${label}-`));
  if (process.env.HC_KEEP_TMP !== "1") cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let packed;
/** `npm pack` of the repository, once per process: { tarball, bytes, files, ms }. */
export function packTarball() {
  if (packed) return packed;
  for (const file of ["pkg/web/modelarts_hyper_cluster_bg.wasm", "pkg/bundler/modelarts_hyper_cluster_bg.wasm"]) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run node scripts/build.mjs first`);
  }
  const started = performance.now();
  const destination = tempDir("tarball");
  const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
    cwd: root,
    env: childEnv(),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [info] = JSON.parse(out);
  const tarball = join(destination, info.filename);
  packed = { tarball, bytes: statSync(tarball).size, unpacked: info.unpackedSize, files: info.files.map((f) => f.path), ms: performance.now() - started };
  return packed;
}

/**
 * A fresh project under the OS temp dir with the tarball installed offline, as `npm install` from a
 * file does for a user. `copy` maps destination names to repository paths to copy in first.
 */
export function freshProject(label, copy = {}) {
  const { tarball } = packTarball();
  const dir = tempDir(label);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `hc-${label}-check`, private: true, type: "module" }, null, 2));
  for (const [to, from] of Object.entries(copy)) cpSync(join(root, from), join(dir, to), { recursive: true });
  const started = performance.now();
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], {
    cwd: dir,
    env: childEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { dir, installMs: performance.now() - started };
}

/**
 * Starts a long-running child; resolves once `ready(line)` returns a value for a line of its stdout
 * (or of the extra fd 3 when `controlFd` is set), with { child, value, output() }. Stopped at cleanup.
 */
export function startProcess(command, args, { cwd = root, env = childEnv(), ready, controlFd = false, timeoutMs = 30_000 } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe", ...(controlFd ? ["pipe"] : [])] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  cleanups.push(() => stopProcess(child));
  return new Promise((resolve, reject) => {
    const source = controlFd ? child.stdio[3] : child.stdout;
    let pending = "";
    const timer = setTimeout(() => fail(new Error(`${command} gave no ready line in ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      stopProcess(child);
      error.message += `\n--- output of ${command}:\n${output}`;
      reject(error);
    };
    source.on("data", (chunk) => {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        const value = ready(line);
        if (value !== undefined) {
          clearTimeout(timer);
          resolve({ child, value, output: () => output });
        }
      }
    });
    child.on("error", fail);
    child.on("exit", (code, signal) => fail(new Error(`${command} exited (${code ?? signal}) before it was ready`)));
  });
}

/** Stops a child started here (SIGTERM, then SIGKILL after 3 s) and waits for it. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Runs a command to its end: { code, stdout, stderr, ms }. Never rejects on a non-zero exit. */
export function runProcess(command, args, { cwd = root, env = childEnv(), timeoutMs = 60_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} took longer than ${timeoutMs} ms\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/**
 * Starts the emulator (support/emulator.mjs) on a free port with the test credentials: a token, a
 * permanent key pair and a temporary one. Returns { url, request(method, path, body?), stop() }.
 */
export async function startEmulator() {
  const c = CREDENTIALS;
  const emulator = await startEmulatorBinary([
    ...["--token", c.token, "--ak", c.accessKey, "--sk", c.secretKey],
    ...["--sts", `${c.stsAccessKey}:${c.stsSecretKey}:${c.securityToken}`],
  ]);
  cleanups.push(() => emulator.stop());
  /** Calls the emulator's API directly (with the token), to check what the code under test did. */
  async function request(method, path, body) {
    const response = await fetch(`${emulator.url}/v1/${PROJECT}/dev-servers/hyper-clusters${path}`, {
      method,
      headers: { "x-auth-token": c.token, ...(body && { "content-type": "application/json" }) },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }
  return { url: emulator.url, request, stop: emulator.stop };
}

/** Reads a file of the repository. */
export const readRepo = (path) => readFileSync(join(root, path), "utf8");

/** Milliseconds, rounded, for the figures. */
export const ms = (value) => `${Math.round(value)} ms`;
