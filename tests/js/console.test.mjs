// The web console (www/) in real Chromium (playwright-core + Debian's /usr/bin/chromium), against
// the emulator binary it starts itself on a free port, plus a tiny scripted HTTP server for what
// the emulator never does (a 400 the client cannot foresee, a hanging answer, hostile data).
//
// Needs `node scripts/build.mjs` first (pkg/web); builds the emulator binary if it is stale.
// Screenshots go to test-results/console/: look at them after a change to the page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";

import { launchChromium } from "./support/browser.mjs";
import { previewCreateHyperCluster, regions, validateCreateHyperCluster } from "modelarts-hyper-cluster";

import { curlCommand } from "../../www/curl.js";

const root = new URL("../..", import.meta.url).pathname;
const SHOTS = join(root, "test-results/console");
const EMULATOR = join(root, "target/debug/hc-emulator");
const PROJECT = "0123456789abcdef0123456789abcdef";
const SUBNET = "47be1c96-b00c-4cc9-83cb-089893a632b6";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// The emulator's documented development defaults (emulator/README.md).
const DEV_TOKEN = "dev-token";
// A temporary key for the second emulator (started with --sts).
const STS = { accessKey: "STSAK0000000000000001", secretKey: "sts-secret-key-0001", securityToken: "sts-security-token-0001" };
const HOSTILE_NAME = "<img src=x onerror=alert(1)>";
const HOSTILE_SUBNET = "<script>alert(2)</script>";
const HOSTILE_MESSAGE = "<script>alert(3)</script><img src=x onerror=alert(4)> was refused";
const HOSTILE_CODE = "<b>ModelArts.bold</b>";
const HOSTILE_REQUEST_ID = "<img src=x onerror=alert(5)>";
const HOSTILE_ID = "74437437-6810-43b8-ba20-8f8e5bc034da";

let browser;
let emulator;
let stsEmulator;
let scripted;

// ------------------------------------------------------------------------------------------------
// Servers.

/** Starts target/debug/hc-emulator on a free port; resolves once it prints its URL. */
function startEmulator(args = []) {
  const child = spawn(EMULATOR, ["--port", "0", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  /** The access log: `METHOD /path STATUS REQUEST_ID`, one line per request. */
  const log = [];
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    const lines = stderr.split("\n");
    stderr = lines.pop();
    log.push(...lines);
  });
  return new Promise((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`the emulator did not start: ${stdout}${stderr}`)), 15_000);
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}: ${stdout}${stderr}`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /^Emulator listening on (http:\/\/\S+)/m.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        log,
        api: () => log.filter((line) => / \/v1\//.test(line)),
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", done);
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** A scripted endpoint with CORS (as a proxy in front of ModelArts would answer). */
async function startScripted() {
  const server = http.createServer((req, res) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-expose-headers": "X-Request-Id",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": "GET, POST, DELETE",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "600",
      });
      return res.end();
    }
    server.received.push({ method: req.method, url: req.url });
    server.answer(req, res, cors);
  });
  server.received = [];
  server.answer = (req, res) => res.end();
  const sockets = new Set();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.url = `http://127.0.0.1:${server.address().port}`;
  server.stop = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  };
  return server;
}

function json(res, status, body, headers) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A port nothing listens on (bound, then closed). */
async function closedPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  if (!existsSync(join(root, "pkg/web/modelarts_hyper_cluster_bg.wasm"))) {
    throw new Error("pkg/web is missing: run `node scripts/build.mjs` first");
  }
  // A no-op when the binary is fresh (a fraction of a second).
  execFileSync("cargo", ["build", "--quiet", "-p", "modelarts-hyper-cluster-emulator", "--bin", "hc-emulator"], {
    cwd: root,
    stdio: "inherit",
  });
  mkdirSync(SHOTS, { recursive: true });
  [emulator, stsEmulator, scripted, browser] = await Promise.all([
    startEmulator(),
    startEmulator(["--sts", `${STS.accessKey}:${STS.secretKey}:${STS.securityToken}`, "--quiet"]),
    startScripted(),
    launchChromium(),
  ]);
});

after(async () => {
  await browser?.close();
  await Promise.all([emulator?.stop(), stsEmulator?.stop(), scripted?.stop()]);
});

