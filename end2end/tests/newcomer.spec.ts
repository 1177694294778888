import { test, expect, open, expectAccessible, jsEnabled, signIn, DEMO_PASSWORD } from "./fixtures";

// What a newcomer stumbled over: each test fails when the stumbling block comes back.

test("the privacy notice and the members' rules are pages in four languages, linked from every page", async ({ page }, info) => {
  const js = jsEnabled(info);
  await open(page, "/", js);
  await page.locator("[data-test-privacy-link]").click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.locator("h1")).toHaveText("Privacyverklaring");
  await expect(page.locator("[data-test-info=privacy] h2").first()).toBeVisible();
  // This installation names no operator, and the notice says so rather than leaving a gap.
  await expect(page.locator('[data-test-operator="none"]')).toBeVisible();
  await expectAccessible(page);
  const titles: Record<string, RegExp> = { fr: /confidentialité/, de: /Datenschutz/, en: /Privacy/ };
  for (const [lang, title] of Object.entries(titles)) {
    await page.locator(`[data-test-lang="${lang}"]`).click();
    await expect(page.locator("h1")).toHaveText(title);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
  }
  await open(page, "/rules", js);
  await expect(page.locator("[data-test-info=rules] h2").first()).toBeVisible();
  await expect(page.locator("[data-test-info=rules]")).toContainText("101");
  await expectAccessible(page);
});

test("saving the profile says so, and the roles card names the network", async ({ page }, info) => {
  const js = jsEnabled(info);
  await signIn(page, js, "coordinator@demo.nabij.invalid", DEMO_PASSWORD, "/account");
  const name = page.locator("#profile-name");
  const before = await name.inputValue();
  await name.fill(`${before} `);
  await page.locator('[data-test-form="profile"] button[type="submit"]').click();
  await expect(page.getByRole("status")).toHaveText("Uw naam en taal zijn opgeslagen.");
  // The coordinator's role names the network it is for, not a number.
  const roles = page.locator("[data-test-roles] li");
  await expect(roles.first()).toContainText("Coördinator, ");
  await expect(roles.first()).not.toContainText("#");
  await expectAccessible(page);
});

test("a new account has no role called member, and no dashboard in its menu", async ({ page }, info) => {
  const js = jsEnabled(info);
  await signIn(page, js, "member@demo.nabij.invalid", DEMO_PASSWORD, "/account");
  await expect(page.locator("[data-test-no-roles]")).toBeVisible();
  await expect(page.locator("[data-test-dashboard-link]")).toHaveCount(0);
  await open(page, "/account", js);
  await page.locator('[data-test-form="sign-out"] button').click();
  await signIn(page, js, "officer@demo.nabij.invalid", DEMO_PASSWORD, "/account");
  await expect(page.locator("[data-test-dashboard-link]")).toBeVisible();
});

test("a section that opens shows that it opens", async ({ page }, info) => {
  const js = jsEnabled(info);
  await signIn(page, js, "member@demo.nabij.invalid", DEMO_PASSWORD, "/account");
  const summary = page.locator('[data-test-form="delete-account"]').locator("xpath=ancestor::details/summary");
  const cue = await summary.evaluate((el) => getComputedStyle(el, "::before").getPropertyValue("border-right-style"));
  expect(cue).toBe("solid");
  const colour = await summary.evaluate((el) => getComputedStyle(el).color);
  const text = await page.locator("main p").first().evaluate((el) => getComputedStyle(el).color);
  expect(colour, "in the colour of links, not of text").not.toBe(text);
});

test("a certificate code that does not exist answers 404 with its explanation", async ({ page }, info) => {
  const js = jsEnabled(info);
  const response = await page.goto("/verify/NBJ-ZZZZ-ZZZZ");
  expect(response?.status()).toBe(404);
  if (js) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator('[data-test-verification="unknown"]')).toBeVisible();
});

test("a place is found by the name German speakers use for it", async ({ page }, info) => {
  const js = jsEnabled(info);
  await open(page, "/?q=L%C3%BCttich", js);
  await expect(page.locator("[data-test-hit]").first()).toBeVisible();
  await expect(page.locator("main")).toContainText("Luik");
});

test("a network's page gives its streets with their postcode and place", async ({ page }, info) => {
  const js = jsEnabled(info);
  await open(page, "/?q=9050", js);
  await page.locator("[data-test-hit] a").first().click();
  await expect(page).toHaveURL(/\/bin\/\d+$/);
  const street = page.locator("[data-test-segment]").first();
  await expect(street).toContainText(/, 9\d{3} \S/);
  // Gent has ten postcodes: the page says the postcode comes from the network's location.
  await expect(page.locator("main")).toContainText("Postcode volgens de ligging van het netwerk");
  await expectAccessible(page);
});

test("saving what one shares with the network says so", async ({ page }, info) => {
  const js = jsEnabled(info);
  await signIn(page, js, "member@demo.nabij.invalid", DEMO_PASSWORD, "/my");
  const form = page.locator('[data-test-form="sharing"]').first();
  await form.locator("xpath=ancestor::details/summary").click();
  await form.locator('button[type="submit"]').click();
  await expect(page.getByRole("status")).toHaveText("Wat u met uw netwerk deelt, is opgeslagen.");
  await expect(page).toHaveURL(/\/my\?saved=1$/);
  await expectAccessible(page);
});
