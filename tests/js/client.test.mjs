// The built package, imported by its name as a user's Node code would, against a real HTTP server
// on 127.0.0.1 that each test scripts. This server is for faults the emulator cannot produce on
// demand (a proxy's HTML 502, a server that never answers); the emulator suites cover the API.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";

import {
  HyperClusterClient,
  createHyperCluster,
  isHyperClusterError,
  previewCreateHyperCluster,
  regions,
  signRequest,
  validateCreateHyperCluster,
} from "modelarts-hyper-cluster";
import { rejectionOf } from "./support/assertions.mjs";

const PROJECT = "0123456789abcdef0123456789abcdef";
const CLUSTER_ID = "74437437-6810-43b8-ba20-8f8e5bc034da";
const CREATED = {
  id: CLUSTER_ID,
  name: "test-hps--1107",
  network_info: [{ hyper_cluster_subnet_id: "47be1c96-b00c-4cc9-83cb-089893a632b6", is_default: true }],
};

/** Every request the server received, with its body. */
let received = [];
/** How the server answers the next requests: (req, body, res) => void. */
let answer = () => {};
let server;
let endpoint;
const openSockets = new Set();

function json(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", "x-request-id": `req-${status}`, ...headers });
  res.end(JSON.stringify(body));
}

before(async () => {
  server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(req, body, res);
    });
  });
  server.on("connection", (socket) => {
    openSockets.add(socket);
    socket.on("close", () => openSockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  for (const socket of openSockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  answer = (req, body, res) => json(res, 200, CREATED);
});

const tokenConfig = (extra = {}) => ({ endpoint, projectId: PROJECT, auth: { token: "test-token" }, ...extra });

describe("createHyperCluster", () => {
  test("sends the documented request and returns a camelCase cluster", async () => {
    const cluster = await createHyperCluster(tokenConfig(), { name: "test-hps--1107", type: "HPS" });
    assert.deepEqual(cluster, {
      id: CLUSTER_ID,
      name: "test-hps--1107",
      networkInfo: [{ hyperClusterSubnetId: "47be1c96-b00c-4cc9-83cb-089893a632b6", isDefault: true }],
    });
    assert.equal(received.length, 1);
    const [request] = received;
    assert.equal(request.method, "POST");
    assert.equal(request.url, `/v1/${PROJECT}/dev-servers/hyper-clusters`);
    assert.equal(request.headers["content-type"], "application/json;charset=UTF-8");
    assert.equal(request.headers["x-auth-token"], "test-token");
    assert.deepEqual(JSON.parse(request.body), { name: "test-hps--1107", type: "HPS" });
  });

  test("leaves absent optional fields out of the body", async () => {
    await createHyperCluster(tokenConfig(), { name: "n" });
    assert.equal(received[0].body, '{"name":"n"}');
  });

  test("invalid input never reaches the server, and every issue is reported", async () => {
    const error = await rejectionOf(
      createHyperCluster(tokenConfig({ projectId: "bad_project" }), {
        name: "x".repeat(65),
        hyperClusterSubnetId: "47be1c96-b00c-6cc9-83cb-089893a632b6",
        type: "hps",
      }),
    );
    assert.ok(error instanceof Error);
    assert.equal(error.name, "HyperClusterError");
    assert.equal(error.code, "VALIDATION");
    assert.deepEqual(
      error.issues.map((i) => [i.field, i.param, i.code]),
      [
        ["projectId", "project_id", "pattern"],
        ["name", "name", "length"],
        ["hyperClusterSubnetId", "hyper_cluster_subnet_id", "pattern"],
        ["type", "type", "enum"],
      ],
    );
    assert.equal(received.length, 0);
  });

  test("a 400 with a ModelArts error body is an API error with its details", async () => {
    answer = (req, body, res) =>
      json(res, 400, { error_code: "ModelArts.6101", error_msg: "The name already exists." });
    const error = await rejectionOf(createHyperCluster(tokenConfig(), { name: "dup" }));
    assert.equal(error.code, "API");
    assert.equal(error.status, 400);
    assert.equal(error.errorCode, "ModelArts.6101");
    assert.equal(error.errorMsg, "The name already exists.");
    assert.equal(error.requestId, "req-400");
    assert.match(error.message, /HTTP 400 ModelArts\.6101: The name already exists\. \(request id req-400\)/);
    assert.ok(isHyperClusterError(error));
  });

  test("a 401 from the gateway is an API error", async () => {
    answer = (req, body, res) => json(res, 401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" });
    const error = await rejectionOf(createHyperCluster(tokenConfig(), { name: "n" }));
    assert.equal(error.code, "API");
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, "APIGW.0301");
    assert.equal(received.length, 1, "a 401 is never retried");
  });

  test("a proxy's non-JSON 502 is an API error with a short excerpt", async () => {
    answer = (req, body, res) => {
      res.writeHead(502, { "content-type": "text/html", "x-request-id": "req-502" });
      res.end(`<html><body><h1>502 Bad Gateway</h1>${"padding ".repeat(200)}</body></html>`);
    };
    const error = await rejectionOf(createHyperCluster(tokenConfig(), { name: "n" }));
    assert.equal(error.code, "API");
    assert.equal(error.status, 502);
    assert.equal(error.errorCode, undefined);
    assert.match(error.errorMsg, /^<html><body><h1>502 Bad Gateway<\/h1>/);
    assert.ok(error.errorMsg.length < 220, error.errorMsg);
    assert.equal(error.requestId, "req-502");
  });

  test("a 2xx answer without the documented fields is a DECODE error", async () => {
    answer = (req, body, res) => json(res, 200, { name: "no id" });
    const error = await rejectionOf(createHyperCluster(tokenConfig(), { name: "n" }));
    assert.equal(error.code, "DECODE");
    assert.match(error.message, /missing field `id`/);
  });

  test("a refused connection is a NETWORK error", async () => {
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await rejectionOf(
      createHyperCluster(tokenConfig({ endpoint: `http://127.0.0.1:${port}` }), { name: "n" }),
    );
    assert.equal(error.code, "NETWORK");
    assert.match(error.message, /ECONNREFUSED/);
  });

  test("a server that never answers times out", async () => {
    answer = () => {}; // hold the request open
    const started = Date.now();
    const error = await rejectionOf(createHyperCluster(tokenConfig({ timeoutMs: 300 }), { name: "n" }));
    assert.equal(error.code, "TIMEOUT");
    assert.equal(error.timeoutMs, 300);
    assert.ok(Date.now() - started < 10_000, "the timeout fired");
  });

  test("an AbortSignal cancels a request in flight", async () => {
    answer = () => {};
    const controller = new AbortController();
    const pending = createHyperCluster(tokenConfig({ signal: controller.signal }), { name: "n" });
    setTimeout(() => controller.abort(), 100);
    const error = await rejectionOf(pending);
    assert.equal(error.code, "ABORTED");
    assert.equal(received.length, 1, "the request had been sent");
  });

  test("an already aborted signal sends nothing", async () => {
    const error = await rejectionOf(createHyperCluster(tokenConfig({ signal: AbortSignal.abort() }), { name: "n" }));
    assert.equal(error.code, "ABORTED");
    assert.equal(received.length, 0);
  });
});

describe("HyperClusterClient", () => {
  test("list, get and delete use the documented paths and the type query", async () => {
    const client = new HyperClusterClient(tokenConfig());
    answer = (req, body, res) => {
      if (req.method === "GET" && req.url.startsWith(`/v1/${PROJECT}/dev-servers/hyper-clusters?`)) {
        json(res, 200, { hyper_clusters: [CREATED] });
      } else if (req.method === "DELETE") {
        json(res, 200, { deleted: true });
      } else {
        json(res, 200, CREATED);
      }
    };
    const clusters = await client.list({ type: "ECS" });
    assert.equal(clusters.length, 1);
    assert.equal(clusters[0].networkInfo[0].isDefault, true);
    const cluster = await client.get(CLUSTER_ID, { type: "HPS" });
    assert.equal(cluster.id, CLUSTER_ID);
    assert.deepEqual(await client.delete(CLUSTER_ID), { deleted: true });
    assert.deepEqual(
      received.map((r) => `${r.method} ${r.url}`),
      [
        `GET /v1/${PROJECT}/dev-servers/hyper-clusters?type=ECS`,
        `GET /v1/${PROJECT}/dev-servers/hyper-clusters/${CLUSTER_ID}?type=HPS`,
        `DELETE /v1/${PROJECT}/dev-servers/hyper-clusters/${CLUSTER_ID}`,
      ],
    );
  });

  test("a bad id or type is refused before sending", async () => {
    const client = new HyperClusterClient(tokenConfig());
    const error = await rejectionOf(client.delete("../../etc", { type: "gpu" }));
    assert.equal(error.code, "VALIDATION");
    assert.deepEqual(error.issues.map((i) => i.field), ["id", "type"]);
    assert.equal(received.length, 0);
  });

  test("per-call options override the client's timeout", async () => {
    answer = () => {};
    const client = new HyperClusterClient(tokenConfig({ timeoutMs: 60_000 }));
    const error = await rejectionOf(client.list({ timeoutMs: 200 }));
    assert.equal(error.code, "TIMEOUT");
    assert.equal(error.timeoutMs, 200);
  });

  test("AK/SK requests carry a fresh signature, the project header and the security token", async () => {
    const client = new HyperClusterClient({
      endpoint,
      projectId: PROJECT,
      auth: { accessKey: "AKEXAMPLE", secretKey: "SKEXAMPLE", securityToken: "STS-TOKEN" },
    });
    await client.create({ name: "signed" });
    const { headers } = received[0];
    assert.equal(headers["x-project-id"], PROJECT);
    assert.equal(headers["x-security-token"], "STS-TOKEN");
    assert.match(headers["x-sdk-date"], /^\d{8}T\d{6}Z$/);
    assert.match(
      headers.authorization,
      /^SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/,
    );
    assert.equal(headers["x-auth-token"], undefined);
    // The signature covers the same headers `signRequest` would compute for this exact request.
    const expected = signRequest({
      method: "POST",
      url: `${endpoint}/v1/${PROJECT}/dev-servers/hyper-clusters`,
      headers: { "Content-Type": "application/json;charset=UTF-8", "X-Project-Id": PROJECT },
      body: received[0].body,
      accessKey: "AKEXAMPLE",
      secretKey: "SKEXAMPLE",
      securityToken: "STS-TOKEN",
      date: headers["x-sdk-date"],
    });
    assert.equal(headers.authorization, expected.Authorization);
  });

  test("an expired signature gets a clock hint with the measured offset", async () => {
    answer = (req, body, res) =>
      json(res, 401, { error_code: "APIGW.0301", error_msg: "signature expired" }, {
        date: new Date(Date.now() + 20 * 60_000).toUTCString(),
      });
    const client = new HyperClusterClient({ endpoint, projectId: PROJECT, auth: { accessKey: "AK", secretKey: "SK" } });
    const error = await rejectionOf(client.list());
    assert.equal(error.code, "API");
    assert.match(error.hint, /clock/);
    assert.match(error.hint, /server's clock is 1[12]\d\d s ahead/);
    assert.equal(received.length, 1, "never retried");
  });

  test("configuration errors never contain secrets", () => {
    for (const auth of [
      { token: "SECRET-TOKEN", accessKey: "AK", secretKey: "SECRET-SK" },
      { accessKey: "AK", secretKey: "SECRET-SK", securityToken: "SECRET TOKEN WITH SPACES" },
      { token: "SECRET\nTOKEN" },
    ]) {
      assert.throws(
        () => new HyperClusterClient({ endpoint, projectId: PROJECT, auth }),
        (error) => error.code === "CONFIG" && !/SECRET/.test(error.message) && !/SECRET/.test(error.stack),
      );
    }
  });
});

describe("validateCreateHyperCluster and helpers", () => {
  test("never throws, whatever it gets", () => {
    for (const input of [undefined, null, 0, "", [], () => 1, Symbol("x"), 1n, new Proxy({}, { get() { throw new Error("trap"); } })]) {
      const result = validateCreateHyperCluster(input);
      assert.equal(result.valid, false);
      assert.ok(result.issues.length > 0);
    }
  });

  test("gives each field its issue with a message that says what is allowed", () => {
    const { valid, issues } = validateCreateHyperCluster({ projectId: "", name: "my cluster" });
    assert.equal(valid, false);
    assert.deepEqual(issues, [
      { field: "projectId", param: "project_id", code: "required", message: "is required (got an empty string)" },
      {
        field: "name",
        param: "name",
        code: "pattern",
        message: "may only contain letters, digits, '-', '_' and '.' (found a space at position 3)",
      },
    ]);
  });

  test("previewCreateHyperCluster shows the request with every secret masked", () => {
    const preview = previewCreateHyperCluster(
      { endpoint, projectId: PROJECT, auth: { accessKey: "AKEXAMPLE", secretKey: "SECRET-SK", securityToken: "SECRET-STS" } },
      { name: "hc-01", type: "HPS" },
    );
    assert.equal(preview.method, "POST");
    assert.equal(preview.url, `${endpoint}/v1/${PROJECT}/dev-servers/hyper-clusters`);
    assert.equal(preview.body, '{"name":"hc-01","type":"HPS"}');
    const headers = Object.fromEntries(preview.headers);
    assert.equal(headers["X-Security-Token"], "****");
    assert.match(headers.Authorization, /^SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=[a-z;-]+, Signature=\*\*\*\*$/);
    assert.doesNotMatch(JSON.stringify(preview), /SECRET/);
    const token = previewCreateHyperCluster({ endpoint, projectId: PROJECT, auth: { token: "SECRET-TOKEN" } }, { name: "n" });
    assert.deepEqual(token.headers, [["Content-Type", "application/json;charset=UTF-8"], ["X-Auth-Token", "****"]]);
    assert.throws(() => previewCreateHyperCluster({ endpoint, projectId: PROJECT, auth: { token: "t" } }, { name: "a b" }), {
      code: "VALIDATION",
    });
    assert.equal(received.length, 0, "a preview sends nothing");
  });

  test("regions lists the 22 known regions", () => {
    const list = regions();
    assert.equal(list.length, 22);
    assert.ok(list.includes("cn-north-4"));
  });
});