// ------------------------------------------------------------------------------------------------
// The page.

/**
 * Opens the console in a fresh context (empty storage) and watches it: page errors, console
 * errors other than failed loads, CSP violations and dialogs are collected and checked by `done`.
 */
async function openConsole({ width = 1280, height = 900, url = emulator.url } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = [];
  const dialogs = [];
  const requests = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    // A failed call logs "Failed to load resource"; that is the point of some tests.
    if (["error", "warning"].includes(message.type()) && !text.startsWith("Failed to load resource")) {
      problems.push(`console ${message.type()}: ${text}`);
    }
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/v1/")) requests.push(request);
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(`${url}/`);
  await page.waitForSelector("[data-app][data-ready]");
  return {
    page,
    context,
    dialogs,
    requests,
    async done() {
      const violations = await page.evaluate(() => window.__violations);
      await context.close();
      assert.deepEqual(violations, [], "CSP violations");
      assert.deepEqual(problems, [], "page errors");
      assert.deepEqual(dialogs, [], "dialogs");
    },
  };
}

const submit = (page) => page.locator('[data-action="create"]');
const row = (page, id) => page.locator(`[data-cluster-id="${id}"]`);

async function connect(page, { endpoint, projectId = PROJECT, auth = "token", credentials = {} }) {
  if (endpoint) {
    await page.check('input[name="endpointMode"][value="endpoint"]');
    await page.fill("#endpoint", endpoint);
  }
  await page.fill("#projectId", projectId);
  await page.check(`input[name="authMode"][value="${auth}"]`);
  for (const [field, value] of Object.entries(credentials)) await page.fill(`#${field}`, value);
}

async function createCluster(page, { name, subnet, type }) {
  await page.fill("#name", name);
  if (subnet) await page.fill("#hyperClusterSubnetId", subnet);
  if (type) await page.selectOption("#type", type);
  await assertEnabled(submit(page));
  await submit(page).click();
}

async function assertEnabled(locator) {
  assert.equal(await locator.isEnabled(), true, "the create button should be enabled");
}

/** The fact rows of the error card, by their data-fact name. */
async function errorFacts(page) {
  const card = page.locator("[data-output] [data-error-card]");
  await card.waitFor();
  const facts = await card.locator("[data-fact]").evaluateAll((nodes) =>
    Object.fromEntries(nodes.map((node) => [node.dataset.fact, node.textContent])),
  );
  return { code: await card.getAttribute("data-code"), text: await card.textContent(), facts };
}

