#!/usr/bin/env bash
# Every suite, in order; keeps going after a failure so one run shows everything, and exits
# non-zero if any suite failed. `npm test` runs scripts/setup.sh first.
set -uo pipefail
cd "$(dirname "$0")/.."

# wasm-bindgen-test writes its JS harness to TMPDIR: keep it outside this ESM package (a .js file
# under our package.json would be read as ESM) and keep chromedriver's profile folders together.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/hc-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

passed=0
failed=()
step() {
  local name=$1
  shift
  printf '\n=== %s\n' "$name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf -- '--- ok: %s (%ss)\n' "$name" $((SECONDS - started))
  else
    failed+=("$name")
    printf -- '--- FAILED: %s (%ss)\n' "$name" $((SECONDS - started))
  fi
}

step "cargo fmt --check" cargo fmt --all --check
step "clippy (native, all targets)" cargo clippy --workspace --all-targets --quiet -- -D warnings
step "clippy (wasm32, all targets)" cargo clippy -p modelarts-hyper-cluster --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
step "native tests (core, signer vs official SDK, emulator)" cargo test --workspace --quiet
step "wasm-bindgen tests (Node and headless Chromium)" env TMPDIR="$scratch" CHROMEDRIVER="$(command -v chromedriver)" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p modelarts-hyper-cluster --target wasm32-unknown-unknown --test wasm_node --test wasm_browser
step "build the npm package (release wasm, three targets)" node scripts/build.mjs
for suite in tests/*.py; do
  [ -e "$suite" ] || continue
  step "python: $suite" .venv/bin/python "$suite"
done
step "node tests (package, types, emulator, console, runtimes, CLI)" node --test --test-concurrency=1 tests/js/

printf '\n=== summary\n'
for name in "${failed[@]}"; do printf 'FAILED: %s\n' "$name"; done
printf '%d passed, %d failed\n' "$passed" "${#failed[@]}"
[ "${#failed[@]}" -eq 0 ]
