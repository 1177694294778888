import { test, expect, open, expectAccessible, jsEnabled, tokenFromMail, openSpreadsheet, DEMO_PASSWORD } from "./fixtures";

test("home page shows the BeSafe table", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/", js);
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  const belgium = page.locator('[data-test-region="belgium"]');
  await expect(belgium).toContainText("1.386");
  await expect(belgium).toContainText("1.557");
  await expectAccessible(page);
});

test("the language switcher keeps the reader on the same page", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/signin", js);
  await page.locator('[data-test-lang="fr"]').click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Se connecter");
  await open(page, "/", js);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expectAccessible(page);
  for (const lang of ["de", "en"]) {
    await page.locator(`[data-test-lang="${lang}"]`).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expectAccessible(page);
  }
});

test("sign up, confirm by e-mail, see the account, sign out", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  const email = `e2e-${info.project.name}-${Date.now()}@example.be`;
  await open(page, "/signup", js);
  await expectAccessible(page);
  await page.getByLabel("Uw naam").fill("Eva Tester");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Nieuw wachtwoord").fill("kort");
  await page.getByLabel("Herhaal het wachtwoord").fill("kort");
  if (js) {
    // The browser's own check (minlength) stops the form before it is sent.
    await page.getByRole("button", { name: "Account aanmaken" }).click();
    await expect(page).toHaveURL(/\/signup$/);
  }
  await page.getByLabel("Nieuw wachtwoord").fill("een fiets op de dijk");
  await page.getByLabel("Herhaal het wachtwoord").fill("een andere fiets hier");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.locator('[data-test-error="passwords_differ"]')).toBeVisible();
  await expectAccessible(page);
  // Without JavaScript the page came back from the server, so the form is empty again.
  await page.getByLabel("Uw naam").fill("Eva Tester");
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Nieuw wachtwoord").fill("een fiets op de dijk");
  await page.getByLabel("Herhaal het wachtwoord").fill("een fiets op de dijk");
  await page.getByRole("button", { name: "Account aanmaken" }).click();
  await expect(page.locator("[data-test-signup-sent]")).toBeVisible();
  await expectAccessible(page);

  const token = await tokenFromMail(email, "/confirm?token=");
  await open(page, `/confirm?token=${token}`, js);
  await expectAccessible(page);
  await page.getByLabel("Wachtwoord", { exact: true }).fill("een fiets op de dijk");
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await expect(page).toHaveURL(/\/account/);
  await expect(page.locator("[data-test-greeting]")).toContainText("Eva Tester");
  await expect(page.locator("[data-test-account-link]")).toBeVisible();
  await expectAccessible(page);

  await page.locator('[data-test-form="sign-out"] button').click();
  await expect(page.locator("[data-test-signin-link]")).toBeVisible();
});

