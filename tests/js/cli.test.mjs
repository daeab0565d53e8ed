// The `modelarts-hyper-cluster` command, installed from the packed tarball into a fresh project and
// run through its node_modules/.bin link, as `npx modelarts-hyper-cluster` runs it: every command
// against the emulator with each kind of credential, and the documented errors and exit codes
// (2 usage/validation/configuration, 3 API, 4 network/timeout, 130 SIGINT). No output ever contains
// a secret.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { join } from "node:path";

import { CREDENTIALS, PROJECT, SECRETS, childEnv, cleanup, freshProject, ms, runProcess, startEmulator } from "./support/harness.mjs";

const c = CREDENTIALS;
const TOKEN_ENV = { HUAWEICLOUD_SDK_TOKEN: c.token, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };
const AKSK_ENV = { HUAWEICLOUD_SDK_AK: c.accessKey, HUAWEICLOUD_SDK_SK: c.secretKey, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT };
const STS_ENV = {
  HUAWEICLOUD_SDK_AK: c.stsAccessKey,
  HUAWEICLOUD_SDK_SK: c.stsSecretKey,
  HUAWEICLOUD_SDK_SECURITY_TOKEN: c.securityToken,
  HUAWEICLOUD_SDK_PROJECT_ID: PROJECT,
};
/** Credentials a developer's shell might hold, removed so each case sets exactly what it means to. */
const NO_CREDENTIALS = Object.fromEntries(
  ["AK", "SK", "SECURITY_TOKEN", "TOKEN", "PROJECT_ID"].map((name) => [`HUAWEICLOUD_SDK_${name}`, ""]),
);

let project;
let emulator;
const outputs = [];
const timings = [];

before(async () => {
  project = freshProject("cli");
  emulator = await startEmulator();
});
after(async () => {
  try {
    // Whatever ran, no secret reached stdout or stderr.
    const everything = outputs.join("\n");
    for (const secret of SECRETS) assert.ok(!everything.includes(secret), "a secret was printed");
  } finally {
    await cleanup();
  }
});

/** Runs the installed command with exactly the given credential variables. */
async function cli(args, env = {}, options = {}) {
  const run = await runProcess(join(project.dir, "node_modules/.bin/modelarts-hyper-cluster"), args, {
    cwd: project.dir,
    env: childEnv({ ...NO_CREDENTIALS, ...env }),
    ...options,
  });
  outputs.push(run.stdout, run.stderr);
  timings.push(run.ms);
  return run;
}

/** Asserts a failure: the exit code, nothing on stdout, and a one-message stderr matching `pattern`. */
function assertFails(run, exitCode, pattern) {
  assert.equal(run.code, exitCode, `exit code\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
  assert.equal(run.stdout, "");
  assert.match(run.stderr, /^modelarts-hyper-cluster: /);
  assert.match(run.stderr, pattern);
}

const ok = (run) => {
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, "");
  return JSON.parse(run.stdout);
};

describe("commands against the emulator", () => {
  test("create, list, get and delete with an IAM token", async (t) => {
    const endpoint = ["--endpoint", emulator.url];
    const created = ok(await cli(["create", ...endpoint, "--name", "cli-token-01", "--type", "ECS", "--subnet-id", "47be1c96-b00c-4cc9-83cb-089893a632b6"], TOKEN_ENV));
    assert.equal(created.name, "cli-token-01");
    assert.deepEqual(created.networkInfo, [{ hyperClusterSubnetId: "47be1c96-b00c-4cc9-83cb-089893a632b6", isDefault: true }]);

    const listed = ok(await cli(["list", ...endpoint, "--type", "ECS"], TOKEN_ENV));
    assert.ok(Array.isArray(listed));
    assert.deepEqual(listed.find((cluster) => cluster.id === created.id), created);
    assert.deepEqual(ok(await cli(["list", ...endpoint], TOKEN_ENV)).filter((cluster) => cluster.id === created.id), [], "the default type is HPS");

    assert.deepEqual(ok(await cli(["get", created.id, ...endpoint, "--type", "ECS"], TOKEN_ENV)), created);
    assert.deepEqual(ok(await cli(["get", "--id", created.id, "--type=ECS", `--endpoint=${emulator.url}`], TOKEN_ENV)), created, "--flag=value and --id");

    const deleted = await cli(["delete", created.id, ...endpoint, "--type", "ECS"], TOKEN_ENV);
    assert.equal(typeof ok(deleted), "object");
    assert.equal((await emulator.request("GET", `/${created.id}?type=ECS`)).status, 404, "the emulator no longer has it");

    // Gone: the service's 404 is an API error, exit 3, with its code and request id.
    assertFails(await cli(["get", created.id, ...endpoint, "--type", "ECS"], TOKEN_ENV), 3, /get: the service refused the request: HTTP 404 ModelArts\.4040: .*\(request id [0-9a-f]{32}\)/);
    t.diagnostic(`CLI: create in ${ms(timings[0])} (process start, WebAssembly init, one request)`);
  });

  test("AK/SK and temporary AK/SK with a security token sign the requests", async () => {
    const created = ok(await cli(["create", "--endpoint", emulator.url, "--name", "cli-aksk-01"], AKSK_ENV));
    assert.equal(created.name, "cli-aksk-01");
    const viaSts = ok(await cli(["create", "--endpoint", emulator.url, "--name", "cli-sts-01", "--type", "HPS"], STS_ENV));
    const listed = ok(await cli(["list", "--endpoint", emulator.url, "--type", "HPS"], STS_ENV)).map((cluster) => cluster.name);
    assert.ok(listed.includes("cli-aksk-01") && listed.includes("cli-sts-01"));
    ok(await cli(["delete", viaSts.id, "--endpoint", emulator.url], AKSK_ENV));
    // --project-id wins over HUAWEICLOUD_SDK_PROJECT_ID.
    const other = ok(await cli(["list", "--endpoint", emulator.url, "--project-id", "another-project"], AKSK_ENV));
    assert.deepEqual(other, []);
  });

  test("create --dry-run prints the request with secrets masked and sends nothing", async () => {
    const before = (await emulator.request("GET", "?type=HPS")).body.hyper_clusters.length;
    const preview = ok(await cli(["create", "--region", "cn-north-4", "--name", "cli-dry-01", "--type", "HPS", "--dry-run"], STS_ENV));
    assert.equal(preview.method, "POST");
    assert.equal(preview.url, `https://modelarts.cn-north-4.myhuaweicloud.com/v1/${PROJECT}/dev-servers/hyper-clusters`);
    assert.equal(preview.body, '{"name":"cli-dry-01","type":"HPS"}');
    const headers = Object.fromEntries(preview.headers);
    assert.equal(headers["X-Security-Token"], "****");
    assert.match(headers.Authorization, /^SDK-HMAC-SHA256 Access=HCTESTSTSAK000000001, SignedHeaders=\S+, Signature=\*\*\*\*$/);
    assert.equal((await emulator.request("GET", "?type=HPS")).body.hyper_clusters.length, before);
  });

  test("a refused credential is an API error (exit 3)", async () => {
    const run = await cli(["list", "--endpoint", emulator.url], { ...TOKEN_ENV, HUAWEICLOUD_SDK_TOKEN: "not-the-token" });
    assertFails(run, 3, /list: the service refused the request: HTTP 401 APIGW\.0301/);
  });
});

