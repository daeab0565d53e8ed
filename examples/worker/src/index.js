// A Cloudflare Worker (module syntax) with one small JSON endpoint:
//
//   POST /clusters  {"name": "hc-01", "type": "HPS", "hyperClusterSubnetId": "..."}  -> 201 the cluster
//   GET  /clusters?type=HPS                                                       -> 200 [clusters]
//
// Callers send `Authorization: Bearer <API_KEY>`. The Huawei Cloud credentials stay in the Worker's
// environment (secrets), never in the caller. The package's "workerd" entry imports its .wasm as a
// module and initialises it when the Worker starts: nothing to fetch or set up here.
import { HyperClusterClient, isHyperClusterError } from "modelarts-hyper-cluster";

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/clusters") return json({ error: "not found" }, 404);
    if (!env.API_KEY) return json({ error: "the Worker has no API_KEY secret" }, 500);
    if (!authorized(request, env.API_KEY)) {
      return json({ error: "send Authorization: Bearer <API_KEY>" }, 401, { "www-authenticate": "Bearer" });
    }

    try {
      const client = new HyperClusterClient(clientConfig(env));
      if (request.method === "POST") {
        const { name, type, hyperClusterSubnetId } = (await request.json().catch(() => null)) ?? {};
        return json(await client.create({ name, type, hyperClusterSubnetId }), 201);
      }
      if (request.method === "GET") {
        return json(await client.list({ type: url.searchParams.get("type") ?? undefined }));
      }
      return json({ error: "method not allowed" }, 405, { allow: "GET, POST" });
    } catch (error) {
      if (!isHyperClusterError(error)) throw error;
      const { code, message, issues, status, errorCode, requestId } = error;
      return json({ code, message, issues, status, errorCode, requestId }, STATUS[code] ?? 500);
    }
  },
};

/** The client configuration, from the Worker's variables and secrets (wrangler.toml, `wrangler secret put`). */
function clientConfig(env) {
  const where = env.MODELARTS_ENDPOINT ? { endpoint: env.MODELARTS_ENDPOINT } : { region: env.MODELARTS_REGION };
  const auth = env.HUAWEICLOUD_SDK_TOKEN
    ? { token: env.HUAWEICLOUD_SDK_TOKEN }
    : {
        accessKey: env.HUAWEICLOUD_SDK_AK,
        secretKey: env.HUAWEICLOUD_SDK_SK,
        ...(env.HUAWEICLOUD_SDK_SECURITY_TOKEN && { securityToken: env.HUAWEICLOUD_SDK_SECURITY_TOKEN }),
      };
  return { ...where, projectId: env.HUAWEICLOUD_SDK_PROJECT_ID, auth, timeoutMs: 10_000 };
}

/** The HTTP status this endpoint answers for each error code of the package. */
const STATUS = { VALIDATION: 400, CONFIG: 500, API: 502, DECODE: 502, NETWORK: 502, TIMEOUT: 504 };

function authorized(request, apiKey) {
  const given = new TextEncoder().encode(request.headers.get("authorization") ?? "");
  const expected = new TextEncoder().encode(`Bearer ${apiKey}`);
  return given.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(given, expected);
}

function json(body, status = 200, headers = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
