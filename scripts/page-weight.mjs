// Loads the directory page in Chromium as a first-time visitor would, waits until the app has
// hydrated and the network is quiet, and prints every response with its size on the wire
// (compressed as served). Usage: node scripts/page-weight.mjs http://127.0.0.1:3300/
import { createRequire } from "node:module";
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const url = process.argv[2];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const context = await browser.newContext({ locale: "nl-BE" });
const page = await context.newPage();
await page.goto(url, { waitUntil: "networkidle" });
await page.locator('body[data-hydrated="true"]').waitFor();
await page.waitForLoadState("networkidle");
const entries = await page.evaluate(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const all = [nav, ...performance.getEntriesByType("resource")];
  return all.map((e) => ({ name: new URL(e.name).pathname, raw: e.decodedBodySize, sent: e.encodedBodySize }));
});
await browser.close();
let total = 0;
console.log(`${"resource".padEnd(60)} ${"raw bytes".padStart(10)} ${"transferred".padStart(12)}`);
for (const e of entries) {
  console.log(`${e.name.padEnd(60)} ${String(e.raw).padStart(10)} ${String(e.sent).padStart(12)}`);
  total += e.sent;
}
const kib = Math.ceil(total / 1024);
console.log(`${"total".padEnd(60)} ${"".padStart(10)} ${String(total).padStart(12)}  (${kib} KiB of a 250 KiB budget)`);
