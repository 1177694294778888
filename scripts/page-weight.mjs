// Loads pages in Chromium as a first-time visitor would (a fresh context each: nothing cached),
// waits until the app has hydrated and the network is quiet, and prints what each page's first
// visit transferred, compressed as served, with its JavaScript and WebAssembly part. A page
// given as `email=path` is loaded by that demo person, signed in beforehand without the browser
// (so nothing is cached): the pages with the messaging islands need someone signed in.
// Usage: node scripts/page-weight.mjs http://127.0.0.1:3300 [path | email=path ...] [--detail]
import { createRequire } from "node:module";
const require = createRequire(new URL("../end2end/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const args = process.argv.slice(2);
const detail = args.includes("--detail");
const [base, ...given] = args.filter((a) => a !== "--detail");
const paths =
  given.length > 0
    ? given
    : [
        "/",
        "/?q=9000",
        "/learn",
        "/learn/phishing",
        "/bin/1",
        "/signin",
        "officer@demo.nabij.invalid=/messages/new",
        "member@demo.nabij.invalid=/report",
      ];
const DEMO_PASSWORD = "nabij-demo-2024";
const BUDGET_KIB = 100;
const CODE_BUDGET_KIB = 60;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const kib = (bytes) => (bytes / 1024).toFixed(1);
console.log(`${"page".padEnd(26)} ${"total KiB".padStart(10)} ${"JS+WASM KiB".padStart(12)} ${"requests".padStart(9)}`);
let over = 0;
for (const given of paths) {
  const signedIn = /^([^/=]+@[^/=]+)=(\/.*)$/.exec(given);
  const [who, path] = signedIn ? [signedIn[1], signedIn[2]] : [null, given];
  const context = await browser.newContext({ locale: "nl-BE" });
  if (who) {
    const signIn = await context.request.post(`${base}/api/auth/sign_in`, {
      form: { email: who, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    if (signIn.status() >= 400) throw new Error(`${who} could not sign in: ${signIn.status()}`);
  }
  const page = await context.newPage();
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.locator('body[data-hydrated="true"]').waitFor();
  await page.waitForLoadState("networkidle");
  const entries = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const all = [nav, ...performance.getEntriesByType("resource")];
    return all.map((e) => ({ name: new URL(e.name).pathname, raw: e.decodedBodySize, sent: e.encodedBodySize }));
  });
  await context.close();
  const total = entries.reduce((n, e) => n + e.sent, 0);
  const code = entries.filter((e) => /\.(js|wasm)$/.test(e.name)).reduce((n, e) => n + e.sent, 0);
  if (total / 1024 > BUDGET_KIB || code / 1024 > CODE_BUDGET_KIB) over += 1;
  console.log(`${(who ? `${path} (${who.split("@")[0]})` : path).padEnd(26)} ${kib(total).padStart(10)} ${kib(code).padStart(12)} ${String(entries.length).padStart(9)}`);
  if (detail) {
    for (const e of entries) console.log(`    ${e.name.padEnd(56)} ${String(e.raw).padStart(9)} raw ${String(e.sent).padStart(8)} sent`);
  }
}
await browser.close();
console.log(`budget: ${BUDGET_KIB} KiB a first visit, ${CODE_BUDGET_KIB} KiB of it JavaScript and WebAssembly; ${over} of ${paths.length} pages over`);
