// The package's API, as every runtime entry (node.mjs, browser.mjs, workerd.mjs) exports it once it
// has initialised the WebAssembly: the `web` build's exports without its init functions.
export {
  HyperClusterClient,
  createHyperCluster,
  isHyperClusterError,
  previewCreateHyperCluster,
  regions,
  signRequest,
  validateCreateHyperCluster,
} from "../pkg/web/modelarts_hyper_cluster.js";