test("a demo officer signs in and sees only their zone", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/signin", js);
  await page.getByLabel("E-mailadres").fill("officer@demo.nabij.invalid");
  await page.getByLabel("Wachtwoord").fill("not the password");
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page.locator('[data-test-error="bad_credentials"]')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("E-mailadres").fill("officer@demo.nabij.invalid");
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/account/);
  await open(page, "/dashboard", js);
  await expect(page.locator('[data-test-dashboard="zone"]')).toHaveAttribute("data-test-zone", "5415");
  await expectAccessible(page);

  // The CSV has the same networks and scores as the table on the page.
  const rows = page.locator("[data-test-zone-bin]");
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  const href = (await page.locator("[data-test-zone-csv]").getAttribute("href")) ?? "";
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-disposition"]).toMatch(/zone-5415-\d{4}-\d{2}-\d{2}-\d{4}\.csv/);
  const lines = openSpreadsheet(await csv.text());
  expect(lines.length).toBe(count + 1);
  expect(lines[0][4]).toBe("Continuïteit");
  const first = rows.first();
  const id = (await first.getAttribute("data-test-zone-bin")) ?? "";
  const score = ((await first.locator("td").nth(2).textContent()) ?? "").split(" ")[0];
  const line = lines.find((l) => l[0] === id) ?? [];
  expect(line[4]).toBe(score);
  expect((await page.request.get("/dashboard/zone/5340.csv")).status()).toBe(403);

  // Every figure is a chart with a table; the households CSV has the table's numbers.
  await expect(page.locator("[data-test-zone-map] a")).toHaveCount(Number(await page.locator("[data-test-zone-map]").getAttribute("data-test-zone-map")));
  const households = page.locator('[data-test-figure="households"]');
  await expect(households.locator("svg[role=img]:visible")).toHaveCount(1);
  const cells = await households.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.children).map((c) => (c.textContent ?? "").trim())),
  );
  expect(cells.length).toBe(12);
  const figureHref = (await households.getByRole("link", { name: "Deze gegevens downloaden (CSV)" }).getAttribute("href")) ?? "";
  const figureCsv = openSpreadsheet(await (await page.request.get(figureHref)).text()).slice(1);
  expect(figureCsv.map((row) => row[1])).toEqual(cells.map((c) => c[1].replace(/\./g, "")));

  // The networks' table sorts by name, and the period can be chosen; both stay in the URL.
  await page.locator("#zone-networks thead").getByRole("link", { name: "Naam" }).click();
  await expect(page).toHaveURL(/sort=name/);
  const names = await page.locator("[data-test-zone-bin] td:first-child").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
  await expect(page.locator("#zone-networks th[aria-sort=ascending]")).toContainText("Naam");
  await page.getByLabel("Periode", { exact: true }).selectOption("3");
  await page.getByRole("button", { name: "Tonen" }).click();
  await expect(page).toHaveURL(/months=3/);
  await expect(page.locator('[data-test-figure="households"] tbody tr')).toHaveCount(3);
  await expectAccessible(page);
});

test("an unknown page says so with a 404", async ({ page, errors }, info) => {
  const response = await page.goto("/nergens");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  await expectAccessible(page);
});

test("the knowledge centre filters the charter registry", async ({ page, errors }, info) => {
  const js = jsEnabled(info);
  await open(page, "/signin", js);
  await page.getByLabel("E-mailadres").fill("admin@demo.nabij.invalid");
  await page.getByLabel("Wachtwoord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await expect(page).toHaveURL(/\/account/);
  await open(page, "/dashboard", js);
  await expect(page.locator("[data-test-areas=province] tbody tr")).toHaveCount(11);
  await expectAccessible(page);
  await open(page, "/registry", js);
  await page.getByLabel("Stand van het netwerk").selectOption("active");
  await page.getByRole("button", { name: "Filteren" }).click();
  // The filtered page is there (the count alone is the same before and after).
  await expect(page).toHaveURL(/state=active/);
  await expect(page.locator("[data-test-registry-matched]")).toHaveAttribute("data-test-registry-matched", "1557");
  await page.getByLabel("Gewest").selectOption("brussels");
  await page.getByRole("button", { name: "Filteren" }).click();
  await expect(page).toHaveURL(/region=brussels/);
  await expect(page.locator("[data-test-registry-matched]")).toHaveAttribute("data-test-registry-matched", "17");
  await expect(page.locator("[data-test-registry-line]")).toHaveCount(17);
  await expectAccessible(page);

  // An existing registry is imported line by line, with a report.
  await page.locator("[data-test-import-link]").click();
  await expect(page).toHaveURL(/\/registry\/import$/);
  await page.getByLabel("CSV-bestand").setInputFiles({
    name: "register.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`bin_id;version;signed;registered;next_review\n999999;1;2024-01-10;;2027-01-10\n`),
  });
  await page.locator('[data-test-form="import"] button[type="submit"]').click();
  await expect(page).toHaveURL(/\/registry\/import\?report=\d+$/);
  await expect(page.locator('[data-test-import="rejected"]')).toHaveText("1");
  await expect(page.locator('[data-test-rejected="2"]')).toContainText("999999");
  await expectAccessible(page);
});