describe("help and usage errors (exit 2, nothing sent)", () => {
  test("--help and --version", async () => {
    for (const args of [["--help"], ["-h"], ["create", "--help"]]) {
      const run = await cli(args);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Usage:$/m);
      for (const documented of ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_TOKEN", "HUAWEICLOUD_SDK_PROJECT_ID", "--endpoint", "--timeout"]) {
        assert.ok(run.stdout.includes(documented), `--help documents ${documented}`);
      }
      for (const code of ["0", "1", "2", "3", "4"]) assert.match(run.stdout, new RegExp(`^  ${code}\\s{2,}\\S`, "m"), `--help documents exit code ${code}`);
    }
    const version = await cli(["--version"]);
    assert.equal(version.code, 0);
    assert.equal(version.stdout.trim(), JSON.parse((await import("node:fs")).readFileSync(join(project.dir, "node_modules/modelarts-hyper-cluster/package.json"), "utf8")).version);
  });

  test("bad flags and arguments", async () => {
    const at = ["--endpoint", emulator.url];
    const cases = [
      [[], /a command is required/],
      [["launch", ...at], /unknown command 'launch'/],
      [["list", ...at, "--nmae", "x"], /list: Unknown option '--nmae'/],
      [["list", ...at, "--name", "x"], /list: Unknown option '--name'/],
      [["list", ...at, "--type"], /list: Option '--type <value>' argument missing/],
      [["create", ...at], /create: --name is required/],
      [["get", ...at], /get: the cluster id is required/],
      [["get", "a", "b", ...at], /get: unexpected argument 'b'/],
      [["delete", "x", "--id", "y", ...at], /give the cluster id once/],
      [["list"], /--region REGION .* or --endpoint URL is required/],
      [["list", "--region", "cn-north-4", ...at], /either --region or --endpoint, not both/],
      [["list", "--region", "mars-1"], /unknown region "mars-1"/],
      [["list", "--endpoint", "ftp://example.com"], /endpoint must be an absolute URL/],
      [["list", ...at, "--timeout", "soon"], /--timeout must be a number of seconds greater than 0 \(got 'soon'\)/],
      [["list", ...at, "--timeout", "0"], /--timeout must be a number of seconds/],
    ];
    for (const [args, pattern] of cases) {
      const run = await cli(args, TOKEN_ENV);
      assertFails(run, 2, pattern);
      if (args.length > 0 && !args.includes("launch")) assert.match(run.stderr, /Run 'modelarts-hyper-cluster --help' for usage\.|invalid configuration/, args.join(" "));
    }
  });

  test("invalid input names every bad flag and sends nothing", async () => {
    const before = (await emulator.request("GET", "?type=HPS")).body.hyper_clusters.length;
    const run = await cli(["create", "--endpoint", emulator.url, "--name", "my cluster", "--subnet-id", "not-a-uuid", "--type", "hps"], TOKEN_ENV);
    assertFails(run, 2, /create: invalid input, nothing was sent:/);
    assert.match(run.stderr, /^  --name: may only contain letters, digits, '-', '_' and '\.' \(found a space at position 3\)$/m);
    assert.match(run.stderr, /^  --subnet-id: must be a lower-case UUID/m);
    assert.match(run.stderr, /^  --type: must be "HPS" \(hyper node service\) or "ECS"/m);
    assertFails(await cli(["list", "--endpoint", emulator.url, "--project-id", "bad_project"], TOKEN_ENV), 2, /--project-id: may only contain letters, digits and '-'/);
    assertFails(await cli(["delete", "../etc", "--endpoint", emulator.url], TOKEN_ENV), 2, /ID: must be a lower-case UUID/);
    assert.equal((await emulator.request("GET", "?type=HPS")).body.hyper_clusters.length, before);
  });

  test("missing or conflicting credentials", async () => {
    const at = ["list", "--endpoint", emulator.url];
    const cases = [
      [{ HUAWEICLOUD_SDK_PROJECT_ID: PROJECT }, /list: no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK .*or HUAWEICLOUD_SDK_TOKEN/],
      [{ HUAWEICLOUD_SDK_TOKEN: c.token }, /list: no project: pass --project-id or set HUAWEICLOUD_SDK_PROJECT_ID/],
      [{ ...AKSK_ENV, HUAWEICLOUD_SDK_SK: "" }, /HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK must both be set \(HUAWEICLOUD_SDK_SK is missing\)/],
      [{ ...AKSK_ENV, HUAWEICLOUD_SDK_AK: "" }, /\(HUAWEICLOUD_SDK_AK is missing\)/],
      [{ ...AKSK_ENV, HUAWEICLOUD_SDK_TOKEN: c.token }, /set either HUAWEICLOUD_SDK_TOKEN or HUAWEICLOUD_SDK_AK\/HUAWEICLOUD_SDK_SK, not both/],
      [{ ...TOKEN_ENV, HUAWEICLOUD_SDK_SECURITY_TOKEN: c.securityToken }, /HUAWEICLOUD_SDK_SECURITY_TOKEN goes with HUAWEICLOUD_SDK_AK\/SK/],
      [{ ...TOKEN_ENV, HUAWEICLOUD_SDK_TOKEN: `${c.token}\nwith a newline` }, /list: invalid configuration: HUAWEICLOUD_SDK_TOKEN must be a non-empty string of visible ASCII characters/],
    ];
    for (const [env, pattern] of cases) assertFails(await cli(at, env), 2, pattern);
  });
});

