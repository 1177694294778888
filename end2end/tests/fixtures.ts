import { test as base, expect, Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import * as fs from "node:fs";
import * as path from "node:path";

export const DEMO_PASSWORD = "nabij-demo-2024";
const MAIL_DIR = path.join(__dirname, "..", "..", "var", "e2e", "mail");

/**
 * A script, style or frame the page's Content-Security-Policy refused counts as a page error,
 * and so do a failed hydration and a panic of the WebAssembly (their messages, with the view's
 * file and line, come before the bare "unreachable" the browser reports). Each error says on
 * which address it happened.
 */
function watch(page: Page, errors: string[]) {
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${String(e)}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|panicked at|hydration/i.test(m.text())) {
      errors.push(`${page.url()}: ${m.text()}`);
    }
  });
}

export const test = base.extend<{ errors: string[] }>({
  // Every test's page fails it on an uncaught error or a refused script (auto).
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      watch(page, errors);
      await use(errors);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export function jsEnabled(testInfo: { project: { name: string } }): boolean {
  return testInfo.project.name === "hydrated";
}

/** Opens a page and, when JavaScript runs, waits until its islands run (body[data-hydrated]). */
export async function open(page: Page, url: string, js: boolean) {
  await page.goto(url);
  if (js) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
}

/**
 * Runs axe-core on the page; there must be no violations. axe needs JavaScript, so a page seen
 * without it is opened again, at the same address and with the same cookies, in a context where
 * scripts run but the app's own JavaScript and WebAssembly are blocked: the same server-rendered
 * HTML, never hydrated.
 */
export async function expectAccessible(page: Page) {
  const js = base.info().project.name === "hydrated";
  if (js) {
    // The page may have come by the in-page navigation: check its islands run.
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await check(page);
    return;
  }
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const context = await browser.newContext({ locale: "nl-BE", javaScriptEnabled: true });
  try {
    await context.addCookies(await page.context().cookies());
    await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    const copy = await context.newPage();
    await copy.goto(page.url());
    await check(copy);
  } finally {
    await context.close();
  }
}

async function check(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

/**
 * A downloaded spreadsheet as a Dutch spreadsheet opens it: it must start with a byte-order mark;
 * rows end with CRLF, every cell is quoted, cells are split at ";". Returns the rows, header first.
 */
export function openSpreadsheet(text: string): string[][] {
  expect(text.charCodeAt(0), "a byte-order mark").toBe(0xfeff);
  return text
    .slice(1)
    .trim()
    .split("\r\n")
    .map((line) => line.slice(1, -1).split('";"').map((cell) => cell.replace(/""/g, '"')));
}

/** Waits for a mail to `to` with a link containing `marker` and returns that link's path and query. */
export async function linkFromMail(to: string, marker: string): Promise<string> {
  for (let i = 0; i < 60; i++) {
    if (fs.existsSync(MAIL_DIR)) {
      const files = fs.readdirSync(MAIL_DIR).sort().reverse();
      for (const file of files) {
        const text = fs.readFileSync(path.join(MAIL_DIR, file), "utf8");
        if (text.includes(`X-Recipients: ${to}`) && text.includes(marker)) {
          const rest = text.slice(text.indexOf(marker));
          return rest.split(/\s/)[0];
        }
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} with ${marker}`);
}

/** Waits for a mail to `to` containing `marker` and returns the token after it. */
export async function tokenFromMail(to: string, marker: string): Promise<string> {
  const link = await linkFromMail(to, marker);
  return link.slice(marker.length, marker.length + 64);
}

/** Fills in and sends the sign-up form on the current page (password "een fiets op de dijk"). */
export async function fillSignUp(page: Page, name: string, email: string) {
  await page.getByLabel("Uw naam").fill(name);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Nieuw wachtwoord").fill("een fiets op de dijk");
  await page.getByLabel("Herhaal het wachtwoord").fill("een fiets op de dijk");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.locator("[data-test-signup-sent]")).toBeVisible();
}

/** Creates an account and confirms it from the e-mail, which signs the browser in. */
export async function signUpAndConfirm(page: Page, js: boolean, name: string, email: string) {
  await open(page, "/signup", js);
  await fillSignUp(page, name, email);
  const token = await tokenFromMail(email, "/confirm?token=");
  await open(page, `/confirm?token=${token}`, js);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een fiets op de dijk");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page).toHaveURL(/\/account/);
}

/** Signs in on the sign-in page and waits until it leads to `next` (and the page hydrated). */
export async function signIn(page: Page, js: boolean, email: string, password: string, next: string) {
  await open(page, `/signin?next=${encodeURIComponent(next)}`, js);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(new RegExp(`${next.replace(/[?]/g, "\\?")}$`));
  await page.waitForLoadState("load");
  if (js) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Signs out from the account page. */
export async function signOut(page: Page, js: boolean) {
  await open(page, "/account", js);
  await page.locator('[data-test-form="sign-out"] button').click();
  await expect(page.locator("[data-test-signin-link]")).toBeVisible();
}

/** A page of its own (its own cookies) for a second person, failing the test on page errors. */
export async function personPage(browser: Browser, js: boolean, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-BE", javaScriptEnabled: js });
  const page = await context.newPage();
  watch(page, errors);
  return page;
}

/** A small JPEG (drawn by the browser) with an EXIF block that holds a made-up location. */
export async function photoWithLocation(browser: Browser): Promise<Buffer> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const drawing = await context.newPage();
  const url = await drawing.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 48;
    const g = canvas.getContext("2d");
    if (g) {
      g.fillStyle = "#3366aa";
      g.fillRect(0, 0, 64, 48);
      g.fillStyle = "#ffcc00";
      g.fillRect(10, 10, 20, 20);
    }
    return canvas.toDataURL("image/jpeg", 0.9);
  });
  await context.close();
  const jpeg = Buffer.from(url.split(",")[1], "base64");
  const exif = Buffer.concat([
    Buffer.from("Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0", "latin1"),
    Buffer.from("GPS 51.0543N 3.7174E SECRET-LOCATION", "latin1"),
  ]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(exif.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1]), length, exif, jpeg.subarray(2)]);
}
