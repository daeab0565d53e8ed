// The Node entry (export condition "node"): the `web` build, initialised synchronously from the
// .wasm file shipped next to it, so `import { ... } from "modelarts-hyper-cluster"` is ready to use.
// No top-level await, so `require("modelarts-hyper-cluster")` works too (Node >= 20.19, require(esm)).
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/web/modelarts_hyper_cluster.js";

initSync({ module: readFileSync(new URL("../pkg/web/modelarts_hyper_cluster_bg.wasm", import.meta.url)) });

export * from "./api.mjs";