describe("no answer (exit 4) and Ctrl-C (exit 130)", () => {
  test("a refused connection is a network error", async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const run = await cli(["list", "--endpoint", `http://127.0.0.1:${port}`], TOKEN_ENV);
    assertFails(run, 4, /^modelarts-hyper-cluster: list: network error: could not reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
    assert.doesNotMatch(run.stderr, /CORS/, "the advice for pages is left out");
  });

  /**
   * A server that accepts connections and never answers, for the duration of `use(url, connected)`;
   * `connected` resolves at the first connection.
   */
  async function withSilentServer(use) {
    const silent = createServer();
    const sockets = new Set();
    const connected = once(silent, "connection");
    silent.on("connection", (socket) => sockets.add(socket));
    await new Promise((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      return await use(`http://127.0.0.1:${silent.address().port}`, connected);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }

  test("--timeout gives up on a server that never answers", async () => {
    await withSilentServer(async (url) => {
      const run = await cli(["create", "--endpoint", url, "--name", "never", "--timeout", "0.5"], TOKEN_ENV, { timeoutMs: 15_000 });
      assertFails(run, 4, /create: no answer within 0\.5 s \(--timeout\); the service may still carry it out: check with 'list'\.$/m);
      assert.ok(run.ms < 10_000, `gave up after ${ms(run.ms)}`);
    });
  });

  test("Ctrl-C (SIGINT) cancels the request in flight: exit 130", async () => {
    await withSilentServer(async (url, connected) => {
      const child = spawn(join(project.dir, "node_modules/.bin/modelarts-hyper-cluster"), ["list", "--endpoint", url], {
        cwd: project.dir,
        env: childEnv({ ...NO_CREDENTIALS, ...TOKEN_ENV }),
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      await connected; // the request is in flight, and the SIGINT handler is in place
      child.kill("SIGINT");
      const [code] = await once(child, "exit");
      outputs.push(stdout, stderr);
      assert.equal(code, 130, stderr);
      assert.equal(stdout, "");
      assert.equal(stderr, "modelarts-hyper-cluster: list: interrupted\n");
    });
  });
});
