// The browser entry (export condition "browser", which bundlers resolve for web builds): the `web`
// build, initialised by a top-level await that streams the .wasm from `new URL(..., import.meta.url)`,
// the pattern Vite and webpack 5 recognise and emit as an asset. Served unbundled, it works as is.
import init from "../pkg/web/modelarts_hyper_cluster.js";

await init({ module_or_path: new URL("../pkg/web/modelarts_hyper_cluster_bg.wasm", import.meta.url) });

export * from "./api.mjs";
