// Create, list, get and delete a ModelArts Hyper Cluster from Node. The package loads its
// WebAssembly itself: import and call, nothing to initialise.
//
//   HUAWEICLOUD_SDK_AK=... HUAWEICLOUD_SDK_SK=... HUAWEICLOUD_SDK_PROJECT_ID=... node index.mjs hc-01
//
// Set MODELARTS_ENDPOINT (e.g. http://127.0.0.1:8080, the local emulator) to use it instead of
// MODELARTS_REGION (default cn-north-4), and HUAWEICLOUD_SDK_TOKEN to use an IAM token.
import { HyperClusterClient, isHyperClusterError, validateCreateHyperCluster } from "modelarts-hyper-cluster";

const env = process.env;
const projectId = env.HUAWEICLOUD_SDK_PROJECT_ID;
const request = { name: process.argv[2] ?? "hc-example", type: "HPS" };

// Check the input first: every problem at once, field by field, nothing sent.
const { valid, issues } = validateCreateHyperCluster({ projectId, ...request });
if (!valid) {
  for (const issue of issues) console.error(`${issue.field}: ${issue.message}`);
  process.exit(2);
}

const auth = env.HUAWEICLOUD_SDK_TOKEN
  ? { token: env.HUAWEICLOUD_SDK_TOKEN }
  : {
      accessKey: env.HUAWEICLOUD_SDK_AK,
      secretKey: env.HUAWEICLOUD_SDK_SK,
      ...(env.HUAWEICLOUD_SDK_SECURITY_TOKEN && { securityToken: env.HUAWEICLOUD_SDK_SECURITY_TOKEN }),
    };
const where = env.MODELARTS_ENDPOINT ? { endpoint: env.MODELARTS_ENDPOINT } : { region: env.MODELARTS_REGION ?? "cn-north-4" };

try {
  const client = new HyperClusterClient({ ...where, projectId, auth, timeoutMs: 10_000 });
  const created = await client.create(request);
  const listed = await client.list({ type: "HPS" });
  const fetched = await client.get(created.id);
  await client.delete(created.id);
  console.log(JSON.stringify({ created, listed: listed.length, fetched }, null, 2));
} catch (error) {
  if (!isHyperClusterError(error)) throw error;
  // error.code: VALIDATION | CONFIG | API | NETWORK | TIMEOUT | ABORTED | DECODE
  console.error(`${error.code}: ${error.message}`);
  process.exit(1);
}
