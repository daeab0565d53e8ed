// The subpath entries, through the installed package: "/web" (initialise it yourself) and "/bundler"
// (the wasm-bindgen bundler build). `tsc --strict` must accept this file unchanged.
import init, { initSync, createHyperCluster, type InitOutput, type SyncInitInput } from "modelarts-hyper-cluster/web";
import { validateCreateHyperCluster as validateBundled, type ValidationResult } from "modelarts-hyper-cluster/bundler";

async function start(bytes: ArrayBuffer, module: WebAssembly.Module): Promise<void> {
  const ready: InitOutput = await init({ module_or_path: new URL("https://example.com/modelarts_hyper_cluster_bg.wasm") });
  const again: InitOutput = initSync({ module });
  const input: SyncInitInput = bytes;
  initSync({ module: input });
  console.log(ready.memory, again.memory);
  // @ts-expect-error initSync needs the module or its bytes
  initSync();
  // @ts-expect-error the web build's functions are typed like the main entry's: name is a string
  await createHyperCluster({ endpoint: "http://127.0.0.1:8080", projectId: "p", auth: { token: "t" } }, { name: 5 });
}

const checked: ValidationResult = validateBundled({ projectId: "p", name: "hc-01", type: "ECS" });
// @ts-expect-error an unknown server type
validateBundled({ projectId: "p", name: "hc-01", type: "GPU" });
console.log(start, checked);
