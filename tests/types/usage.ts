// Every export, used as the README shows. `tsc --strict` must accept this file unchanged.
import {
  HyperClusterClient,
  createHyperCluster,
  isHyperClusterError,
  previewCreateHyperCluster,
  regions,
  signRequest,
  validateCreateHyperCluster,
  type ClientConfig,
  type HyperCluster,
  type HyperClusterError,
  type Region,
  type RequestPreview,
  type ValidationResult,
} from "modelarts-hyper-cluster";

const result: ValidationResult = validateCreateHyperCluster({ projectId: "p", name: "hc-01", type: "HPS" });
for (const issue of result.issues) {
  const where: "projectId" | "name" | "hyperClusterSubnetId" | "type" | "id" | "input" = issue.field;
  console.log(where, issue.param, issue.code, issue.message);
}

const config: ClientConfig = { region: "cn-north-4", projectId: "p", auth: { token: "t" }, timeoutMs: 5000 };
const signed: ClientConfig = {
  endpoint: "http://127.0.0.1:8080",
  projectId: "p",
  auth: { accessKey: "AK", secretKey: "SK", securityToken: "ST" },
  signal: new AbortController().signal,
};

async function main(): Promise<void> {
  const created: HyperCluster = await createHyperCluster(config, {
    name: "hc-01",
    hyperClusterSubnetId: "47be1c96-b00c-4cc9-83cb-089893a632b6",
    type: "ECS",
  });
  const defaultNetwork: boolean | undefined = created.networkInfo[0]?.isDefault;
  const client = new HyperClusterClient(signed);
  const all: HyperCluster[] = await client.list({ type: "HPS" });
  const one: HyperCluster = await client.get(created.id, { timeoutMs: 1000 });
  const answer: Record<string, unknown> = await client.delete(one.id, { signal: AbortSignal.timeout(1000) });
  await client.create({ name: "x" });
  const headers: Record<string, string> = signRequest({
    method: "GET",
    url: "https://modelarts.cn-north-4.myhuaweicloud.com/v1/p/dev-servers/hyper-clusters",
    accessKey: "AK",
    secretKey: "SK",
  });
  const known: Region[] = regions();
  const preview: RequestPreview = previewCreateHyperCluster(config, { name: "preview" });
  const firstHeader: [string, string] | undefined = preview.headers[0];
  console.log(preview.method, preview.url, preview.body, firstHeader);
  console.log(defaultNetwork, all, answer, headers, known);
}

main().catch((error: unknown) => {
  if (isHyperClusterError(error)) {
    const e: HyperClusterError = error;
    switch (e.code) {
      case "VALIDATION":
        console.log(e.issues.map((i) => i.field));
        break;
      case "API":
        console.log(e.status, e.errorCode, e.errorMsg, e.requestId, e.hint);
        break;
      case "TIMEOUT":
        console.log(e.timeoutMs);
        break;
      default:
        console.log(e.code, e.message);
    }
  }
});
