// No plugin is needed: the package's "browser" entry loads its .wasm with
// `new URL("...wasm", import.meta.url)`, which Vite emits as an asset in `vite build`.
export default {
  // In `vite dev`, serve the package as it is: pre-bundling it would move its JavaScript away from
  // the .wasm that import.meta.url points at.
  optimizeDeps: { exclude: ["modelarts-hyper-cluster"] },
};
