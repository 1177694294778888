// The loader of the WebAssembly chunks that the release build writes (`__wasm_split.*.js`) names,
// above the loader of each chunk, every page that shares the chunk: comments several times the
// size of the code, sent to every first visit. This removes the comment lines and writes the
// brotli and gzip copies that the server sends again.
// Usage: node scripts/minify-split-loader.mjs target/site/pkg
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/minify-split-loader.mjs <site pkg directory>");
// Whole lines only: one block comment (nothing after its end) or one line comment.
const comment = /^\s*(\/\*(?:(?!\*\/).)*\*\/|\/\/.*)\s*$/;
for (const name of fs.readdirSync(dir).filter((n) => /^__wasm_split\..*\.js$/.test(n))) {
  const file = path.join(dir, name);
  const before = fs.readFileSync(file, "utf8");
  const after = before
    .split("\n")
    .filter((line) => !comment.test(line))
    .join("\n");
  fs.writeFileSync(file, after);
  const br = zlib.brotliCompressSync(after, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(after, { level: 9 }));
  console.log(`${name}: ${before.length} to ${after.length} bytes (${br.length} as brotli)`);
}
