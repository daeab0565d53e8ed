// Builds the emulator if needed and runs it in the foreground; it serves the API, the console
// (www/) and the built package (pkg/) on one origin and prints the URL. Flags pass through:
//   npm start                    -> http://127.0.0.1:8080
//   npm run emulator -- --port 9000 --state ./state.json
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
execFileSync("cargo", ["build", "--quiet", "-p", "modelarts-hyper-cluster-emulator", "--bin", "hc-emulator"], {
  cwd: root,
  stdio: "inherit",
});
const child = spawn(join(root, "target/debug/hc-emulator"), process.argv.slice(2), { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
