// The built package in Node, end to end against the real emulator: token and AK/SK (signed by our
// wasm signer, verified by the emulator), and the typed errors for 400, 401 and 404.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";

import { HyperClusterClient, createHyperCluster, signRequest } from "modelarts-hyper-cluster";
import { DEV, startEmulator } from "./support/emulator.mjs";
import { rejectionOf } from "./support/assertions.mjs";

const PROJECT = "0123456789abcdef0123456789abcdef";
let emulator;

before(async () => {
  // Configuring any key replaces the development pair, so it is passed again next to the temporary one.
  emulator = await startEmulator([
    ...["--ak", DEV.accessKey, "--sk", DEV.secretKey],
    ...["--sts", "STSAK00000000000000:stssk000000000000000000000000:the-security-token"],
  ]);
});
after(() => emulator?.stop());

const auths = {
  "an IAM token": () => ({ token: DEV.token }),
  "an AK/SK pair": () => ({ accessKey: DEV.accessKey, secretKey: DEV.secretKey }),
  "temporary AK/SK with a security token": () => ({
    accessKey: "STSAK00000000000000",
    secretKey: "stssk000000000000000000000000",
    securityToken: "the-security-token",
  }),
};

for (const [label, auth] of Object.entries(auths)) {
  test(`create -> list -> get -> delete with ${label}`, async () => {
    const client = new HyperClusterClient({ endpoint: emulator.url, projectId: PROJECT, auth: auth() });
    const subnet = "47be1c96-b00c-4cc9-83cb-089893a632b6";
    const created = await client.create({ name: `hc-${label.length}`, hyperClusterSubnetId: subnet, type: "ECS" });
    assert.match(created.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(created.networkInfo, [{ hyperClusterSubnetId: subnet, isDefault: true }]);

    const ecs = await client.list({ type: "ECS" });
    assert.ok(ecs.some((c) => c.id === created.id));
    const hps = await client.list();
    assert.ok(!hps.some((c) => c.id === created.id), "the default list is HPS");

    assert.deepEqual(await client.get(created.id, { type: "ECS" }), created);
    await client.delete(created.id, { type: "ECS" });
    const gone = await rejectionOf(client.get(created.id, { type: "ECS" }));
    assert.equal(gone.code, "API");
    assert.equal(gone.status, 404);
    assert.equal(gone.errorCode, "ModelArts.4040");
    assert.match(gone.requestId, /^[0-9a-f]{32}$/);
  });
}

describe("typed errors from the emulator", () => {
  test("401 for an unknown token, with the gateway's code and a request id", async () => {
    const error = await rejectionOf(
      createHyperCluster({ endpoint: emulator.url, projectId: PROJECT, auth: { token: "wrong" } }, { name: "n" }),
    );
    assert.equal(error.code, "API");
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, "APIGW.0301");
    assert.match(error.requestId, /^[0-9a-f]{32}$/);
  });

  test("401 for a wrong secret key", async () => {
    const client = new HyperClusterClient({
      endpoint: emulator.url,
      projectId: PROJECT,
      auth: { accessKey: DEV.accessKey, secretKey: "not-the-secret" },
    });
    const error = await rejectionOf(client.list());
    assert.equal(error.status, 401);
    assert.equal(error.errorCode, "APIGW.0301");
  });

  test("404 for a cluster that does not exist", async () => {
    const client = new HyperClusterClient({ endpoint: emulator.url, projectId: PROJECT, auth: { token: DEV.token } });
    const error = await rejectionOf(client.delete("74437437-6810-43b8-ba20-8f8e5bc034da"));
    assert.equal(error.status, 404);
    assert.equal(error.errorCode, "ModelArts.4040");
  });

  test("400 from the server for a request our client would never send", async () => {
    // Sent by hand (signRequest + fetch) because the client refuses invalid input before sending.
    const url = `${emulator.url}/v1/${PROJECT}/dev-servers/hyper-clusters`;
    const body = JSON.stringify({ name: "bad name", type: "hps" });
    const headers = signRequest({
      method: "POST",
      url,
      headers: { "Content-Type": "application/json;charset=UTF-8", "X-Project-Id": PROJECT },
      body,
      accessKey: DEV.accessKey,
      secretKey: DEV.secretKey,
    });
    const response = await fetch(url, { method: "POST", headers, body });
    assert.equal(response.status, 400);
    const answer = await response.json();
    assert.equal(answer.error_code, "ModelArts.4001");
    assert.match(answer.error_msg, /name/);
    assert.match(answer.error_msg, /type/);
  });

  test("signRequest headers are accepted for a request sent with plain fetch", async () => {
    const url = `${emulator.url}/v1/${PROJECT}/dev-servers/hyper-clusters?type=HPS`;
    const headers = signRequest({
      method: "GET",
      url,
      headers: { "Content-Type": "application/json", "X-Project-Id": PROJECT },
      accessKey: DEV.accessKey,
      secretKey: DEV.secretKey,
    });
    const response = await fetch(url, { headers });
    assert.equal(response.status, 200, await response.clone().text());
    assert.ok(Array.isArray((await response.json()).hyper_clusters));
  });

  test("a stale X-Sdk-Date is refused as expired, and the client explains the clock", async () => {
    const url = `${emulator.url}/v1/${PROJECT}/dev-servers/hyper-clusters`;
    const headers = signRequest({
      method: "GET",
      url,
      headers: { "X-Project-Id": PROJECT },
      accessKey: DEV.accessKey,
      secretKey: DEV.secretKey,
      date: "20200101T000000Z",
    });
    const response = await fetch(url, { headers });
    assert.equal(response.status, 401);
    assert.match((await response.json()).error_msg, /expired/i);
  });
});
