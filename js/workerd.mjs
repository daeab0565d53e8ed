// The Cloudflare Workers / workerd entry (export condition "workerd", which wrangler resolves first):
// the .wasm is imported as a module, which Workers compile at upload (wrangler's default rule for
// `*.wasm` is CompiledWasm), and instantiated synchronously; nothing is fetched.
import wasmModule from "../pkg/web/modelarts_hyper_cluster_bg.wasm";
import { initSync } from "../pkg/web/modelarts_hyper_cluster.js";

initSync({ module: wasmModule });

export * from "./api.mjs";
