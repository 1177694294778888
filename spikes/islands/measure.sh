#!/usr/bin/env bash
# Weighs the islands spike's browser bundle (WebAssembly + JavaScript, as wasm-bindgen and
# wasm-opt leave them, compressed with gzip and brotli as the product serves them) for the
# floor (no island), the search island, the search island with a form island beside it, and
# the search as an island that fetches the server's HTML. VARIANTS chooses some.
# A first run compiles Leptos for the browser three times (about 15 minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$PWD/../../end2end/node_modules/.bin:$PATH"
export RUSTFLAGS="--cfg erase_components"
target="${CARGO_TARGET_DIR:-target}"
out="$target/weigh"
mkdir -p "$out"
printf '%-16s %10s %10s %10s %10s\n' variant "wasm B" "js B" "gzip KiB" "brotli KiB"
for variant in ${VARIANTS:-floor search search,form fragment}; do
  features=hydrate
  [ "$variant" != floor ] && features="hydrate,$variant"
  cargo build -q --lib --target wasm32-unknown-unknown --profile wasm-release --features "$features"
  dir="$out/${variant//,/-}"
  rm -rf "$dir"
  wasm-bindgen --target web --no-typescript --out-dir "$dir" "$target/wasm32-unknown-unknown/wasm-release/islands_spike.wasm"
  wasm="$dir/islands_spike_bg.wasm"
  if command -v wasm-opt >/dev/null; then wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int "$wasm" -o "$wasm"; fi
  js="$dir/islands_spike.js"
  node -e '
    const fs = require("fs"), zlib = require("zlib");
    const [variant, wasm, js] = process.argv.slice(1).map((p, i) => (i ? fs.readFileSync(p) : p));
    const gz = zlib.gzipSync(wasm, { level: 9 }).length + zlib.gzipSync(js, { level: 9 }).length;
    const br = [wasm, js].reduce((n, b) => n + zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);
    console.log(`${variant.padEnd(16)} ${String(wasm.length).padStart(10)} ${String(js.length).padStart(10)} ${(gz / 1024).toFixed(1).padStart(10)} ${(br / 1024).toFixed(1).padStart(10)}`);
  ' "$variant" "$wasm" "$js"
done
