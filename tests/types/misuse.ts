// Wrong calls that must NOT compile: each `@ts-expect-error` fails the check if its line compiles.
import { HyperClusterClient, createHyperCluster, type ClientConfig } from "modelarts-hyper-cluster";

const config: ClientConfig = { region: "cn-north-4", projectId: "p", auth: { token: "t" } };

// @ts-expect-error a number for name
void createHyperCluster(config, { name: 5 });
// @ts-expect-error an unknown server type
void createHyperCluster(config, { name: "n", type: "GPU" });
// @ts-expect-error the type is case-sensitive
void createHyperCluster(config, { name: "n", type: "hps" });
// @ts-expect-error name is required
void createHyperCluster(config, {});
// @ts-expect-error an unknown region
const badRegion: ClientConfig = { region: "mars-1", projectId: "p", auth: { token: "t" } };
// @ts-expect-error region and endpoint together
const both: ClientConfig = { region: "cn-north-4", endpoint: "http://x", projectId: "p", auth: { token: "t" } };
// @ts-expect-error token and access keys together
const mixed: ClientConfig = { region: "cn-north-4", projectId: "p", auth: { token: "t", accessKey: "a", secretKey: "s" } };
// @ts-expect-error a secret key without its access key
const halfKey: ClientConfig = { region: "cn-north-4", projectId: "p", auth: { secretKey: "s" } };
// @ts-expect-error list takes options, not a type string
void new HyperClusterClient(config).list("HPS");

console.log(badRegion, both, mixed, halfKey);
