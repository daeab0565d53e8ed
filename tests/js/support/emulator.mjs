// Starts the real emulator binary on a free port for a test suite and stops it afterwards.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

const root = new URL("../../../", import.meta.url).pathname;

/** The emulator's documented development credentials (emulator/README.md). */
export const DEV = {
  token: "dev-token",
  accessKey: "DEVAK000000000000000",
  secretKey: "devsk00000000000000000000000000000000000",
};

/**
 * Builds (if needed) and starts `hc-emulator --port 0 --quiet ...args`; resolves once it prints its
 * URL. Returns `{ url, stop() }`.
 */
export async function startEmulator(args = []) {
  execFileSync("cargo", ["build", "--quiet", "-p", "modelarts-hyper-cluster-emulator", "--bin", "hc-emulator"], {
    cwd: root,
    stdio: "inherit",
  });
  const binary = join(process.env.CARGO_TARGET_DIR ?? join(root, "target"), "debug/hc-emulator");
  const child = spawn(binary, ["--port", "0", "--quiet", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/Emulator listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}:\n${output}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
