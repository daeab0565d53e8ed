#!/usr/bin/env bash
# Installs what the project needs, idempotently: each step checks first and skips what is there at
# the right version. `npm start` and `npm test` run it first; CI runs it on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.129   # must equal the `wasm-bindgen = "=..."` pin in Cargo.toml
SDK_PACKAGE="huaweicloudsdkmodelarts==3.1.219"
say() { printf '[setup] %s\n' "$*"; }

if ! command -v cargo >/dev/null; then
  say "cargo is missing: install Rust with rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in clippy rustfmt; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

# wasm-bindgen-cli must match the library version exactly. A debug build of the CLI installs in a
# third of the time and writes byte-identical output (TOOLCHAIN.md).
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about a minute)"
  cargo install wasm-bindgen-cli --locked --debug --force --version "$WASM_BINDGEN_VERSION"
fi

# npm dependencies: reinstall when package-lock.json changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  npm ci --no-audit --no-fund
fi

# Debian's Chromium and chromedriver for the browser tests (never a downloaded browser).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    say "chromium and chromedriver are missing: run 'sudo apt-get install chromium chromium-driver' (the browser tests need them)." >&2
  fi
fi

# The official Huawei Python SDK, the independent oracle of the signing and interop tests.
if ! .venv/bin/python -c "import huaweicloudsdkmodelarts" 2>/dev/null; then
  say "creating .venv with the official Huawei Cloud Python SDK"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "$SDK_PACKAGE"
fi
