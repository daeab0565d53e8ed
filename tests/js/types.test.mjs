// The shipped TypeScript: the generated declarations are kept as snapshots (so any change to the
// public types shows up in review), and `tsc --strict` accepts a typed use of every export while
// refusing the wrong calls in misuse.ts. UPDATE_SNAPSHOTS=1 rewrites the snapshots.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const root = new URL("../../", import.meta.url).pathname;

for (const target of ["bundler", "web"]) {
  test(`the ${target} declarations match their snapshot`, () => {
    // The web build's InitOutput lists wasm-internal function numbers that change with any code
    // change; they are not API, so they are normalized away.
    const built = readFileSync(`${root}pkg/${target}/modelarts_hyper_cluster.d.ts`, "utf8").replace(
      /__wasm_bindgen_func_elem_\d+/g,
      "__wasm_bindgen_func_elem_N",
    );
    const snapshot = `${root}tests/types/${target}.d.ts.snap`;
    if (process.env.UPDATE_SNAPSHOTS === "1") writeFileSync(snapshot, built);
    assert.equal(built, readFileSync(snapshot, "utf8"), `pkg/${target} .d.ts changed: review, then UPDATE_SNAPSHOTS=1`);
    assert.doesNotMatch(built, /[:<|]\s*any\b|\bany\[\]/, "no `any` in the public types");
  });
}

test("tsc --strict accepts every export used as documented and refuses wrong calls", () => {
  try {
    execFileSync(`${root}node_modules/.bin/tsc`, ["-p", `${root}tests/types/tsconfig.json`], { encoding: "utf8" });
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});