async function deleteFromList(page, id) {
  await row(page, id).getByRole("button", { name: /^Delete / }).click();
  const dialog = page.locator('[data-dialog="delete"]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(id));
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await page.locator(`[data-output] [data-deleted="${id}"]`).waitFor();
  await row(page, id).waitFor({ state: "detached" });
}

/** What the emulator holds for a project, asked directly (not through the page). */
async function emulatorList(type = "HPS") {
  const response = await fetch(`${emulator.url}/v1/${PROJECT}/dev-servers/hyper-clusters?type=${type}`, {
    headers: { "X-Auth-Token": DEV_TOKEN },
  });
  assert.equal(response.status, 200);
  return (await response.json()).hyper_clusters;
}

// ------------------------------------------------------------------------------------------------

describe("the console against the emulator", () => {
  test("starts empty: the emulator on its own origin, the 22 regions, Create disabled", async () => {
    const t = await openConsole();
    const { page } = t;
    assert.equal(await page.inputValue("#endpoint"), emulator.url);
    await page.check('input[name="endpointMode"][value="region"]');
    const options = await page.locator("#region option").evaluateAll((nodes) => nodes.map((node) => node.value));
    assert.deepEqual(options, regions());
    assert.match(await page.textContent("[data-region-endpoint]"), /https:\/\/modelarts\.cn-north-4\.myhuaweicloud\.com/);
    await page.check('input[name="endpointMode"][value="endpoint"]');
    assert.equal(await submit(page).isDisabled(), true);
    assert.match(await page.textContent("[data-submit-hint]"), /project id and name/);
    await page.screenshot({ path: join(SHOTS, "empty-form.png"), fullPage: true });
    assert.equal(t.requests.length, 0, "nothing is sent before the user asks");
    await t.done();
  });

  test("token: create -> result -> in the list -> details -> delete -> gone", async () => {
    const t = await openConsole();
    const { page } = t;
    // One click: the documented development token and the sample project; the list loads.
    await page.click('[data-action="dev-credentials"]');
    assert.equal(await page.inputValue("#projectId"), PROJECT);
    await page.locator("[data-list-status]").getByText("No HPS clusters").or(page.locator("[data-cluster-id]").first()).waitFor();

    await createCluster(page, { name: "console-token-1", type: "HPS" });
    const result = page.locator("[data-output] [data-result]");
    await result.waitFor();
    const id = await result.locator("[data-result-id]").textContent();
    assert.match(id, UUID);
    assert.equal(await result.locator("[data-result-name]").textContent(), "console-token-1");
    const networks = await result.locator("[data-result-networks] tbody tr td").allTextContents();
    assert.match(networks[0], UUID);
    assert.equal(networks[1], "Yes");
    // The create request was the documented one, with the token, and the list was refreshed.
    const post = t.requests.find((request) => request.method() === "POST");
    assert.equal(post.headers()["x-auth-token"], DEV_TOKEN);
    assert.deepEqual(JSON.parse(post.postData()), { name: "console-token-1", type: "HPS" });
    await row(page, id).waitFor();
    assert.match(await row(page, id).textContent(), /console-token-1/);
    await page.screenshot({ path: join(SHOTS, "result.png"), fullPage: true });

    await row(page, id).getByRole("button", { name: "Details of console-token-1" }).click();
    await page.locator("[data-output] [data-result]").getByText("Hyper cluster details").waitFor();
    assert.equal(await page.textContent("[data-output] [data-result-id]"), id);

    await deleteFromList(page, id);
    assert.equal((await emulatorList()).some((cluster) => cluster.id === id), false);
    assert.ok(emulator.api().some((line) => line.startsWith(`DELETE /v1/${PROJECT}/dev-servers/hyper-clusters/${id}`)));
    await t.done();
  });

  test("AK/SK: create (keyboard) -> result -> in the ECS list -> delete after one 'keep it' -> gone", async () => {
    const t = await openConsole();
    const { page } = t;
    await page.check('input[name="authMode"][value="aksk"]');
    await page.click('[data-action="dev-credentials"]');
    await page.fill("#name", "console-aksk-1");
    await page.fill("#hyperClusterSubnetId", SUBNET);
    await page.selectOption("#type", "ECS");
    await page.focus("#name");
    await page.keyboard.press("Enter");
    const result = page.locator("[data-output] [data-result]");
    await result.waitFor();
    const id = await result.locator("[data-result-id]").textContent();
    assert.equal(await result.locator("[data-result-networks] code").textContent(), SUBNET);
    const post = t.requests.find((request) => request.method() === "POST");
    assert.match(post.headers().authorization, /^SDK-HMAC-SHA256 Access=DEVAK000000000000000, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/);
    assert.equal(post.headers()["x-auth-token"], undefined);

    // The list follows the created type.
    assert.equal(await page.inputValue("[data-list-type]"), "ECS");
    await row(page, id).waitFor();
    // Keyboard: open the confirmation, Escape keeps the cluster.
    await row(page, id).getByRole("button", { name: "Delete console-aksk-1" }).focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-dialog="delete"]').waitFor();
    await page.keyboard.press("Escape");
    await page.locator('[data-dialog="delete"]').waitFor({ state: "hidden" });
    assert.equal(await row(page, id).count(), 1);
    await deleteFromList(page, id);
    assert.equal((await emulatorList("ECS")).some((cluster) => cluster.id === id), false);
    await t.done();
  });

  test("temporary AK/SK: the security token is sent and signed", async () => {
    const t = await openConsole();
    const { page } = t;
    await connect(page, { endpoint: stsEmulator.url, auth: "sts", credentials: STS });
    await createCluster(page, { name: "console-sts-1" });
    const id = await page.locator("[data-output] [data-result-id]").textContent();
    assert.match(id, UUID);
    const post = t.requests.find((request) => request.method() === "POST");
    assert.equal(post.headers()["x-security-token"], STS.securityToken);
    assert.match(post.headers().authorization, /SignedHeaders=[^,]*x-security-token/);
    await t.done();
  });

  test("every invalid field shows the package's message, Create stays disabled, nothing is sent", async () => {
    const t = await openConsole();
    const { page } = t;
    const before = emulator.api().length;
    await page.fill("#token", DEV_TOKEN);
    const input = { projectId: "my_project!", name: "no spaces allowed", hyperClusterSubnetId: "47BE1C96-b00c" };
    await page.fill("#projectId", input.projectId);
    await page.fill("#name", input.name);
    await page.fill("#hyperClusterSubnetId", input.hyperClusterSubnetId);
    const { issues } = validateCreateHyperCluster(input);
    assert.deepEqual(issues.map((issue) => issue.field).sort(), ["hyperClusterSubnetId", "name", "projectId"]);
    for (const issue of issues) {
      const expected = issue.message[0].toUpperCase() + issue.message.slice(1);
      assert.equal(await page.textContent(`[data-error-for="${issue.field}"]`), expected, issue.field);
      assert.equal(await page.getAttribute(`#${issue.field}`, "aria-invalid"), "true");
    }
    assert.equal(await submit(page).isDisabled(), true);
    assert.match(await page.textContent("[data-submit-hint]"), /project id, name and subnet id/);
    assert.match(await page.textContent("[data-preview-problem]"), /once every field is valid/);
    await page.screenshot({ path: join(SHOTS, "invalid-form.png"), fullPage: true });

    // Enter in a field, a forced click and a scripted submit all stay on the page.
    await page.focus("#name");
    await page.keyboard.press("Enter");
    await submit(page).click({ force: true });
    await page.evaluate(() => document.querySelector('[data-form="create"]').requestSubmit());
    await page.click('[data-action="refresh"]', { force: true });
    await page.waitForTimeout(300);
    assert.equal(t.requests.length, 0, "the browser sent no API request");
    assert.equal(emulator.api().length, before, "the emulator received no API request");

    // Fixing the fields clears their messages and enables Create.
    await page.fill("#projectId", PROJECT);
    await page.fill("#name", "fixed-name");
    await page.fill("#hyperClusterSubnetId", SUBNET);
    for (const field of ["projectId", "name", "hyperClusterSubnetId"]) {
      assert.equal(await page.textContent(`[data-error-for="${field}"]`), "");
    }
    await assertEnabled(submit(page));
    assert.equal(t.requests.length, 0);
    await t.done();
  });

  test("401: an unknown token shows the error card with the status and the emulator's request id", async () => {
    const t = await openConsole();
    const { page } = t;
    await connect(page, { credentials: { token: "not-a-known-token" } });
    const answer = page.waitForResponse((response) => response.request().method() === "POST");
    await createCluster(page, { name: "console-401" });
    const requestId = (await answer).headers()["x-request-id"];
    assert.match(requestId, /^[0-9a-f]{32}$/);
    const { code, text, facts } = await errorFacts(page);
    assert.equal(code, "API");
    assert.equal(facts["http-status"], "401 Unauthorized");
    assert.equal(facts["service-error-code"], "APIGW.0301");
    assert.equal(facts["request-id"], requestId);
    assert.match(text, /did not accept the credentials/);
    assert.ok(emulator.log.some((line) => line.includes(" 401 ") && line.includes(requestId)), "the emulator logged it");
    await page.screenshot({ path: join(SHOTS, "error.png"), fullPage: true });
    await t.done();
  });

  test("404: details of a cluster deleted elsewhere show the emulator's error and request id", async () => {
    const t = await openConsole();
    const { page } = t;
    await page.click('[data-action="dev-credentials"]');
    await createCluster(page, { name: "console-stale-1" });
    const id = await page.locator("[data-output] [data-result-id]").textContent();
    await row(page, id).waitFor();
    // Someone else deletes it; the page's list is now stale.
    const gone = await fetch(`${emulator.url}/v1/${PROJECT}/dev-servers/hyper-clusters/${id}`, {
      method: "DELETE",
      headers: { "X-Auth-Token": DEV_TOKEN },
    });
    assert.equal(gone.status, 200);
    const answer = page.waitForResponse((response) => response.url().includes(id));
    await row(page, id).getByRole("button", { name: /^Details of / }).click();
    const requestId = (await answer).headers()["x-request-id"];
    const { code, facts } = await errorFacts(page);
    assert.equal(code, "API");
    assert.equal(facts["http-status"], "404 Not Found");
    assert.equal(facts["service-error-code"], "ModelArts.4040");
    assert.equal(facts["request-id"], requestId);
    await t.done();
  });

  test("400 the client cannot foresee (a scripted endpoint): code, status and request id", async () => {
    scripted.answer = (req, res, cors) =>
      json(res, 400, { error_code: "ModelArts.4005", error_msg: "a hyper cluster named console-dup already exists" }, { ...cors, "x-request-id": "req-400-0001" });
    const t = await openConsole();
    const { page } = t;
    await connect(page, { endpoint: scripted.url, credentials: { token: "any-token" } });
    await createCluster(page, { name: "console-dup" });
    const { code, text, facts } = await errorFacts(page);
    assert.equal(code, "API");
    assert.equal(facts["http-status"], "400 Bad Request");
    assert.equal(facts["service-error-code"], "ModelArts.4005");
    assert.equal(facts["server-message"], "a hyper cluster named console-dup already exists");
    assert.equal(facts["request-id"], "req-400-0001");
    assert.match(text, /refused the request as invalid/);
    await t.done();
  });

  test("network failures: a closed local port, and a real region a browser cannot reach", async () => {
    const t = await openConsole();
    const { page } = t;
    const port = await closedPort();
    await connect(page, { endpoint: `http://127.0.0.1:${port}`, credentials: { token: DEV_TOKEN } });
    await createCluster(page, { name: "console-offline" });
    let card = await errorFacts(page);
    assert.equal(card.code, "NETWORK");
    assert.equal(card.facts["request-id"], "none (no response reached the browser)");
    assert.match(card.text, new RegExp(`Nothing answered at http://127\\.0\\.0\\.1:${port}`));
    assert.match(card.text, /emulator/);

    // The real cloud, as a browser meets it (no CORS): the card explains the proxy.
    await page.route("https://modelarts.cn-north-4.myhuaweicloud.com/**", (route) => route.abort("failed"));
    await page.check('input[name="endpointMode"][value="region"]');
    await page.selectOption("#region", "cn-north-4");
    await submit(page).click();
    await page.locator("[data-output] [data-error-card] .advice").getByText(/proxy or an edge function/).waitFor();
    card = await errorFacts(page);
    assert.equal(card.code, "NETWORK");
    assert.match(card.text, /CORS/);
    await t.done();
  });

  test("busy state: Create shows progress and Cancel aborts the call", async () => {
    let held;
    scripted.answer = (req, res) => {
      held = res; // Never answered until the test ends it.
    };
    const t = await openConsole();
    const { page } = t;
    await connect(page, { endpoint: scripted.url, credentials: { token: "any-token" } });
    await createCluster(page, { name: "console-slow" });
    await page.locator('[data-output] [data-busy="create"]').waitFor();
    assert.equal(await submit(page).textContent(), "Creating…");
    assert.equal(await submit(page).isDisabled(), true);
    const cancel = page.getByRole("button", { name: "Cancel", exact: true });
    // The keyboard user who pressed Create is moved to Cancel.
    assert.equal(await cancel.evaluate((node) => node === document.activeElement), true);
    await cancel.click();
    const { code, text } = await errorFacts(page);
    assert.equal(code, "ABORTED");
    assert.match(text, /cancelled/i);
    assert.equal(await submit(page).textContent(), "Create");
    await assertEnabled(submit(page));
    held?.destroy();
    await t.done();
  });

  test("a hostile server's names and messages render as inert text", async () => {
    const cluster = { id: HOSTILE_ID, name: HOSTILE_NAME, network_info: [{ hyper_cluster_subnet_id: HOSTILE_SUBNET, is_default: true }] };
    scripted.answer = (req, res, cors) => {
      const headers = { ...cors, "x-request-id": HOSTILE_REQUEST_ID };
      if (req.method === "POST") return json(res, 400, { error_code: HOSTILE_CODE, error_msg: HOSTILE_MESSAGE }, headers);
      if (req.url.includes(HOSTILE_ID)) return json(res, 200, cluster, headers);
      return json(res, 200, { hyper_clusters: [cluster] }, headers);
    };
    const t = await openConsole();
    const { page } = t;
    await connect(page, { endpoint: scripted.url, credentials: { token: "any-token" } });
    await page.click('[data-action="refresh"]');
    await row(page, HOSTILE_ID).waitFor();
    assert.equal(await row(page, HOSTILE_ID).locator(".cluster-name").textContent(), HOSTILE_NAME);
    assert.equal(await row(page, HOSTILE_ID).locator("code").nth(1).textContent(), HOSTILE_SUBNET);

    await row(page, HOSTILE_ID).getByRole("button", { name: /^Details of / }).click();
    await page.locator("[data-output] [data-result]").waitFor();
    assert.equal(await page.textContent("[data-output] [data-result-name]"), HOSTILE_NAME);

    await row(page, HOSTILE_ID).getByRole("button", { name: /^Delete / }).click();
    assert.equal(await page.textContent("[data-delete-name]"), HOSTILE_NAME);
    await page.getByRole("button", { name: "Keep it" }).click();

    await createCluster(page, { name: "console-hostile" });
    const { facts } = await errorFacts(page);
    assert.equal(facts["server-message"], HOSTILE_MESSAGE);
    assert.equal(facts["service-error-code"], HOSTILE_CODE);
    assert.equal(facts["request-id"], HOSTILE_REQUEST_ID);
    await page.screenshot({ path: join(SHOTS, "hostile.png"), fullPage: true });

    await page.waitForTimeout(200); // Give any injected handler its chance to run.
    const elements = await page.evaluate(() => ({
      img: document.querySelectorAll("img").length,
      script: [...document.querySelectorAll("script")].map((node) => node.getAttribute("src")),
      bold: document.querySelectorAll("b").length,
      handlers: document.querySelectorAll("[onerror]").length,
    }));
    assert.deepEqual(elements, { img: 0, script: ["app.js"], bold: 0, handlers: 0 });
    assert.deepEqual(t.dialogs, []);
    await t.done();
  });

  test("secrets stay in their inputs: not in storage, cookies, the URL, the preview, the curl or the page", async () => {
    const t = await openConsole();
    const { page } = t;
    const token = "tok-SECRET-5a1f";
    const secrets = { secretKey: "sk-SECRET-77c2", securityToken: "st-SECRET-90de" };
    const allowed = ["#token", "#secretKey", "#securityToken"];

    async function assertNowhere(values) {
      const seen = await page.evaluate(() => {
        const dump = (storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`).join("\n");
        return {
          localStorage: dump(localStorage),
          sessionStorage: dump(sessionStorage),
          cookie: document.cookie,
          url: location.href,
          preview: document.querySelector("#preview-title").closest("section").textContent,
          curl: document.querySelector("[data-curl]").textContent,
          html: document.documentElement.outerHTML,
          text: document.body.innerText,
          // Every input's value but the secret inputs themselves.
          otherInputs: [...document.querySelectorAll("input, select, textarea")]
            .filter((node) => !["token", "secretKey", "securityToken"].includes(node.id))
            .map((node) => node.value)
            .join("\n"),
        };
      });
      for (const value of values) {
        for (const [where, text] of Object.entries(seen)) assert.equal(text.includes(value), false, `${value} in ${where}`);
      }
      return seen;
    }

    await connect(page, { credentials: { token } });
    await createCluster(page, { name: "console-secret" });
    await errorFacts(page); // The emulator does not know the token: a 401.
    assert.equal(await page.inputValue("#token"), token, "the secret is in its own input");
    let seen = await assertNowhere([token]);
    assert.match(seen.curl, /X-Auth-Token: \$HC_TOKEN/);
    assert.match(seen.localStorage, new RegExp(PROJECT));

    await page.check('input[name="authMode"][value="sts"]');
    assert.equal(await page.inputValue("#token"), "", "a hidden secret input is cleared");
    await connect(page, { auth: "sts", credentials: { accessKey: "AKVISIBLE0001", ...secrets } });
    await submit(page).click();
    await page.locator("[data-output] [data-error-card]").waitFor();
    seen = await assertNowhere([token, ...Object.values(secrets)]);
    assert.match(seen.curl, /Signature=\$HC_SIGNATURE/);
    assert.match(seen.curl, /X-Security-Token: \$HC_SECURITY_TOKEN/);
    for (const selector of allowed.slice(1)) assert.ok(Object.values(secrets).includes(await page.inputValue(selector)));

    // A reload brings back the endpoint and project, and no credential.
    await page.reload();
    await page.waitForSelector("[data-app][data-ready]");
    assert.equal(await page.inputValue("#projectId"), PROJECT);
    assert.equal(await page.inputValue("#endpoint"), emulator.url);
    assert.equal(await page.inputValue("#token"), "");
    assert.equal(await page.isChecked('input[name="authMode"][value="token"]'), true);
    await assertNowhere([token, ...Object.values(secrets)]);
    await t.done();
  });

  test("a 390 px phone: no sideways scrolling, and the whole flow works", async () => {
    const t = await openConsole({ width: 390, height: 844 });
    const { page } = t;
    await page.click('[data-action="dev-credentials"]');
    await createCluster(page, { name: "console-phone-1", subnet: SUBNET, type: "HPS" });
    const id = await page.locator("[data-output] [data-result-id]").textContent();
    await row(page, id).waitFor();
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(widths.scroll <= widths.client, `the page is ${widths.scroll}px wide in a ${widths.client}px viewport`);
    // Viewport-sized shots (a full-page one is too tall to look at).
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, "phone-connection.png") });
    for (const [name, selector] of [["phone-result.png", "#output-title"], ["phone-list.png", "#list-title"]]) {
      await page.evaluate((selector) => document.querySelector(selector).scrollIntoView(), selector);
      await page.screenshot({ path: join(SHOTS, name) });
    }
    await deleteFromList(page, id);
    await t.done();
  });
});

describe("the curl command", () => {
  test("names variables for every secret and quotes everything for the shell", () => {
    const token = previewCreateHyperCluster(
      { endpoint: "http://127.0.0.1:8080", projectId: PROJECT, auth: { token: "tok-SECRET" } },
      { name: "hc-01", type: "HPS" },
    );
    assert.equal(
      curlCommand(token),
      [
        "# Set HC_TOKEN to your IAM token first (export HC_TOKEN=...).",
        `curl -X POST 'http://127.0.0.1:8080/v1/${PROJECT}/dev-servers/hyper-clusters' \\`,
        "  -H 'Content-Type: application/json;charset=UTF-8' \\",
        '  -H "X-Auth-Token: $HC_TOKEN" \\',
        `  --data-raw '{"name":"hc-01","type":"HPS"}'`,
      ].join("\n"),
    );
    const signed = curlCommand(
      previewCreateHyperCluster(
        { region: "cn-north-4", projectId: PROJECT, auth: { accessKey: "AK-1", secretKey: "SK-SECRET", securityToken: "ST-SECRET" } },
        { name: "hc-01" },
      ),
    );
    for (const secret of ["SK-SECRET", "ST-SECRET", "AK-1", "****"]) assert.equal(signed.includes(secret), false, secret);
    assert.match(signed, /-H "Authorization: SDK-HMAC-SHA256 Access=\$HC_AK, SignedHeaders=[a-z;-]+, Signature=\$HC_SIGNATURE"/);
    assert.match(signed, /-H "X-Sdk-Date: \$HC_SDK_DATE"/);
    // Quotes, dollars and backquotes in literal parts cannot break out.
    const odd = curlCommand({ method: "POST", url: "http://x/it's", headers: [["X-A", "$(id)`id`\"'"], ["X-M", "a****b"]], body: "'" });
    assert.equal(
      odd,
      [
        "# Set HC_X_M (masked in the preview).",
        "curl -X POST 'http://x/it'\\''s' \\",
        `  -H 'X-A: $(id)\`id\`"'\\''' \\`,
        '  -H "X-M: a${HC_X_M}b" \\',
        "  --data-raw ''\\'''",
      ].join("\n"),
    );
  });
});
